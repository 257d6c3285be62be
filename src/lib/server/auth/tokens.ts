import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { Principal } from './principal';
import { hashToken } from './session';

/**
 * API tokens for other systems: shown once at creation ("hl_" + 32 random bytes), stored as a
 * SHA-256 hash, sent as "Authorization: Bearer …", revocable.
 */
export type TokenRole = 'admin' | 'staff' | 'leader' | 'integration';

export async function createApiToken(
	db: Kysely<Database>,
	input: { agencyId: number; name: string; role: TokenRole; createdBy: number | null }
): Promise<{ id: number; token: string }> {
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
		.select(['id', 'name', 'role', 'agency_id', 'last_used_at'])
		.where('token_hash', '=', hashToken(token))
		.where('revoked_at', 'is', null)
		.executeTakeFirst();
	if (!row) return undefined;
	if (!row.last_used_at || Date.now() - row.last_used_at.getTime() > 60_000) {
		await db.updateTable('api_tokens').set({ last_used_at: new Date() }).where('id', '=', row.id).execute();
	}
	return { kind: 'token', id: row.id, label: `token:${row.name}`, role: row.role, agencyId: row.agency_id };
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
