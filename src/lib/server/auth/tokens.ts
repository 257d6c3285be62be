import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { API_TOKEN_ROLES, type ApiTokenRole } from '../../domain/enums';
import type { Database } from '../db/schema';
import type { Principal } from './principal';
import { hashToken } from './session';

/**
 * API tokens for other systems: shown once at creation ("hl_" + 32 random bytes), stored as a
 * SHA-256 hash, sent as "Authorization: Bearer …", revocable. A token is never an administrator:
 * it reaches only /api/v1 (identify.ts, guard.ts), and its role is `leader` (reads reports) or
 * `integration` (reserved for the dossier push API; no capability yet).
 */
export const TOKEN_ROLES = API_TOKEN_ROLES;
export type TokenRole = ApiTokenRole;

export function isTokenRole(value: unknown): value is TokenRole {
	return (TOKEN_ROLES as readonly unknown[]).includes(value);
}

/** Only API paths accept a token; pages and their form actions never do. */
export function isTokenPath(pathname: string): boolean {
	return pathname.startsWith('/api/v1/');
}

export async function createApiToken(
	db: Kysely<Database>,
	input: { agencyId: number; name: string; role: ApiTokenRole; createdBy: number | null }
): Promise<{ id: number; token: string }> {
	if (!isTokenRole(input.role)) throw new Error(`An API token's role is ${TOKEN_ROLES.join(' or ')}, not ${String(input.role)}.`);
	const token = `hl_${randomBytes(32).toString('base64url')}`;
	const row = await db
		.insertInto('api_tokens')
		.values({ agency_id: input.agencyId, name: input.name, role: input.role, token_hash: hashToken(token), created_by: input.createdBy })
		.returning('id')
		.executeTakeFirstOrThrow();
	return { id: row.id, token };
}

export async function tokenPrincipal(db: Kysely<Database>, token: string): Promise<Principal | undefined> {
	const row = await db
		.selectFrom('api_tokens')
		.leftJoin('users', 'users.id', 'api_tokens.created_by')
		.select(['api_tokens.id', 'api_tokens.name', 'api_tokens.role', 'api_tokens.agency_id', 'api_tokens.last_used_at', 'users.email as createdBy'])
		.where('api_tokens.token_hash', '=', hashToken(token))
		.where('api_tokens.revoked_at', 'is', null)
		.executeTakeFirst();
	// The database allows no other role on a token in use; refuse one anyway rather than trust it.
	if (!row || !isTokenRole(row.role)) return undefined;
	if (!row.last_used_at || Date.now() - row.last_used_at.getTime() > 60_000) {
		await db.updateTable('api_tokens').set({ last_used_at: new Date() }).where('id', '=', row.id).execute();
	}
	return { kind: 'token', id: row.id, label: tokenLabel(row.name, row.createdBy), role: row.role, agencyId: row.agency_id };
}

/**
 * What the audit log shows for a token: its name and the person who created it,
 * "token:Cổng tỉnh (admin@sct.gov.vn)" (without the person when made by the command line).
 */
export function tokenLabel(name: string, createdBy: string | null): string {
	return createdBy ? `token:${name} (${createdBy})` : `token:${name}`;
}

export async function revokeApiToken(db: Kysely<Database>, agencyId: number, id: number): Promise<boolean> {
	const result = await db
		.updateTable('api_tokens')
		.set({ revoked_at: new Date() })
		.where('id', '=', id)
		.where('agency_id', '=', agencyId)
		.where('revoked_at', 'is', null)
		.executeTakeFirst();
	return result.numUpdatedRows > 0n;
}
