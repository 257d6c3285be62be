import { redirect } from '@sveltejs/kit';
import { formValues } from '$lib/server/http/form-fields';
import { refuse, requireAdmin } from '$lib/server/http/pages';
import { deleteOfficialResult, listOfficialResults, publicResultsOn, recordOfficialResult, setPublicResults } from '$lib/server/official-results/store';
import { dimensionNames } from '$lib/server/survey/labels';
import { db } from '$lib/server/db';
import type { Actions, PageServerLoad } from './$types';

/** Published results: the official SIPAS results recorded for the year view, and the public page switch. */
export const load: PageServerLoad = async (event) => {
	const { agency } = await requireAdmin(event);
	const [results, publicOn, names] = await Promise.all([
		listOfficialResults(db(), agency.id),
		publicResultsOn(db(), agency.id),
		dimensionNames(db(), event.locals.locale)
	]);
	return { results, publicOn, names, done: event.url.searchParams.get('done') };
};

export const actions: Actions = {
	record: async (event) => {
		const { principal, agency } = await requireAdmin(event);
		const values = await formValues(event.request);
		const outcome = await recordOfficialResult(db(), principal, agency.id, values);
		if (!outcome.ok) return refuse(outcome, 'record', values);
		redirect(303, `/a/${agency.code}/admin/results?done=saved`);
	},
	delete: async (event) => {
		const { principal, agency } = await requireAdmin(event);
		const values = await formValues(event.request);
		const id = Number(values.id);
		const outcome = Number.isInteger(id) && id > 0 && id < 2 ** 31 ? await deleteOfficialResult(db(), principal, agency.id, id) : ({ ok: false, status: 404 } as const);
		if (!outcome.ok) return refuse(outcome, 'delete', values);
		redirect(303, `/a/${agency.code}/admin/results?done=deleted`);
	},
	public: async (event) => {
		const { principal, agency } = await requireAdmin(event);
		const values = await formValues(event.request);
		const outcome = await setPublicResults(db(), principal, agency.id, values.on === '1');
		if (!outcome.ok) return refuse(outcome, 'public', values);
		redirect(303, `/a/${agency.code}/admin/results`);
	}
};
