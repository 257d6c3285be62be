import { error, fail } from '@sveltejs/kit';
import type { FieldErrors } from '$lib/i18n';
import type { PetitionPublicKey } from '$lib/i18n/petitions-public';
import { findPublicAgency } from '$lib/server/agencies/find-public';
import { appConfig } from '$lib/server/config';
import { publicOrigin } from '$lib/server/counters/posters/origin';
import { db } from '$lib/server/db';
import { formatDate } from '$lib/sipas/format';
import { dueText } from '$lib/server/petitions/messages';
import { submitPublicPetition } from '$lib/server/petitions/public-submit';
import { dueDayOf, publishedAnswers } from '$lib/server/petitions/queries';
import { groupSecret } from '$lib/server/petitions/secret';
import type { Actions, PageServerLoad } from './$types';

/**
 * /y/{agency}: the public petition form (no sign-in, no JavaScript needed, files up to 3 × 5 MB;
 * see hooks.server.ts for its body limit) and, below it, the answers the agency published.
 */
export const load: PageServerLoad = async ({ params, locals }) => {
	const agency = await findPublicAgency(db(), params.agency).catch(() => error(503, { message: 'unavailable' }));
	if (!agency) error(404, { message: 'not_found' });
	const answers = await publishedAnswers(db(), agency.id);
	return {
		agency: { code: agency.code, name: locals.locale === 'en' ? agency.name_en : agency.name_vi },
		submissionId: crypto.randomUUID(),
		answers: answers.map((a) => ({ code: a.code, category: a.category, answer: a.answer ?? '', date: formatDate(a.answeredAt ?? a.publishedAt!, locals.locale) }))
	};
};

type Failure = { errors: FieldErrors<PetitionPublicKey>; values: Record<string, string> };

export const actions: Actions = {
	default: async ({ request, params, getClientAddress, url }) => {
		let form: FormData;
		try {
			form = await request.formData();
		} catch {
			return fail(400, { errors: { form: { key: 'petitions.error.resend' } }, values: {} } satisfies Failure);
		}
		const values: Record<string, string> = {};
		for (const [name, value] of form) if (typeof value === 'string' && name.length <= 40) values[name] = value.slice(0, 4000);
		const result = await submitPublicPetition(db(), appConfig(), params.agency, form, { address: getClientAddress(), userAgent: request.headers.get('user-agent') ?? '' }, { origin: publicOrigin(url) }).catch(
			(cause) => {
				console.error(JSON.stringify({ level: 'error', event: 'petition_submit_failed', error: String(cause) }));
				return { kind: 'unavailable' } as const;
			}
		);
		switch (result.kind) {
			case 'stored': {
				const due = await dueDayOf(db(), result.code);
				// Answered on this page, not by a redirect: the secret must not go into a URL or a log.
				return { sent: { code: result.code, secret: groupSecret(result.secret), due: dueText(due) } };
			}
			case 'duplicate':
				return { duplicate: result.code };
			case 'not_found':
				error(404, { message: 'not_found' });
			case 'invalid':
				return fail(400, { errors: { form: { key: 'petitions.public.fixBelow' }, ...result.errors }, values } satisfies Failure);
			case 'too_many':
				return fail(429, { errors: { form: { key: 'petitions.error.tooMany' } }, values } satisfies Failure);
			case 'unavailable':
				return fail(503, { errors: { form: { key: 'petitions.error.tryAgain' } }, values } satisfies Failure);
		}
	}
};
