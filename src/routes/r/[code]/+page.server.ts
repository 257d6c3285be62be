import { error, fail, redirect } from '@sveltejs/kit';
import { localized, type FieldErrors } from '$lib/i18n';
import { appConfig } from '$lib/server/config';
import { db } from '$lib/server/db';
import { answerInvitation } from '$lib/server/invitations/answer-invitation';
import { openInvitation, type InvitationLookup } from '$lib/server/invitations/open-invitation';
import { fromForm } from '$lib/server/survey/validation';
import { publicOrigin } from '$lib/server/counters/posters/origin';
import { openRequestedCase, readAnswerRequest } from '$lib/server/petitions/survey-request';
import type { Actions, PageServerLoad } from './$types';

/**
 * /r/{code}: the survey of one dossier, opened with its single-use rating code. Unknown code 404,
 * already rated 409, expired 410, too many wrong codes 429; each with its own page (+error.svelte).
 */
const STATUS = { not_found: 404, used: 409, expired: 410, too_many: 429 } as const;

function refuse(kind: Exclude<InvitationLookup['kind'], 'open'>): never {
	error(STATUS[kind], { message: `invitation_${kind}` });
}

export const load: PageServerLoad = async ({ params, locals, getClientAddress, request }) => {
	const config = appConfig();
	const found = await openInvitation(db(), params.code, {
		validDays: config.INVITATION_VALID_DAYS,
		wrongCodesPerHour: config.FLOOD_FLAG_PER_HOUR,
		client: { address: getClientAddress(), userAgent: request.headers.get('user-agent') ?? '' }
	}).catch(() => error(503, { message: 'unavailable' }));
	if (found.kind !== 'open') refuse(found.kind);
	const { survey, procedureName } = found.invitation;
	const locale = locals.locale;
	return {
		agencyName: localized(survey.agency, 'name', locale),
		procedureName,
		versionId: survey.version.id,
		leadIn: localized(survey.version, 'lead_in', locale),
		dimensions: survey.dimensions.map((d) => ({
			key: d.key,
			name: localized(d, 'name', locale),
			criteria: d.criteria.map((c) => ({ key: c.key, text: localized(c, 'text', locale) }))
		})),
		submissionId: crypto.randomUUID(),
		validDays: config.INVITATION_VALID_DAYS
	};
};

export const actions: Actions = {
	default: async ({ request, params, getClientAddress, cookies, url }) => {
		let form: FormData;
		try {
			form = await request.formData();
		} catch {
			return fail(400, { errors: { form: { key: 'error.submission' } } as FieldErrors, values: {} as Record<string, string> });
		}
		const values: Record<string, string> = {};
		for (const [name, value] of form) if (typeof value === 'string' && name.length <= 40) values[name] = value.slice(0, 4000);
		// "Tôi muốn được trả lời" (petitions): its contact is checked before anything is stored.
		const answerRequest = readAnswerRequest(values);
		if (!answerRequest.ok) return fail(400, { errors: { form: { key: 'error.fixBelow' }, ...answerRequest.errors } as FieldErrors, values });
		const result = await answerInvitation(db(), appConfig(), params.code, fromForm(form), {
			address: getClientAddress(),
			userAgent: request.headers.get('user-agent') ?? ''
		}).catch(() => ({ kind: 'unavailable' }) as const);
		switch (result.kind) {
			case 'stored':
			case 'duplicate':
				await openRequestedCase(db(), cookies, `/r/${params.code}/thanks`, values.submission_id, answerRequest.request, publicOrigin(url));
				redirect(303, `/r/${params.code}/thanks`);
			case 'not_found':
			case 'used':
			case 'expired':
			case 'too_many':
				refuse(result.kind);
			case 'invalid':
				return fail(400, { errors: { form: { key: 'error.fixBelow' }, ...result.errors } as FieldErrors, values });
			case 'version_changed':
				return fail(400, { errors: { form: { key: 'error.versionChanged' } } as FieldErrors, values });
			case 'unavailable':
				return fail(503, { errors: { form: { key: 'error.tryAgain' } } as FieldErrors, values });
		}
	}
};
