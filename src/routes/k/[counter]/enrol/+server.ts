import { json } from '@sveltejs/kit';
import { db } from '$lib/server/db';
import { enrolKiosk } from '$lib/server/kiosks/enrol';
import type { RequestHandler } from './$types';

/** { code } → 200 { credential } once per enrolment code; 400 for a wrong, used or expired code. */
export const POST: RequestHandler = async ({ request, params }) => {
	const body = (await request.json().catch(() => null)) as { code?: unknown } | null;
	const outcome = await enrolKiosk(db(), params.counter, body?.code);
	if (!outcome.ok) return json({ reason: outcome.reason }, { status: 400 });
	return json({ credential: outcome.credential, name: outcome.name }, { headers: { 'cache-control': 'no-store' } });
};
