import { redirect } from '@sveltejs/kit';
import { refuse, requireAdmin } from '$lib/server/http/pages';
import { createVersion, getVersion, listVersions } from '$lib/server/survey/versions';
import { formatDate } from '$lib/sipas/format';
import { db } from '$lib/server/db';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { agency } = await requireAdmin(event);
	const locale = event.locals.locale;
	const versions = await listVersions(db(), agency.id);
	const active = versions.find((v) => v.active);
	const detail = active ? await getVersion(db(), agency.id, active.id) : undefined;
	return {
		versions: versions.map((v) => ({ id: v.id, number: v.number, status: v.status, responses: v.responses, created: formatDate(v.createdAt, locale) })),
		active: detail && {
			id: detail.id,
			number: detail.number,
			lead_in_vi: detail.lead_in_vi,
			lead_in_en: detail.lead_in_en,
			// Citizens read either language: show both, whatever the administrator reads.
			dimensions: detail.dimensions.map((d) => ({ key: d.key, name: locale === 'en' ? d.name_en : d.name_vi, criteria: d.criteria }))
		}
	};
};

export const actions: Actions = {
	create: async (event) => {
		const { principal, agency } = await requireAdmin(event);
		const outcome = await createVersion(db(), principal, agency.id);
		if (!outcome.ok) return refuse(outcome, 'create');
		redirect(303, `/a/${agency.code}/admin/survey/${outcome.value.id}?created=1`);
	}
};
