import { createHmac } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';

/**
 * Failed sign-ins are counted per account and per network in 15-minute windows; past the limits
 * further attempts are refused without checking the password, whatever it is. Subjects are keyed
 * hashes (the key is per process start), so the table holds no email or address.
 */
const WINDOW_MS = 15 * 60_000;
export const LIMITS = { account: 5, network: 20 };
const key = crypto.getRandomValues(new Uint8Array(32));

function subject(kind: 'account' | 'network', value: string): string {
	return `${kind}:${createHmac('sha256', key).update(value.toLowerCase()).digest('base64url').slice(0, 24)}`;
}

function windowStart(now: Date): Date {
	return new Date(Math.floor(now.getTime() / WINDOW_MS) * WINDOW_MS);
}

export async function isThrottled(db: Kysely<Database>, email: string, address: string, now = new Date()): Promise<boolean> {
	const rows = await db
		.selectFrom('sign_in_failures')
		.select(['subject', 'failures'])
		.where('window_start', '=', windowStart(now))
		.where('subject', 'in', [subject('account', email), subject('network', address)])
		.execute();
	return rows.some((r) => r.failures >= (r.subject.startsWith('account:') ? LIMITS.account : LIMITS.network));
}

export async function recordFailure(db: Kysely<Database>, email: string, address: string, now = new Date()): Promise<void> {
	const start = windowStart(now);
	await db
		.insertInto('sign_in_failures')
		.values([
			{ subject: subject('account', email), window_start: start, failures: 1 },
			{ subject: subject('network', address), window_start: start, failures: 1 }
		])
		.onConflict((oc) => oc.columns(['subject', 'window_start']).doUpdateSet({ failures: sql`sign_in_failures.failures + 1` }))
		.execute();
	await db.deleteFrom('sign_in_failures').where('window_start', '<', new Date(start.getTime() - WINDOW_MS)).execute();
}
