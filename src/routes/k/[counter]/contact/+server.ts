import { json } from '@sveltejs/kit';
import { db } from '$lib/server/db';
import { identifyKiosk, queuedOf } from '$lib/server/kiosks/enrol';
import type { RequestHandler } from './$types';

/** The kiosk's periodic contact: keeps its last contact and queue size for the administrator. */
export const POST: RequestHandler = async ({ request, params }) => {
	const header = request.headers.get('authorization');
	const credential = header?.startsWith('Bearer ') ? header.slice(7).trim() : null;
	const kiosk = await identifyKiosk(db(), params.counter, credential, queuedOf(request.headers.get('x-kiosk-queue')));
	if (!kiosk) return json({ reason: 'unknown_kiosk' }, { status: 401 });
	return json({ revoked: kiosk.revoked });
};
