import { isHttpError, json } from '@sveltejs/kit';
import { staffTranslator } from '$lib/i18n/staff';
import { requireAgency } from '$lib/server/auth/guard';
import { publicOrigin } from '$lib/server/counters/posters/origin';
import { appConfig } from '$lib/server/config';
import { db } from '$lib/server/db';
import { pushDossiers } from '$lib/server/dossiers/push-dossiers';
import { logFailedRequest } from '$lib/server/http/log';
import type { RequestHandler } from './$types';

/**
 * PUT /api/v1/agencies/{agency}/dossiers: the one-stop system pushes up to 1,000 dossiers as a
 * JSON array (README "Push API"), with a Bearer token of role integration (or staff, admin).
 * 200 {received, created, updated}; 400 {error, issues: [{index, field, message}]}, nothing stored;
 * 401; 404 for an agency that is not the token's.
 */
const GUARD_MESSAGES: Record<number, string> = {
	401: 'Send a valid Bearer token (Authorization: Bearer hl_…).',
	403: 'This token may not write dossiers.',
	404: 'No agency with this code.'
};

export const PUT: RequestHandler = async (event) => {
	try {
		const { principal, agency } = await requireAgency(event, event.params.agency, 'dossiers:write');
		let body: unknown;
		try {
			body = await event.request.json();
		} catch {
			return json({ error: 'The body is not JSON.' }, { status: 400 });
		}
		const result = await pushDossiers(
			db(),
			{ agencyId: agency.id, actor: principal, body, origin: publicOrigin(event.url), validDays: appConfig().INVITATION_VALID_DAYS },
			staffTranslator('en')
		);
		if (!result.ok) {
			const issues = result.issues.map(({ index, field, message }) => ({ index, field, message }));
			return json({ error: 'Nothing was stored: fix every issue and send the whole batch again.', issues }, { status: 400 });
		}
		return json({ received: result.received, created: result.created, updated: result.updated }, { headers: { 'cache-control': 'no-store' } });
	} catch (error) {
		if (isHttpError(error)) return json({ error: GUARD_MESSAGES[error.status] ?? error.body.message }, { status: error.status });
		logFailedRequest(event, 500, undefined, error);
		return json({ error: 'Internal error; nothing was stored.' }, { status: 500 });
	}
};
