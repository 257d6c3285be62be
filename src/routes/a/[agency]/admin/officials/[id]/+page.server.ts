import { redirect, type RequestEvent } from '@sveltejs/kit';
import { formValues, idParam } from '$lib/server/http/form-fields';
import { notFoundPage, refuse, requireAdmin } from '$lib/server/http/pages';
import type { Outcome } from '$lib/server/http/outcome';
import type { Principal } from '$lib/server/auth/principal';
import { editOfficial, setOfficialActive } from '$lib/server/officials/change-official';
import { getOfficial } from '$lib/server/officials/queries';
import { listUnits } from '$lib/server/units/units';
import { db } from '$lib/server/db';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { agency } = await requireAdmin(event);
	const id = idParam(event.params.id) ?? notFoundPage();
	const official = (await getOfficial(db(), agency.id, id)) ?? notFoundPage();
	const units = await listUnits(db(), agency.id);
	return {
		official: { id: official.id, code: official.code, name: official.name, unitId: official.unitId, unitName: official.unitName, active: official.active },
		units: units.map((u) => ({ id: u.id, name: u.name })),
		saved: event.url.searchParams.get('saved')
	};
};

async function act(
	event: RequestEvent<{ agency: string; id: string }>,
	form: string,
	change: (principal: Principal, agencyId: number, id: number, values: Record<string, string>) => Promise<Outcome>
) {
	const { principal, agency } = await requireAdmin(event);
	const id = idParam(event.params.id) ?? notFoundPage();
	const values = await formValues(event.request);
	const outcome = await change(principal, agency.id, id, values);
	if (!outcome.ok) return refuse(outcome, form, values);
	redirect(303, `/a/${agency.code}/admin/officials/${id}?saved=${form}`);
}

export const actions: Actions = {
	edit: (event) => act(event, 'edit', (p, a, id, values) => editOfficial(db(), p, a, id, values)),
	deactivate: (event) => act(event, 'active', (p, a, id) => setOfficialActive(db(), p, a, id, false)),
	reactivate: (event) => act(event, 'active', (p, a, id) => setOfficialActive(db(), p, a, id, true))
};
