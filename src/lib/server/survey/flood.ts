import { createHmac, randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { localDayKey } from '../../sipas/calendar';
import type { Database } from '../db/schema';
import { networkOf } from './flood-network';

/**
 * Flood detection without keeping anyone's address. A submission's device is a keyed hash of the
 * network address and the browser's user agent; its network is a keyed hash of the address alone
 * (so rotating the User-Agent does not make a new network), counted beside the device with higher
 * limits. The key is random, one per day (Asia/Ho_Chi_Minh), kept in flood_keys and deleted after
 * two days: hashes can be compared within a day, but once the key is gone nobody can test an
 * address against them.
 */
const keys = new Map<string, Promise<Buffer>>();

export async function deviceHash(db: Kysely<Database>, address: string, userAgent: string, now = new Date()): Promise<string> {
	const key = await dayKey(db, localDayKey(now));
	return createHmac('sha256', key).update(`${address}\n${userAgent}`).digest('base64url').slice(0, 32);
}

/**
 * The network's hash, "net:" + 32 characters: kept in submission_counts.device_hash beside the
 * devices' hashes (which never contain ":"), so one table counts both. An IPv6 address counts by
 * its /64 (flood-network.ts), within which one machine may change address at will.
 */
export async function networkHash(db: Kysely<Database>, address: string, now = new Date()): Promise<string> {
	const key = await dayKey(db, localDayKey(now));
	return `net:${createHmac('sha256', key).update(`network\n${networkOf(address)}`).digest('base64url').slice(0, 32)}`;
}

/**
 * The key of the day `at` falls in, shared by every app process through flood_keys; sign-in
 * throttling (auth/throttle.ts) keys its subjects with it too.
 */
export function keyOfDay(db: Kysely<Database>, at: Date): Promise<Buffer> {
	return dayKey(db, localDayKey(at));
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
