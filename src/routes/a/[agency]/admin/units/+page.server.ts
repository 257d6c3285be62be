import { redirect, type RequestEvent } from '@sveltejs/kit';
import { formValues, idParam } from '$lib/server/http/form-fields';
import { notFoundPage, refuse, requireAdmin } from '$lib/server/http/pages';
import type { Outcome } from '$lib/server/http/outcome';
import { createProcedureField, listProcedureFields, renameProcedureField } from '$lib/server/procedure-fields/procedure-fields';
import { createUnit, listUnits, renameUnit } from '$lib/server/units/units';
import { db } from '$lib/server/db';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { agency } = await requireAdmin(event);
	const [units, fields] = await Promise.all([listUnits(db(), agency.id), listProcedureFields(db(), agency.id)]);
	return { units, fields, saved: event.url.searchParams.get('saved') };
};

type Change = (principal: Awaited<ReturnType<typeof requireAdmin>>['principal'], agencyId: number, values: Record<string, string>, id: number) => Promise<Outcome<unknown>>;

/** Guard, run the change, and come back to the section the form was in. */
async function act(event: RequestEvent, form: string, section: 'units' | 'fields', change: Change, withId: boolean) {
	const { principal, agency } = await requireAdmin(event);
	const values = await formValues(event.request);
	const id = withId ? (idParam(values.id) ?? notFoundPage()) : 0;
	const outcome = await change(principal, agency.id, values, id);
	if (!outcome.ok) return refuse(outcome, form, values, withId ? id : null);
	redirect(303, `/a/${agency.code}/admin/units?saved=${section}#${section}`);
}

export const actions: Actions = {
	createUnit: (event) => act(event, 'createUnit', 'units', (p, a, values) => createUnit(db(), p, a, values), false),
	renameUnit: (event) => act(event, 'renameUnit', 'units', (p, a, values, id) => renameUnit(db(), p, a, id, values), true),
	createField: (event) => act(event, 'createField', 'fields', (p, a, values) => createProcedureField(db(), p, a, values), false),
	renameField: (event) => act(event, 'renameField', 'fields', (p, a, values, id) => renameProcedureField(db(), p, a, id, values), true)
};
