import { error, fail, redirect } from '@sveltejs/kit';
import { localized, type FieldErrors } from '$lib/i18n';
import { appConfig } from '$lib/server/config';
import { db } from '$lib/server/db';
import { counterName } from '$lib/server/counters/public-counters';
import { findCounterSurvey, type CounterSurvey } from '$lib/server/survey/definition';
import { clipKeys } from '$lib/server/kiosks/clips';
import { formLanguageOf, NO_FORM_LANGUAGE } from '$lib/server/kiosks/form-language';
import { receiveSubmission } from '$lib/server/survey/service';
import { fromForm } from '$lib/server/survey/validation';
import { publicOrigin } from '$lib/server/counters/posters/origin';
import { openRequestedCase, readAnswerRequest } from '$lib/server/petitions/survey-request';
import type { Actions, PageServerLoad } from './$types';

/**
 * The last questionnaire served per counter, so that when the database is unreachable a citizen
 * whose submit failed (without JavaScript the page is rendered again) gets the form back with
 * their answers and a "try again" message, not an error page that loses them.
 */
const lastServed = new Map<string, CounterSurvey>();
const LAST_SERVED_MAX = 2000;

export const load: PageServerLoad = async ({ params, locals, url }) => {
	const survey = await findCounterSurvey(db(), params.code).then(
		(found) => {
			if (found && (lastServed.has(params.code) || lastServed.size < LAST_SERVED_MAX)) lastServed.set(params.code, found);
			return found;
		},
		(cause) => lastServed.get(params.code) ?? unavailable(cause)
	);
	if (!survey) error(404, { message: 'counter_not_found' });
	// A questionnaire language beyond vi/en (?form=jrai, README "Kiosk…"): its texts, Vietnamese where missing.
	const form = await formLanguageOf(db(), survey.version.id, url.searchParams.get('form')).catch(() => NO_FORM_LANGUAGE);
	const locale = form.language ? 'vi' : locals.locale;
	const own = (key: string, text: string) => form.texts[key] ?? text;
	// Only what the page shows, in the reader's language.
	return {
		agencyName: localized(survey.agency, 'name', locale),
		counterName: counterName(survey.counter, locale),
		counterCode: survey.counter.code,
		versionId: survey.version.id,
		leadIn: own('lead_in', localized(survey.version, 'lead_in', locale)),
		dimensions: survey.dimensions.map((d) => ({
			key: d.key,
			name: own(`dim.${d.key}`, localized(d, 'name', locale)),
			criteria: d.criteria.map((c) => ({ key: c.key, text: own(`crit.${c.key}`, localized(c, 'text', locale)) }))
		})),
		procedureFields: survey.procedureFields,
		formLanguage: form.language,
		formLanguages: form.offered,
		pageStrings: form.pageStrings,
		// Statements with a recorded read-aloud clip in this language (README "Kiosk"); none if unreadable.
		clips: (await clipKeys(db(), survey.version.id).catch(() => ({}) as Record<string, string[]>))[form.language ?? locale] ?? [],
		// Issued with the form: submitting it twice stores one response.
		submissionId: crypto.randomUUID()
	};
};

export const actions: Actions = {
	default: async ({ request, params, getClientAddress, cookies, url }) => {
		let form: FormData;
		try {
			form = await request.formData();
		} catch {
			return fail(400, { errors: { form: { key: 'error.submission' } } as FieldErrors, values: {} });
		}
		const values = echo(form);
		// "Tôi muốn được trả lời" (petitions): its contact is checked before anything is stored.
		const answerRequest = readAnswerRequest(values);
		if (!answerRequest.ok) return fail(400, { errors: { form: { key: 'error.fixBelow' }, ...answerRequest.errors } as FieldErrors, values });
		const result = await receiveSubmission(db(), appConfig(), params.code, fromForm(form), {
			address: getClientAddress(),
			userAgent: request.headers.get('user-agent') ?? ''
		}).catch(() => ({ kind: 'unavailable' }) as const);

		switch (result.kind) {
			case 'stored':
			case 'duplicate':
				await openRequestedCase(db(), cookies, `/s/${params.code}/thanks`, values.submission_id, answerRequest.request, publicOrigin(url));
				redirect(303, `/s/${params.code}/thanks`);
			case 'not_found':
				error(404, { message: 'counter_not_found' });
			case 'invalid':
				return fail(400, { errors: { form: { key: 'error.fixBelow' }, ...result.errors } as FieldErrors, values });
			case 'version_changed':
				return fail(400, { errors: { form: { key: 'error.versionChanged' } } as FieldErrors, values });
			case 'too_many':
				return fail(429, { errors: { form: { key: 'error.tooMany' } } as FieldErrors, values });
			case 'unavailable':
				return fail(503, { errors: { form: { key: 'error.tryAgain' } } as FieldErrors, values });
		}
	}
};

/** The citizen's own entries, to show the form again exactly as it was sent. */
function echo(form: FormData): Record<string, string> {
	const values: Record<string, string> = {};
	for (const [name, value] of form) if (typeof value === 'string' && name.length <= 40) values[name] = value.slice(0, 4000);
	return values;
}

function unavailable(cause: unknown): never {
	console.error(JSON.stringify({ level: 'error', event: 'database_unreachable', error: String(cause) }));
	error(503, { message: 'unavailable' });
}
