import { staffTranslator } from '$lib/i18n/staff';
import { appConfig } from '$lib/server/config';
import { db } from '$lib/server/db';
import { dimensionNames } from '$lib/server/survey/labels';
import { periodTable } from '$lib/server/report/monthly-report';
import { estimatePeriod } from '$lib/server/estimates';
import { downloadHeaders } from '$lib/server/export/download';
import { estimatesXlsx } from '$lib/server/export/estimates-files';
import { estimatesExportLabels } from '$lib/server/export/estimates-labels';
import { exportFileName, exportRequest } from '$lib/server/export/request';
import type { RequestHandler } from './$types';

/** The dashboard's table of the period (indices and dimensions) as XLSX, numbers as percents. */
export const GET: RequestHandler = async (event) => {
	const request = await exportRequest(event);
	if (!request.ok) return request.response;
	const { agency, scoped } = request;
	const locale = event.locals.locale;
	const [estimate, names] = await Promise.all([
		estimatePeriod(db(), scoped.scope, scoped.filters.period, { minimumSample: appConfig().MINIMUM_SAMPLE }),
		dimensionNames(db(), locale)
	]);
	const xlsx = await estimatesXlsx(periodTable(estimate), estimatesExportLabels(locale, scoped.filters.resolved, names));
	const name = exportFileName(staffTranslator(locale)('dashboard.export.estimatesFile'), agency.code, scoped, 'xlsx');
	return new Response(new Uint8Array(xlsx), { headers: { ...downloadHeaders(name, 'xlsx'), 'content-length': String(xlsx.length) } });
};
