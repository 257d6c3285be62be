import type { Cookies } from '@sveltejs/kit';
import type { Kysely } from 'kysely';
import type { FieldErrors } from '$lib/i18n';
import type { Database } from '../db/schema';
import { openCaseFromSurvey } from './from-survey';
import { surveyAnswerRequest } from './schema';
import { groupSecret } from './secret';

/**
 * The survey form's "Tôi muốn được trả lời" with its phone or email, read before the response is
 * submitted (a wrong number keeps the whole form on screen), and the code and secret of the case
 * it opened, handed to the thank-you page once in a short-lived cookie (never in the URL).
 */
export type AnswerRequest = { wants: false } | { wants: true; phone: string | null; email: string | null };

export function readAnswerRequest(values: Record<string, unknown>): { ok: true; request: AnswerRequest } | { ok: false; errors: FieldErrors } {
	// Not ticked: whatever was typed in the contact fields is neither checked nor kept.
	if (values.wants_answer !== 'on' && values.wants_answer !== 'true' && values.wants_answer !== true) return { ok: true, request: { wants: false } };
	const parsed = surveyAnswerRequest.safeParse(values);
	if (!parsed.success) {
		const errors: FieldErrors = {};
		for (const issue of parsed.error.issues) {
			const field = String(issue.path[0] ?? 'answer_phone');
			if (errors[field]) continue;
			errors[field] = { key: issue.message === 'petitions.error.contactNeeded' ? 'error.answerContact' : field === 'answer_email' ? 'error.answerEmail' : 'error.answerPhone' };
		}
		return { ok: false, errors };
	}
	const v = parsed.data;
	return { ok: true, request: v.wants_answer ? { wants: true, phone: v.answer_phone, email: v.answer_email } : { wants: false } };
}

const FLASH = 'hl_case';

export function setCaseFlash(cookies: Cookies, path: string, code: string, secret: string): void {
	cookies.set(FLASH, `${code}.${secret}`, { path, maxAge: 600, httpOnly: true, sameSite: 'lax', secure: false });
}

export function takeCaseFlash(cookies: Cookies, path: string): { code: string; secret: string } | null {
	const value = cookies.get(FLASH);
	if (!value) return null;
	cookies.delete(FLASH, { path });
	const match = /^(PA-\d{4}-\d{6,12})\.([0-9A-Z]{16})$/.exec(value);
	return match ? { code: match[1]!, secret: groupSecret(match[2]!) } : null;
}

/**
 * Called by the survey routes after the response was stored (or found stored): opens the case when
 * asked for and eligible, and hands its code and secret to the thank-you page at `thanksPath`.
 * A failure here is logged and does not undo the stored response.
 */
export async function openRequestedCase(
	db: Kysely<Database>,
	cookies: Cookies,
	thanksPath: string,
	submissionId: unknown,
	request: AnswerRequest,
	origin: string
): Promise<void> {
	if (!request.wants || typeof submissionId !== 'string') return;
	try {
		const result = await openCaseFromSurvey(db, submissionId, { phone: request.phone, email: request.email }, { origin });
		if (result.kind === 'opened') setCaseFlash(cookies, thanksPath, result.code, result.secret);
	} catch (error) {
		console.error(JSON.stringify({ level: 'error', event: 'petition_from_survey_failed', error: String(error) }));
	}
}
