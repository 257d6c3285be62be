import { requireAgency } from '$lib/server/auth/guard';
import { appConfig, db } from '$lib/server/db';
import { loadDashboard } from '$lib/server/dashboard/dashboard';
import { filterQuery } from '$lib/server/scope/filters';
import { filterOptions } from '$lib/server/scope/options';
import { scopedFilters } from '$lib/server/scope/resolve-scope';
import { currentMonth } from '$lib/server/estimates';
import { rateSummary } from '$lib/server/dossiers/response-rates';
import { monthsBetween } from '$lib/server/estimates/periods';
import type { PageServerLoad } from './$types';

/**
 * The staff dashboard: /a/{agency}/dashboard?period=…&month=…&unit=…&counter=…&field=…&channel=…
 * &source=…&flagged=1. Filters with a problem show the form with the message and no numbers.
 */
export const load: PageServerLoad = async (event) => {
	const { agency } = await requireAgency(event, event.params.agency, 'dashboard:read');
	const minimumSample = appConfig().MINIMUM_SAMPLE;
	const [options, scoped] = await Promise.all([filterOptions(db(), agency.id), scopedFilters(db(), agency.id, event.url.searchParams)]);
	// Response rates of the register (SIPAS.md §8) over the twelve months up to this one.
	const to = currentMonth();
	const from = monthsBetween('2000-01', to).at(-12)!;
	const common = { options, minimumSample, currentMonth: to, rates: { from, to, summary: await rateSummary(db(), agency.id, from, to) } };
	if (!scoped.ok) return { ...common, values: scoped.values, problems: scoped.problems, query: '', period: null, dashboard: null };
	const { values, filters } = scoped.value;
	const dashboard = await loadDashboard(db(), scoped.value, event.locals.locale, { minimumSample });
	return { ...common, values, problems: [], query: filterQuery(values), period: filters.resolved, dashboard };
};
