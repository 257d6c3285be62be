import { redirect } from '@sveltejs/kit';
import { formValues } from '$lib/server/http/form-fields';
import { refuse, requireAdmin } from '$lib/server/http/pages';
import { createOfficial } from '$lib/server/officials/create-official';
import { listOfficials } from '$lib/server/officials/queries';
import { listUnits } from '$lib/server/units/units';
import { db } from '$lib/server/db';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { agency } = await requireAdmin(event);
	const [officials, units] = await Promise.all([listOfficials(db(), agency.id), listUnits(db(), agency.id)]);
	return {
		officials: officials.map((o) => ({ id: o.id, code: o.code, name: o.name, unitName: o.unitName, active: o.active })),
		units: units.map((u) => ({ id: u.id, name: u.name })),
		created: event.url.searchParams.get('created')
	};
};

export const actions: Actions = {
	create: async (event) => {
		const { principal, agency } = await requireAdmin(event);
		const values = await formValues(event.request);
		const outcome = await createOfficial(db(), principal, agency.id, values);
		if (!outcome.ok) return refuse(outcome, 'create', values);
		redirect(303, `/a/${agency.code}/admin/officials?created=${encodeURIComponent(outcome.value.code)}#o-${outcome.value.id}`);
	}
};
