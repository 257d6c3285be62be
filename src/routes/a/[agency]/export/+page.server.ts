import { requireAgency } from '$lib/server/auth/guard';
import { db } from '$lib/server/db';
import { filterQuery } from '$lib/server/scope/filters';
import { filterOptions } from '$lib/server/scope/options';
import { scopedFilters } from '$lib/server/scope/resolve-scope';
import { localMonthKey } from '$lib/sipas/calendar';
import { countRawResponses } from '$lib/server/export/raw-responses';
import { XLSX_MAX_ROWS } from '$lib/server/export/responses-files';
import type { PageServerLoad } from './$types';

/** Exports of the dashboard's filters: raw responses and the aggregated table, CSV and XLSX. */
export const load: PageServerLoad = async (event) => {
	const { agency } = await requireAgency(event, event.params.agency, 'dashboard:read');
	const [options, scoped] = await Promise.all([filterOptions(db(), agency.id), scopedFilters(db(), agency.id, event.url.searchParams)]);
	const common = { options, currentMonth: localMonthKey(new Date()), xlsxMaxRows: XLSX_MAX_ROWS };
	if (!scoped.ok) return { ...common, values: scoped.values, problems: scoped.problems, query: '', period: null, responses: 0 };
	const { values, filters, scope } = scoped.value;
	return {
		...common,
		values,
		problems: [],
		query: filterQuery(values),
		period: filters.resolved,
		responses: await countRawResponses(db(), scope, filters.resolved)
	};
};
