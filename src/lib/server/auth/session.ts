import { createHash, randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { Principal } from './principal';

/**
 * Sessions: a random token in an HttpOnly cookie, its SHA-256 in the sessions table. A session
 * ends after SESSION_IDLE_MINUTES without a request, at sign-out, and when the password changes.
 */
export const SESSION_COOKIE = 'hl_session';

export function hashToken(token: string): string {
	return createHash('sha256').update(token).digest('base64url');
}

export async function createSession(db: Kysely<Database>, userId: number): Promise<string> {
	const token = randomBytes(32).toString('base64url');
	await db.insertInto('sessions').values({ token_hash: hashToken(token), user_id: userId }).execute();
	return token;
}

/** The session's user, or undefined when the token is unknown, idle too long, or the user inactive. */
export async function sessionPrincipal(db: Kysely<Database>, token: string, idleMinutes: number, now = new Date()): Promise<Principal | undefined> {
	const tokenHash = hashToken(token);
	const row = await db
		.selectFrom('sessions')
		.innerJoin('users', 'users.id', 'sessions.user_id')
		.select(['users.id', 'users.email', 'users.role', 'users.agency_id', 'users.active', 'sessions.last_seen_at'])
		.where('sessions.token_hash', '=', tokenHash)
		.executeTakeFirst();
	if (!row) return undefined;
	const idleMs = now.getTime() - row.last_seen_at.getTime();
	if (!row.active || idleMs > idleMinutes * 60_000) {
		await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
		return undefined;
	}
	// Touch at most once a minute: a page with many requests writes once.
	if (idleMs > 60_000) await db.updateTable('sessions').set({ last_seen_at: now }).where('token_hash', '=', tokenHash).execute();
	return { kind: 'user', id: row.id, label: row.email, role: row.role, agencyId: row.agency_id };
}

export async function endSession(db: Kysely<Database>, token: string): Promise<void> {
	await db.deleteFrom('sessions').where('token_hash', '=', hashToken(token)).execute();
}

/** Ends every session of a user but, optionally, the one in use. */
export async function endOtherSessions(db: Kysely<Database>, userId: number, keepToken?: string): Promise<void> {
	let query = db.deleteFrom('sessions').where('user_id', '=', userId);
	if (keepToken) query = query.where('token_hash', '!=', hashToken(keepToken));
	await query.execute();
}

export async function forgetIdleSessions(db: Kysely<Database>, idleMinutes: number): Promise<void> {
	await db.deleteFrom('sessions').where('last_seen_at', '<', sql<Date>`now() - make_interval(mins => ${idleMinutes})`).execute();
}
