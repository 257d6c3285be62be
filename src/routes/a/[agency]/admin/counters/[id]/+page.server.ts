import { redirect, type RequestEvent } from '@sveltejs/kit';
import { getCounter, moveCounter, renameCounter, setCounterActive } from '$lib/server/counters/counters';
import { formValues, idParam } from '$lib/server/http/form-fields';
import { notFoundPage, refuse, requireAdmin } from '$lib/server/http/pages';
import type { Outcome } from '$lib/server/http/outcome';
import { listUnits } from '$lib/server/units/units';
import { db } from '$lib/server/db';
import { posterAddress } from '$lib/server/counters/posters/origin';
import { surveyUrl } from '$lib/server/counters/posters/qr';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { agency } = await requireAdmin(event);
	const id = idParam(event.params.id) ?? notFoundPage();
	const [counter, units] = await Promise.all([getCounter(db(), agency.id, id), listUnits(db(), agency.id)]);
	if (!counter) notFoundPage();
	const address = posterAddress(event.url, event.locals.locale);
	return {
		counter: { ...counter, url: surveyUrl(address.origin, counter.code) },
		address,
		units: units.map((u) => ({ id: u.id, name: u.name })),
		created: event.url.searchParams.has('created'),
		saved: event.url.searchParams.has('saved')
	};
};

/** Every action: guard, find the counter of this agency, change it, come back to the page. */
async function act(
	event: RequestEvent<{ agency: string; id: string }>,
	form: string,
	change: (principal: Awaited<ReturnType<typeof requireAdmin>>['principal'], agencyId: number, id: number, values: Record<string, string>) => Promise<Outcome>
) {
	const { principal, agency } = await requireAdmin(event);
	const id = idParam(event.params.id) ?? notFoundPage();
	const values = await formValues(event.request);
	const outcome = await change(principal, agency.id, id, values);
	if (!outcome.ok) return refuse(outcome, form, values);
	redirect(303, `/a/${agency.code}/admin/counters/${id}?saved=1`);
}

export const actions: Actions = {
	rename: (event) => act(event, 'rename', (p, a, id, values) => renameCounter(db(), p, a, id, values)),
	move: (event) => act(event, 'move', (p, a, id, values) => moveCounter(db(), p, a, id, values)),
	deactivate: (event) => act(event, 'active', (p, a, id) => setCounterActive(db(), p, a, id, false)),
	reactivate: (event) => act(event, 'active', (p, a, id) => setCounterActive(db(), p, a, id, true))
};
