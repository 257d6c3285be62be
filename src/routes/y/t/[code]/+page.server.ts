import { fail } from '@sveltejs/kit';
import type { Locale } from '$lib/i18n';
import { appConfig } from '$lib/server/config';
import { db } from '$lib/server/db';
import { formatDateTime } from '$lib/server/http/time';
import { dueText } from '$lib/server/petitions/messages';
import { feedbackForm } from '$lib/server/petitions/schema';
import { PETITION_CODE } from '$lib/server/petitions/secret';
import { recordFeedback, trackPetition, type TrackedPetition } from '$lib/server/petitions/tracking';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

/**
 * /y/t/{code}: a petition's state and answer for whoever holds its secret, sent by POST (never in
 * the URL). Unknown code or wrong secret: 403, the same page; too many wrong tries: 429. The last
 * question asks whether the answer was satisfactory.
 */
export const load: PageServerLoad = async ({ params }) => ({ code: PETITION_CODE.test(params.code) ? params.code : params.code.slice(0, 30) });

function view(p: TrackedPetition, locale: Locale) {
	return {
		code: p.code,
		agencyName: locale === 'en' ? p.agencyNameEn : p.agencyName,
		agencyCode: p.agencyCode,
		category: p.category,
		state: p.state,
		received: formatDateTime(p.receivedAt, locale),
		due: dueText(p.dueOn),
		answer: p.answer,
		answered: formatDateTime(p.answeredAt, locale),
		declineReason: p.declineReason,
		satisfied: p.satisfied
	};
}

async function open(event: RequestEvent, form: FormData) {
	const secret = String(form.get('secret') ?? '').slice(0, 64);
	const result = await trackPetition(db(), event.params.code, secret, {
		client: { address: event.getClientAddress(), userAgent: event.request.headers.get('user-agent') ?? '' },
		wrongPerHour: appConfig().FLOOD_FLAG_PER_HOUR
	});
	return { result, secret };
}

async function formOf(request: Request): Promise<FormData> {
	try {
		return await request.formData();
	} catch {
		return new FormData();
	}
}

export const actions: Actions = {
	open: async (event) => {
		const { result, secret } = await open(event, await formOf(event.request));
		if (result.kind === 'too_many') return fail(429, { problem: 'tooMany' as const });
		if (result.kind === 'wrong') return fail(403, { problem: 'wrong' as const });
		return { petition: view(result.petition, event.locals.locale), secret };
	},
	feedback: async (event) => {
		const form = await formOf(event.request);
		const { result, secret } = await open(event, form);
		if (result.kind === 'too_many') return fail(429, { problem: 'tooMany' as const });
		if (result.kind === 'wrong') return fail(403, { problem: 'wrong' as const });
		const verdict = feedbackForm.safeParse({ satisfied: form.get('satisfied') ?? undefined });
		if (!verdict.success) return fail(400, { petition: view(result.petition, event.locals.locale), secret, problem: 'choose' as const });
		await recordFeedback(db(), result.petition, verdict.data.satisfied);
		return { petition: { ...view(result.petition, event.locals.locale), satisfied: verdict.data.satisfied }, secret, thanked: true };
	}
};
