import { createHmac } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { keyOfDay } from '../survey/flood';
import { networkOf } from '../survey/flood-network';

/**
 * Password attempts (sign-in, and the current password on the account page) are counted per
 * account and per network (an IPv6 address by its /64) in 15-minute windows; past the limits further attempts are refused
 * without checking the password, whatever it is.
 *
 * The count is taken before the password is checked, and taking it is the check: one statement
 * (insert … on conflict do update … returning) adds the attempt and returns the new count, so
 * attempts sent in parallel each see a count of their own and no more than the limit ever get
 * their password checked. An attempt whose password was right is taken back (`forgiveAttempt`),
 * so a count is the window's failures plus the attempts still being checked.
 *
 * Everything lives in the database, so several app processes count together. Subjects are
 * keyed hashes with the day's key from flood_keys (shared by every process, deleted after two
 * days), so the table holds no email or address. Days change at midnight in Asia/Ho_Chi_Minh,
 * 17:00 UTC, on a window boundary: a window never straddles two keys.
 */
const WINDOW_MS = 15 * 60_000;
export const LIMITS = { account: 5, network: 20 };

export interface Attempt {
	/** Past a limit: refuse without checking the password. */
	throttled: boolean;
	windowStart: Date;
	account: string;
	network: string;
}

function subject(key: Buffer, kind: 'account' | 'network', value: string): string {
	return `${kind}:${createHmac('sha256', key).update(`sign-in ${kind}\n${value.toLowerCase()}`).digest('base64url').slice(0, 24)}`;
}

function windowStart(now: Date): Date {
	return new Date(Math.floor(now.getTime() / WINDOW_MS) * WINDOW_MS);
}

/** Counts one attempt for this account from this address; says whether it is past a limit. */
export async function countAttempt(db: Kysely<Database>, email: string, address: string, now = new Date()): Promise<Attempt> {
	const start = windowStart(now);
	const key = await keyOfDay(db, start);
	const account = subject(key, 'account', email);
	const network = subject(key, 'network', networkOf(address));
	// Rows are locked in the order given, account then network, by every attempt: no deadlock.
	const rows = await db
		.insertInto('sign_in_failures')
		.values([
			{ subject: account, window_start: start, failures: 1 },
			{ subject: network, window_start: start, failures: 1 }
		])
		.onConflict((oc) => oc.columns(['subject', 'window_start']).doUpdateSet({ failures: sql`sign_in_failures.failures + 1` }))
		.returning(['subject', 'failures'])
		.execute();
	const throttled = rows.some((r) => r.failures > (r.subject === account ? LIMITS.account : LIMITS.network));
	await db.deleteFrom('sign_in_failures').where('window_start', '<', new Date(start.getTime() - WINDOW_MS)).execute();
	return { throttled, windowStart: start, account, network };
}

/** The password was right: this attempt was not a failure. One row at a time, so no lock waits on another. */
export async function forgiveAttempt(db: Kysely<Database>, attempt: Attempt): Promise<void> {
	for (const subject of [attempt.account, attempt.network]) {
		await db
			.updateTable('sign_in_failures')
			.set({ failures: sql`greatest(sign_in_failures.failures - 1, 0)` })
			.where('subject', '=', subject)
			.where('window_start', '=', attempt.windowStart)
			.execute();
	}
}
