import { redirect, type RequestEvent } from '@sveltejs/kit';
import { db } from '$lib/server/db';
import { formValues, idParam } from '$lib/server/http/form-fields';
import type { Outcome } from '$lib/server/http/outcome';
import { refuse, requireAdmin } from '$lib/server/http/pages';
import { listOfficials } from '$lib/server/officials/queries';
import { addCalendarDay, addRecipient, loadSettings, removeCalendarDay, removeRecipient, saveDeadlines, saveRules } from '$lib/server/petitions/settings';
import { listUnits } from '$lib/server/units/units';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { agency } = await requireAdmin(event);
	const [settings, units, officials] = await Promise.all([loadSettings(db(), agency.id), listUnits(db(), agency.id), listOfficials(db(), agency.id)]);
	return {
		...settings,
		units: units.map((u) => ({ id: u.id, name: u.name })),
		officials: officials.filter((o) => o.active).map((o) => ({ id: o.id, name: o.name })),
		saved: event.url.searchParams.get('saved')
	};
};

function act(form: string, run: (event: RequestEvent, agencyId: number, values: Record<string, string>, actor: Awaited<ReturnType<typeof requireAdmin>>['principal']) => Promise<Outcome>) {
	return async (event: RequestEvent) => {
		const { principal, agency } = await requireAdmin(event);
		const values = await formValues(event.request);
		const outcome = await run(event, agency.id, values, principal);
		if (!outcome.ok) return refuse(outcome, form, values);
		redirect(303, `/a/${agency.code}/admin/petitions?saved=${form}#${form}`);
	};
}

export const actions: Actions = {
	deadlines: act('deadlines', (_e, a, v, p) => saveDeadlines(db(), p, a, v)),
	addDay: act('calendar', (_e, a, v, p) => addCalendarDay(db(), p, a, v)),
	removeDay: act('calendar', (_e, a, v, p) => removeCalendarDay(db(), p, a, v.day ?? '')),
	addRecipient: act('recipients', (_e, a, v, p) => addRecipient(db(), p, a, v)),
	removeRecipient: act('recipients', async (_e, a, v, p) => {
		const id = idParam(v.id);
		return id === null ? { ok: false, status: 404 } : removeRecipient(db(), p, a, id);
	}),
	rules: act('rules', (_e, a, v, p) => saveRules(db(), p, a, v))
};
