import { requireAgency } from '$lib/server/auth/guard';
import { appConfig, db } from '$lib/server/db';
import { loadDashboard } from '$lib/server/dashboard/dashboard';
import { filterQuery } from '$lib/server/scope/filters';
import { filterOptions } from '$lib/server/scope/options';
import { scopedFilters } from '$lib/server/scope/resolve-scope';
import { localMonthKey } from '$lib/sipas/calendar';
import type { PageServerLoad } from './$types';

/**
 * The staff dashboard: /a/{agency}/dashboard?period=…&month=…&unit=…&counter=…&field=…&channel=…
 * &source=…&flagged=1. Filters with a problem show the form with the message and no numbers.
 */
export const load: PageServerLoad = async (event) => {
	const { agency } = await requireAgency(event, event.params.agency, 'dashboard:read');
	const minimumSample = appConfig().MINIMUM_SAMPLE;
	const [options, scoped] = await Promise.all([filterOptions(db(), agency.id), scopedFilters(db(), agency.id, event.url.searchParams)]);
	const common = { options, minimumSample, currentMonth: localMonthKey(new Date()) };
	if (!scoped.ok) return { ...common, values: scoped.values, problems: scoped.problems, query: '', period: null, dashboard: null };
	const { values, filters } = scoped.value;
	const dashboard = await loadDashboard(db(), scoped.value, event.locals.locale, { minimumSample });
	return { ...common, values, problems: [], query: filterQuery(values), period: filters.resolved, dashboard };
};
