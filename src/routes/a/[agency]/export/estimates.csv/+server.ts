import { staffTranslator } from '$lib/i18n/staff';
import { appConfig } from '$lib/server/config';
import { db } from '$lib/server/db';
import { dimensionNames } from '$lib/server/survey/labels';
import { periodTable } from '$lib/server/report/monthly-report';
import { estimatePeriod } from '$lib/server/estimates';
import { csvDialect } from '$lib/server/export/csv';
import { downloadHeaders } from '$lib/server/export/download';
import { estimatesCsv } from '$lib/server/export/estimates-files';
import { estimatesExportLabels } from '$lib/server/export/estimates-labels';
import { exportFileName, exportRequest } from '$lib/server/export/request';
import type { RequestHandler } from './$types';

/** The dashboard's table of the period (indices and dimensions) as CSV: ?…filters…[&sep=semicolon]. */
export const GET: RequestHandler = async (event) => {
	const request = await exportRequest(event);
	if (!request.ok) return request.response;
	const { agency, scoped } = request;
	const locale = event.locals.locale;
	const [estimate, names] = await Promise.all([
		estimatePeriod(db(), scoped.scope, scoped.filters.period, { minimumSample: appConfig().MINIMUM_SAMPLE }),
		dimensionNames(db(), locale)
	]);
	const csv = estimatesCsv(periodTable(estimate), estimatesExportLabels(locale, scoped.filters.resolved, names), csvDialect(event.url.searchParams));
	const name = exportFileName(staffTranslator(locale)('dashboard.export.estimatesFile'), agency.code, scoped, 'csv');
	return new Response(csv, { headers: downloadHeaders(name, 'csv') });
};
