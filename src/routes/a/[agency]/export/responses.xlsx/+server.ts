import { staffTranslator } from '$lib/i18n/staff';
import { db } from '$lib/server/db';
import { downloadHeaders } from '$lib/server/export/download';
import { badRequest, exportFileName, exportRequest } from '$lib/server/export/request';
import { XLSX_MAX_ROWS, responsesXlsx } from '$lib/server/export/responses-files';
import { countRawResponses } from '$lib/server/export/raw-responses';
import type { RequestHandler } from './$types';

/** Raw responses of the dashboard's filters as one XLSX sheet, up to XLSX_MAX_ROWS (beyond: the CSV). */
export const GET: RequestHandler = async (event) => {
	const request = await exportRequest(event);
	if (!request.ok) return request.response;
	const { agency, scoped } = request;
	const t = staffTranslator(event.locals.locale);
	const count = await countRawResponses(db(), scoped.scope, scoped.filters.resolved);
	if (count > XLSX_MAX_ROWS) {
		return badRequest(t('dashboard.export.tooManyForXlsx', { count, max: XLSX_MAX_ROWS }), 413);
	}
	const xlsx = await responsesXlsx(db(), scoped.scope, scoped.filters.resolved, t('dashboard.export.responsesSheet'));
	const name = exportFileName(t('dashboard.export.responsesFile'), agency.code, scoped, 'xlsx');
	return new Response(new Uint8Array(xlsx), { headers: { ...downloadHeaders(name, 'xlsx'), 'content-length': String(xlsx.length) } });
};
