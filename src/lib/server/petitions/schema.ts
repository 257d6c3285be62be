import { z } from 'zod';
import { PETITION_CATEGORIES, STAFF_PETITION_SOURCES, ALERT_MODES, ALERT_ROLES, ALERT_RULES } from '../../domain/enums';
import { storableText } from '../db/limits';
import { readPhone } from '../dossiers/fields';
import { chosenId, displayName } from '../http/form-schemas';
import { isDayKey } from '../../sipas/calendar';

/**
 * The petition forms, staff and public alike. Messages are catalogue keys ("petitions.error.…"),
 * present in both the staff and the public catalogue, so either page shows them in its language.
 */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const blankToNull = (v: unknown) => (typeof v === 'string' ? v.trim() || null : v ?? null);

export const petitionText = (max: number) =>
	z
		.string({ error: 'petitions.error.required' })
		.transform((v) => v.replace(/\r\n/g, '\n').trim())
		.pipe(
			z
				.string()
				.min(1, { error: 'petitions.error.required' })
				.max(max, { error: 'petitions.error.tooLong' })
				.refine(storableText, { error: 'petitions.error.unstorable' })
		);

export const optionalPhone = z.preprocess(
	blankToNull,
	z
		.string()
		.transform((v, ctx) => readPhone(v) ?? (ctx.addIssue({ code: 'custom', message: 'petitions.error.phone' }), z.NEVER))
		.nullable()
);
export const optionalEmail = z.preprocess(
	(v) => (typeof blankToNull(v) === 'string' ? (blankToNull(v) as string).toLowerCase() : blankToNull(v)),
	z.string().max(254, { error: 'petitions.error.email' }).regex(EMAIL, { error: 'petitions.error.email' }).nullable()
);
const optionalName = z.preprocess(blankToNull, z.string().max(200, { error: 'petitions.error.tooLong' }).refine(storableText, { error: 'petitions.error.unstorable' }).nullable());
const optionalId = z.preprocess((v) => (v === undefined || v === '' ? null : v), chosenId.nullable());

export const category = z.enum(PETITION_CATEGORIES, { error: 'petitions.error.category' });

/** The public form /y/{agency}: a petition, optional contact (both may be left empty). */
export const publicPetitionForm = z.object({
	submission_id: z.uuid({ error: 'petitions.error.resend' }),
	category,
	body: petitionText(4000),
	contact_name: optionalName.default(null),
	phone: optionalPhone.default(null),
	email: optionalEmail.default(null)
});

/** Staff entering a petition received on paper, by phone or at the counter. */
export const staffPetitionForm = z.object({
	category,
	source: z.enum(STAFF_PETITION_SOURCES, { error: 'petitions.error.source' }),
	body: petitionText(4000),
	contact_name: optionalName.default(null),
	phone: optionalPhone.default(null),
	email: optionalEmail.default(null),
	unit: optionalId.default(null),
	official: optionalId.default(null)
});

/** "Tôi muốn được trả lời" on the survey: a phone or an email is then required. */
export const surveyAnswerRequest = z
	.object({
		wants_answer: z.preprocess((v) => v === 'on' || v === 'true' || v === true, z.boolean()),
		answer_phone: optionalPhone.default(null),
		answer_email: optionalEmail.default(null)
	})
	.superRefine((v, ctx) => {
		if (v.wants_answer && !v.answer_phone && !v.answer_email) ctx.addIssue({ code: 'custom', path: ['answer_phone'], message: 'petitions.error.contactNeeded' });
	});

export const assignForm = z
	.object({ unit: optionalId.default(null), official: optionalId.default(null) })
	.refine((v) => v.unit !== null || v.official !== null, { path: ['unit'], error: 'petitions.error.assignee' });
export const answerForm = z.object({ answer: petitionText(8000) });
export const declineForm = z.object({ reason: petitionText(2000) });
export const noteForm = z.object({ note: petitionText(4000) });
export const publishForm = z.object({ published_answer: petitionText(8000) });
export const feedbackForm = z.object({ satisfied: z.enum(['yes', 'no'], { error: 'petitions.error.choose' }).transform((v) => v === 'yes') });

/** Administration: deadlines per category, the calendar, alert recipients and rules. */
export const deadlinesForm = z.object(
	Object.fromEntries(
		PETITION_CATEGORIES.map((c) => [c, z.string().regex(/^[1-9][0-9]?$/, { error: 'petitions.error.days' }).transform(Number)])
	) as Record<(typeof PETITION_CATEGORIES)[number], z.ZodPipe<z.ZodString, z.ZodTransform<number, string>>>
);
export const calendarDayForm = z.object({
	day: z.string({ error: 'petitions.error.day' }).refine(isDayKey, { error: 'petitions.error.day' }),
	kind: z.enum(['holiday', 'working'], { error: 'petitions.error.choose' }),
	name: displayName
});
export const recipientForm = z
	.object({
		name: displayName,
		channel: z.enum(['email', 'sms'], { error: 'petitions.error.choose' }),
		address: z.string({ error: 'petitions.error.required' }).trim().min(1, { error: 'petitions.error.required' }),
		role: z.enum(ALERT_ROLES, { error: 'petitions.error.choose' }),
		unit: optionalId.default(null),
		official: optionalId.default(null),
		mode: z.enum(ALERT_MODES, { error: 'petitions.error.choose' })
	})
	.transform((v, ctx) => {
		const address = v.channel === 'sms' ? readPhone(v.address) : EMAIL.test(v.address.toLowerCase()) && v.address.length <= 254 ? v.address.toLowerCase() : undefined;
		if (!address) ctx.addIssue({ code: 'custom', path: ['address'], message: v.channel === 'sms' ? 'petitions.error.phone' : 'petitions.error.email' });
		if (v.role === 'unit_leader' && v.unit === null) ctx.addIssue({ code: 'custom', path: ['unit'], message: 'petitions.error.choose' });
		if (v.role === 'official' && v.official === null) ctx.addIssue({ code: 'custom', path: ['official'], message: 'petitions.error.choose' });
		return { ...v, address: address ?? '' };
	});
const ticked = z.preprocess((v) => v === 'on', z.boolean());
export const rulesForm = z.object({ very_dissatisfied: ticked, attitude_case: ticked, deadline: ticked, dimension_below: ticked } satisfies Record<(typeof ALERT_RULES)[number], unknown>);
