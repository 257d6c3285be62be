import { sql } from 'kysely';
import { db } from '$lib/server/db';
import type { RequestHandler } from './$types';

/** 200 when the database answers within two seconds, 503 when it does not. */
export const GET: RequestHandler = async () => {
	const headers = { 'content-type': 'application/json', 'cache-control': 'no-store' };
	try {
		await Promise.race([
			sql`select 1`.execute(db()),
			new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 2000).unref())
		]);
		return new Response(JSON.stringify({ status: 'ok', database: 'ok' }), { status: 200, headers });
	} catch {
		return new Response(JSON.stringify({ status: 'unavailable', database: 'unreachable' }), { status: 503, headers });
	}
};
