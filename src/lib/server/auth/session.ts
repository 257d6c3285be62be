import { createHash, randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { Principal } from './principal';

/**
 * Sessions: a random token in an HttpOnly cookie, its SHA-256 in the sessions table. A session
 * ends after SESSION_IDLE_MINUTES without a request, SESSION_MAX_HOURS after sign-in however busy,
 * at sign-out, and when the password changes.
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

export interface SessionLimits {
	idleMinutes: number;
	/** The absolute lifetime: a session older than this ends even while in use. */
	maxHours: number;
}

/** The session's user, or undefined when the token is unknown, idle or alive too long, or the user inactive. */
export async function sessionPrincipal(db: Kysely<Database>, token: string, limits: SessionLimits, now = new Date()): Promise<Principal | undefined> {
	const tokenHash = hashToken(token);
	const row = await db
		.selectFrom('sessions')
		.innerJoin('users', 'users.id', 'sessions.user_id')
		.select(['users.id', 'users.email', 'users.role', 'users.agency_id', 'users.active', 'sessions.created_at', 'sessions.last_seen_at'])
		.where('sessions.token_hash', '=', tokenHash)
		.executeTakeFirst();
	if (!row) return undefined;
	const idleMs = now.getTime() - row.last_seen_at.getTime();
	const ageMs = now.getTime() - row.created_at.getTime();
	if (!row.active || idleMs > limits.idleMinutes * 60_000 || ageMs > limits.maxHours * 3600_000) {
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

export async function forgetIdleSessions(db: Kysely<Database>, limits: SessionLimits): Promise<void> {
	await db
		.deleteFrom('sessions')
		.where((eb) =>
			eb.or([
				eb('last_seen_at', '<', sql<Date>`now() - make_interval(mins => ${limits.idleMinutes})`),
				eb('created_at', '<', sql<Date>`now() - make_interval(hours => ${limits.maxHours})`)
			])
		)
		.execute();
}
