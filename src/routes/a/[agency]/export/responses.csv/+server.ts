import { staffTranslator } from '$lib/i18n/staff';
import { db } from '$lib/server/db';
import { csvDialect } from '$lib/server/export/csv';
import { downloadHeaders } from '$lib/server/export/download';
import { exportFileName, exportRequest } from '$lib/server/export/request';
import { responsesCsvStream } from '$lib/server/export/responses-files';
import type { RequestHandler } from './$types';

/** Raw responses of the dashboard's filters as CSV, streamed: ?…filters…[&sep=semicolon]. */
export const GET: RequestHandler = async (event) => {
	const request = await exportRequest(event);
	if (!request.ok) return request.response;
	const { agency, scoped } = request;
	const dialect = csvDialect(event.url.searchParams);
	const t = staffTranslator(event.locals.locale);
	const name = exportFileName(t('dashboard.export.responsesFile'), agency.code, scoped, 'csv');
	return new Response(responsesCsvStream(db(), scoped.scope, scoped.filters.resolved, dialect), { headers: downloadHeaders(name, 'csv') });
};
