import { isHttpError, json } from '@sveltejs/kit';
import { requireAgency } from '$lib/server/auth/guard';
import { db } from '$lib/server/db';
import { responseRatesResponse } from '$lib/server/dossiers/response-rates';
import { logFailedRequest } from '$lib/server/http/log';
import type { RequestHandler } from './$types';

/**
 * GET /api/v1/agencies/{agency}/response-rates?from=YYYY-MM&to=YYYY-MM (README "Response rates"):
 * {agency, periods: [{period, invited, responded, rate, by_channel}]}; rate null where nothing
 * was invited. 400 bad parameters, 401 no token or session, 404 another agency.
 */
export const GET: RequestHandler = async (event) => {
	try {
		const { agency } = await requireAgency(event, event.params.agency, 'report:read');
		const result = await responseRatesResponse(db(), agency, event.url.searchParams);
		return json(result.body, { status: result.status, headers: { 'cache-control': 'private, no-store' } });
	} catch (error) {
		if (isHttpError(error)) return json({ error: error.status === 401 ? 'Sign in or send a valid Bearer token.' : error.status === 404 ? 'No agency with this code.' : 'Forbidden.' }, { status: error.status });
		logFailedRequest(event, 500, undefined, error);
		return json({ error: 'Internal error.' }, { status: 500 });
	}
};
