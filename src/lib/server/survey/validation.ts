import { z } from 'zod';
import type { FieldErrors, Message, MessageKey } from '$lib/i18n';
import { AGE_GROUPS, CHANNELS, ETHNICITIES, GENDERS, RESPONDENT_TYPES } from '../../domain/enums';
import { INT4_MAX, storableText } from '../db/limits';
export type { FieldErrors };

/**
 * What a citizen may send, checked on the server whatever the browser did. The same schema serves
 * the HTML form (form-encoded, see fromForm) and the JSON API.
 */
export const COMMENT_MAX = 2000;
export const DOSSIER_CODE_MAX = 60;

/** 1–5 on the scale, or null for "Không áp dụng" (N/A). */
export type AnswerValue = 1 | 2 | 3 | 4 | 5 | null;

/**
 * Exactly what the form sends ("1"…"5", "na") and what the JSON API documents (integers 1–5,
 * "na"; null counts as N/A too). Nothing is coerced: true, [5], "0x3", "3e0", "+5", "5.0" are refused.
 */
const answer = z.union([
	z.literal('na').transform((): AnswerValue => null),
	z.null(),
	z.enum(['1', '2', '3', '4', '5']).transform((v) => Number(v) as AnswerValue),
	z.literal([1, 2, 3, 4, 5]).transform((v) => v as AnswerValue)
]);

/** An id (int4 in the database): a plain decimal string as forms send it, or a whole JSON number. */
const id = z
	.union([z.string().regex(/^[1-9][0-9]{0,9}$/).transform(Number), z.number().int()])
	.pipe(z.number().min(1).max(INT4_MAX));

const emptyToNull = (v: unknown) => (v === '' || v === undefined ? null : v);
const choice = <const T extends readonly [string, ...string[]]>(values: T) => z.preprocess(emptyToNull, z.enum(values).nullable());
const text = (max: number, tooLong: MessageKey, unstorable: MessageKey) =>
	z.preprocess(
		(v) => (typeof v === 'string' ? v.replace(/\r\n/g, '\n').trim() || null : emptyToNull(v)),
		z.string().max(max, { message: tooLong }).refine(storableText, { message: unstorable }).nullable()
	);

export const submissionSchema = z.object({
	submission_id: z.uuid({ message: 'error.submission' satisfies MessageKey }),
	survey_version: id,
	answers: z.record(z.string().regex(/^[A-Z]{2}[0-9]{1,2}$/), answer).default({}),
	respondent_type: choice(RESPONDENT_TYPES).default(null),
	gender: choice(GENDERS).default(null),
	age_group: choice(AGE_GROUPS).default(null),
	ethnicity: choice(ETHNICITIES).default(null),
	channel: choice(CHANNELS).default(null),
	procedure_field: z.preprocess(emptyToNull, id.nullable()).default(null),
	dossier_code: text(DOSSIER_CODE_MAX, 'error.dossierCode.tooLong', 'error.dossierCode.unstorable').default(null),
	comment: text(COMMENT_MAX, 'error.comment.tooLong', 'error.comment.unstorable').default(null)
});

export type Submission = z.output<typeof submissionSchema>;


export type ParseResult = { ok: true; submission: Submission } | { ok: false; errors: FieldErrors };

/** Field names of the HTML form: answers are "a.PA1" = "1"…"5" | "na" | "" (skipped). */
export function fromForm(form: FormData): Record<string, unknown> {
	const raw: Record<string, unknown> = {};
	const answers: Record<string, string> = {};
	for (const [name, value] of form) {
		if (typeof value !== 'string') continue; // no file field exists; ignore any sent
		if (name.startsWith('a.')) {
			if (value !== '') answers[name.slice(2)] = value;
		} else raw[name] = value;
	}
	raw.answers = answers;
	return raw;
}

export function parseSubmission(raw: unknown, criterionKeys: ReadonlySet<string>): ParseResult {
	const parsed = submissionSchema.safeParse(raw);
	const errors: FieldErrors = {};
	const answers = (raw as { answers?: unknown } | null)?.answers;
	if (answers && typeof answers === 'object') {
		for (const key of Object.keys(answers)) if (!criterionKeys.has(key)) errors[`a.${key}`] = { key: 'error.unknownCriterion' };
	}
	if (!parsed.success) {
		for (const issue of parsed.error.issues) {
			const [first, second] = issue.path;
			const field = first === 'answers' && typeof second === 'string' ? `a.${second}` : String(first ?? 'form');
			if (errors[field]) continue;
			errors[field] = toFieldError(field, issue, raw);
		}
		return { ok: false, errors };
	}
	return Object.keys(errors).length ? { ok: false, errors } : { ok: true, submission: parsed.data };
}

function toFieldError(field: string, issue: z.core.$ZodIssue, raw: unknown): Message {
	if (field.startsWith('a.')) {
		return { key: issue.code === 'invalid_key' ? 'error.unknownCriterion' : 'error.answer' };
	}
	if (field === 'comment' && issue.code === 'too_big') {
		const value = (raw as Record<string, unknown>)?.comment;
		return { key: 'error.comment.tooLong', params: { length: typeof value === 'string' ? value.trim().length : 0 } };
	}
	if (field === 'dossier_code' && issue.code === 'too_big') return { key: 'error.dossierCode.tooLong' };
	if ((field === 'comment' || field === 'dossier_code') && issue.code === 'custom') {
		return { key: field === 'comment' ? 'error.comment.unstorable' : 'error.dossierCode.unstorable' };
	}
	if (field === 'submission_id' || field === 'survey_version') return { key: 'error.submission' };
	return { key: 'error.choice' };
}
