import { requireAgency } from '$lib/server/auth/guard';
import { appConfig } from '$lib/server/config';
import { db } from '$lib/server/db';
import { planReportDownload } from '$lib/server/plan/downloads';
import type { RequestHandler } from './$types';

/** The plan's quarterly or annual progress report as Word: ?year=2024&period=q3|year. */
export const GET: RequestHandler = async (event) => {
	const { agency } = await requireAgency(event, event.params.agency, 'plan:read');
	return planReportDownload(db(), agency, event.url.searchParams, 'docx', event.locals.locale, appConfig().MINIMUM_SAMPLE);
};
