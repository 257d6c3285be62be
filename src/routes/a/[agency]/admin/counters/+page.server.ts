import { redirect } from '@sveltejs/kit';
import { createCounter, listCounters } from '$lib/server/counters/counters';
import { formValues } from '$lib/server/http/form-fields';
import { refuse, requireAdmin } from '$lib/server/http/pages';
import { formatDateTime } from '$lib/server/http/time';
import { listUnits } from '$lib/server/units/units';
import { db } from '$lib/server/db';
import { publicOrigin } from '$lib/server/counters/posters/origin';
import { surveyUrl } from '$lib/server/counters/posters/qr';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { agency } = await requireAdmin(event);
	const [counters, units] = await Promise.all([listCounters(db(), agency.id), listUnits(db(), agency.id)]);
	const origin = publicOrigin(event.url);
	const locale = event.locals.locale;
	return {
		counters: counters.map((c) => ({
			id: c.id,
			code: c.code,
			name: c.name,
			active: c.active,
			unitName: c.unitName,
			responses: c.responses,
			lastResponseAt: formatDateTime(c.lastResponseAt, locale),
			url: surveyUrl(origin, c.code)
		})),
		units: units.map((u) => ({ id: u.id, name: u.name }))
	};
};

export const actions: Actions = {
	create: async (event) => {
		const { principal, agency } = await requireAdmin(event);
		const values = await formValues(event.request);
		const outcome = await createCounter(db(), principal, agency.id, values);
		if (!outcome.ok) return refuse(outcome, 'create', values);
		redirect(303, `/a/${agency.code}/admin/counters/${outcome.value.id}?created=1`);
	}
};
