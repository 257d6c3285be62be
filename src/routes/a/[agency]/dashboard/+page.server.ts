import { requireAgency } from '$lib/server/auth/guard';
import { appConfig } from '$lib/server/config';
import { db } from '$lib/server/db';
import { loadDashboard } from '$lib/server/dashboard/dashboard';
import { loadFilterForm } from '$lib/server/scope/filter-form';
import { rateSummary } from '$lib/server/dossiers/response-rates';
import { addMonths, localMonthKey } from '$lib/sipas/calendar';
import { caseFigures } from '$lib/server/petitions/figures';
import type { PageServerLoad } from './$types';

/**
 * The staff dashboard: /a/{agency}/dashboard?period=…&month=…&unit=…&counter=…&field=…&channel=…
 * &source=…&flagged=1. Filters with a problem show the form with the message and no numbers.
 */
export const load: PageServerLoad = async (event) => {
	const { agency } = await requireAgency(event, event.params.agency, 'dashboard:read');
	const minimumSample = appConfig().MINIMUM_SAMPLE;
	const { form, scoped } = await loadFilterForm(db(), agency.id, event.url.searchParams);
	if (!scoped) event.locals.badQuery = true;
	const dashboard = scoped ? await loadDashboard(db(), scoped, event.locals.locale, { minimumSample, minimumCell: appConfig().MINIMUM_CELL }) : null;
	// Response rates of the register (SIPAS.md §8) over the twelve months up to this one.
	const to = localMonthKey(new Date());
	const from = addMonths(to, -11);
	// Petitions (issue 12): the same twelve months, by month of receipt.
	const petitions = await caseFigures(db(), agency.id, from, to);
	return { ...form, minimumSample, dashboard, rates: { from, to, summary: await rateSummary(db(), agency.id, from, to) }, petitions };
};
