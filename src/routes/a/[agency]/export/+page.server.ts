import { requireAgency } from '$lib/server/auth/guard';
import { db } from '$lib/server/db';
import { countRawResponses } from '$lib/server/export/raw-responses';
import { XLSX_MAX_ROWS } from '$lib/server/export/responses-files';
import { loadFilterForm } from '$lib/server/scope/filter-form';
import type { PageServerLoad } from './$types';

/** Exports of the dashboard's filters: raw responses and the aggregated table, CSV and XLSX. */
export const load: PageServerLoad = async (event) => {
	const { agency } = await requireAgency(event, event.params.agency, 'dashboard:read');
	const { form, scoped } = await loadFilterForm(db(), agency.id, event.url.searchParams);
	if (!scoped) event.locals.badQuery = true;
	const responses = scoped ? await countRawResponses(db(), scoped.scope, scoped.filters.resolved) : 0;
	return { ...form, xlsxMaxRows: XLSX_MAX_ROWS, responses };
};
