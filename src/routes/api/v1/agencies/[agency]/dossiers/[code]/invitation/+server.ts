import { isHttpError, json } from '@sveltejs/kit';
import { requireAgency } from '$lib/server/auth/guard';
import { publicOrigin } from '$lib/server/counters/posters/origin';
import { db } from '$lib/server/db';
import { logFailedRequest } from '$lib/server/http/log';
import { dossierInvitation } from '$lib/server/invitations/receipts';
import type { RequestHandler } from './$types';

/**
 * GET /api/v1/agencies/{agency}/dossiers/{code}/invitation → {url, code, svg}: what the one-stop
 * system prints on its own receipt. 404 for a dossier that is unknown or another agency's.
 */
export const GET: RequestHandler = async (event) => {
	try {
		const { agency } = await requireAgency(event, event.params.agency, 'invitations:read');
		const invitation = await dossierInvitation(db(), agency.id, event.params.code, publicOrigin(event.url));
		if (!invitation) return json({ error: 'No dossier with this code.' }, { status: 404 });
		return json({ url: invitation.url, code: invitation.grouped, svg: invitation.svg }, { headers: { 'cache-control': 'private, no-store' } });
	} catch (error) {
		if (isHttpError(error)) return json({ error: error.status === 401 ? 'Send a valid Bearer token.' : error.status === 404 ? 'No agency with this code.' : 'Forbidden.' }, { status: error.status });
		logFailedRequest(event, 500, undefined, error);
		return json({ error: 'Internal error.' }, { status: 500 });
	}
};
