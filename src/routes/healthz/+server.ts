import { databaseState, db } from '$lib/server/db';
import { databaseAnswers } from '$lib/server/db/health';
import type { RequestHandler } from './$types';

/**
 * 200 when the database is prepared and answers within two seconds; 503 while the app starts
 * (migrations and seeds not run yet, or the database not reachable yet), while it stops, and when
 * the database does not answer.
 */
export const GET: RequestHandler = async () => {
	const headers = { 'content-type': 'application/json', 'cache-control': 'no-store' };
	const state = databaseState();
	if (state !== 'ready') {
		const database = state === 'waiting' ? 'unreachable' : state === 'stopping' ? 'closing' : 'preparing';
		return new Response(JSON.stringify({ status: state === 'stopping' ? 'stopping' : 'starting', database }), { status: 503, headers });
	}
	if (await databaseAnswers(db())) return new Response(JSON.stringify({ status: 'ok', database: 'ok' }), { status: 200, headers });
	return new Response(JSON.stringify({ status: 'unavailable', database: 'unreachable' }), { status: 503, headers });
};
