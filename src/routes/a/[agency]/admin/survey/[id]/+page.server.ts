import { redirect } from '@sveltejs/kit';
import { formValues, idParam } from '$lib/server/http/form-fields';
import { notFoundPage, refuse, requireAdmin } from '$lib/server/http/pages';
import { activateVersion, getVersion, LEAD_IN_MAX, TEXT_MAX, updateVersion } from '$lib/server/survey/versions';
import { db } from '$lib/server/db';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { agency } = await requireAdmin(event);
	const id = idParam(event.params.id) ?? notFoundPage();
	const version = (await getVersion(db(), agency.id, id)) ?? notFoundPage();
	const locale = event.locals.locale;
	return {
		version: {
			id: version.id,
			number: version.number,
			status: version.status,
			active: version.active,
			responses: version.responses,
			editable: version.editable,
			lead_in_vi: version.lead_in_vi,
			lead_in_en: version.lead_in_en,
			dimensions: version.dimensions.map((d) => ({ key: d.key, name: locale === 'en' ? d.name_en : d.name_vi, criteria: d.criteria }))
		},
		limits: { text: TEXT_MAX, leadIn: LEAD_IN_MAX },
		created: event.url.searchParams.has('created'),
		saved: event.url.searchParams.has('saved'),
		activated: event.url.searchParams.has('activated')
	};
};

export const actions: Actions = {
	update: async (event) => {
		const { principal, agency } = await requireAdmin(event);
		const id = idParam(event.params.id) ?? notFoundPage();
		const values = await formValues(event.request);
		const outcome = await updateVersion(db(), principal, agency.id, id, values);
		if (!outcome.ok) return refuse(outcome, 'update', values);
		redirect(303, `/a/${agency.code}/admin/survey/${id}?saved=1`);
	},
	activate: async (event) => {
		const { principal, agency } = await requireAdmin(event);
		const id = idParam(event.params.id) ?? notFoundPage();
		const outcome = await activateVersion(db(), principal, agency.id, id);
		if (!outcome.ok) return refuse(outcome, 'activate');
		redirect(303, `/a/${agency.code}/admin/survey/${id}?activated=1`);
	}
};
