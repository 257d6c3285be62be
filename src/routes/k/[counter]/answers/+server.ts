import { json } from '@sveltejs/kit';
import { appConfig } from '$lib/server/config';
import { db } from '$lib/server/db';
import { identifyKiosk, queuedOf } from '$lib/server/kiosks/enrol';
import { receiveKioskAnswer } from '$lib/server/kiosks/receive';
import type { RequestHandler } from './$types';

/**
 * One queued answer of a kiosk ("Authorization: Bearer kiosk_…", "X-Kiosk-Queue: n"):
 * 201 stored, 200 stored before (same submission_id), 422 { reason } refused for good (too old,
 * future, invalid, version changed), 403 { reason: "revoked" }, 401 unknown credential,
 * 503 the database is unavailable (the kiosk keeps the answer and sends it again).
 */
export const POST: RequestHandler = async ({ request, params }) => {
	const kiosk = await identifyKiosk(db(), params.counter, bearer(request), queuedOf(request.headers.get('x-kiosk-queue')));
	if (!kiosk) return json({ reason: 'unknown_kiosk' }, { status: 401 });
	const body = await request.json().catch(() => null);
	const result = await receiveKioskAnswer(db(), appConfig(), params.counter, kiosk, body);
	switch (result.status) {
		case 'stored':
			return json({ status: 'stored' }, { status: 201 });
		case 'duplicate':
			return json({ status: 'duplicate' });
		case 'refused':
			return json({ status: 'refused', reason: result.reason }, { status: result.reason === 'revoked' ? 403 : 422 });
	}
};

function bearer(request: Request): string | null {
	const header = request.headers.get('authorization');
	return header?.startsWith('Bearer ') ? header.slice(7).trim() : null;
}
