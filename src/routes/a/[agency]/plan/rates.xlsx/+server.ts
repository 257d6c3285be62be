import { requireAgency } from '$lib/server/auth/guard';
import { appConfig } from '$lib/server/config';
import { db } from '$lib/server/db';
import { planRatesDownload } from '$lib/server/plan/downloads';
import type { RequestHandler } from './$types';

/** The register's rates of the plan year as XLSX: ?year=2024. */
export const GET: RequestHandler = async (event) => {
	const { agency } = await requireAgency(event, event.params.agency, 'plan:read');
	return planRatesDownload(db(), agency, event.url.searchParams, event.locals.locale, appConfig().MINIMUM_SAMPLE);
};
