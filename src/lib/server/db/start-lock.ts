import { sql, type Kysely } from 'kysely';
import type { DatabaseHandle } from './connect';
import type { Database } from './schema';

/**
 * Several app processes on one Postgres server (behind a load balancer) start at the same moment.
 * Migrations are safe by themselves (Kysely's Migrator holds an advisory lock while it runs), but
 * what follows them is not: two processes seeding an empty database would both insert the
 * reference agency (one fails on its unique code and the process exits), both create the demo
 * accounts, both add demo responses (twice as many) and both rebuild the sums.
 *
 * So the whole preparation runs under one session-level advisory lock, on one connection that the
 * work gets as its database: the first process prepares, the others wait, then find it done. The
 * lock goes with the session, so a process that dies while holding it releases it. PGlite is one
 * process by construction, and has one connection: there the work just runs.
 *
 * Keys are (namespace, id) pairs: 0x1d0c is the paper import's (import/store.ts), 0x4a11 the app's:
 * 1 starting up (here), 2 folding the sums (sums/folder.ts).
 */
export const APP_LOCKS = 0x4a11;
const START = 1;

export async function withStartLock<T>(handle: Pick<DatabaseHandle, 'db' | 'kind'>, work: (db: Kysely<Database>) => Promise<T>): Promise<T> {
	if (handle.kind !== 'postgres') return work(handle.db);
	return handle.db.connection().execute(async (db) => {
		await sql`select pg_advisory_lock(${sql.lit(APP_LOCKS)}, ${sql.lit(START)})`.execute(db);
		try {
			return await work(db);
		} finally {
			// A broken connection has released the lock with its session already.
			await sql`select pg_advisory_unlock(${sql.lit(APP_LOCKS)}, ${sql.lit(START)})`.execute(db).catch(() => undefined);
		}
	});
}
