import { createHmac, randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { localDayKey } from '../../sipas/calendar';
import type { Database } from '../db/schema';

/**
 * Flood detection without keeping anyone's address. A submission's device is a keyed hash of the
 * network address and the browser's user agent. The key is random, one per day (Asia/Ho_Chi_Minh),
 * kept in flood_keys and deleted after two days: hashes can be compared within a day, but once the
 * key is gone nobody can test an address against them.
 */
const keys = new Map<string, Promise<Buffer>>();

export async function deviceHash(db: Kysely<Database>, address: string, userAgent: string, now = new Date()): Promise<string> {
	const key = await dayKey(db, localDayKey(now));
	return createHmac('sha256', key).update(`${address}\n${userAgent}`).digest('base64url').slice(0, 32);
}

/** The day's key; concurrent first requests of a day share one lookup. */
function dayKey(db: Kysely<Database>, day: string): Promise<Buffer> {
	let key = keys.get(day);
	if (!key) {
		keys.clear();
		key = loadDayKey(db, day);
		key.catch(() => keys.delete(day));
		keys.set(day, key);
	}
	return key;
}

async function loadDayKey(db: Kysely<Database>, day: string): Promise<Buffer> {
	// Several processes may race to create today's key: the first insert wins, all read it back.
	await db.insertInto('flood_keys').values({ day, key: randomBytes(32) }).onConflict((oc) => oc.column('day').doNothing()).execute();
	const row = await db.selectFrom('flood_keys').select('key').where('day', '=', day).executeTakeFirstOrThrow();
	await forgetOldKeys(db, day);
	return Buffer.from(row.key);
}

/** Deletes keys older than yesterday and hourly counts older than two hours. */
async function forgetOldKeys(db: Kysely<Database>, today: string): Promise<void> {
	await db.deleteFrom('flood_keys').where('day', '<', sql<string>`${today}::date - 1`).execute();
	await db.deleteFrom('submission_counts').where('hour', '<', sql<Date>`now() - interval '2 hours'`).execute();
}

/** The start of the hour that `at` falls in, the bucket for hourly counts. */
export function hourOf(at: Date): Date {
	return new Date(Math.floor(at.getTime() / 3600_000) * 3600_000);
}
