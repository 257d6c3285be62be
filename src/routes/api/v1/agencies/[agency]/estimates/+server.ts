import { isHttpError, json } from '@sveltejs/kit';
import { requireAgency } from '$lib/server/auth/guard';
import { appConfig } from '$lib/server/config';
import { db } from '$lib/server/db';
import { estimatesResponse } from '$lib/server/report/estimates-api';
import { logFailedRequest } from '$lib/server/http/log';
import type { RequestHandler } from './$types';

/**
 * The SIPAS estimates of an agency as JSON, month by month (README "Report API"):
 * GET /api/v1/agencies/{agency}/estimates?from=YYYY-MM&to=YYYY-MM[&period=…&unit=…&counter=…
 * &procedure_field=…&channel=…&source=…&include_excluded=1&weighting=none|register], with a Bearer token or a session.
 * Every error is JSON { error } with its status: 400 bad parameters, 401 no valid token or
 * session, 404 an agency that does not exist or is another agency's, 500 without details.
 */
const GUARD_MESSAGES: Record<number, string> = {
	401: 'Sign in or send a valid Bearer token (Authorization: Bearer hl_…).',
	403: 'This account may not read reports.',
	404: 'No agency with this code.'
};

export const GET: RequestHandler = async (event) => {
	try {
		const { agency } = await requireAgency(event, event.params.agency, 'report:read');
		const result = await estimatesResponse(db(), agency, event.url.searchParams, { minimumSample: appConfig().MINIMUM_SAMPLE, minimumCell: appConfig().MINIMUM_CELL });
		return json(result.body, { status: result.status, headers: { 'cache-control': 'private, no-store' } });
	} catch (error) {
		if (isHttpError(error)) return json({ error: GUARD_MESSAGES[error.status] ?? error.body.message }, { status: error.status });
		logFailedRequest(event, 500, undefined, error);
		return json({ error: 'Internal error; the estimates could not be computed.' }, { status: 500 });
	}
};
