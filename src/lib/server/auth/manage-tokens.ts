import type { Kysely } from 'kysely';
import { z } from 'zod';
import { audit } from '../audit/audit';
import type { Principal } from './principal';
import { createApiToken, revokeApiToken } from './tokens';
import type { Database } from '../db/schema';
import { displayName } from '../http/form-schemas';
import { done, notFound, validate, type Outcome } from '../http/outcome';
import { AGENCY_ROLES } from './manage-users';

/** Roles a token may have: a person's roles, and `integration` for the one-stop system (dossiers only). */
export const TOKEN_ROLES = [...AGENCY_ROLES, 'integration'] as const;

/**
 * API tokens of one agency, for other systems (a provincial reporting portal, say). The token is
 * shown once, when it is created; only its hash is kept. Revoking is immediate and final.
 */
export interface TokenRow {
	id: number;
	name: string;
	role: (typeof TOKEN_ROLES)[number];
	createdAt: Date;
	createdBy: string | null;
	lastUsedAt: Date | null;
	revokedAt: Date | null;
}

const createForm = z.object({ name: displayName, role: z.enum(TOKEN_ROLES, { error: 'admin.users.roleChoose' }) });

export async function listTokens(db: Kysely<Database>, agencyId: number): Promise<TokenRow[]> {
	const rows = await db
		.selectFrom('api_tokens')
		.leftJoin('users', 'users.id', 'api_tokens.created_by')
		.select([
			'api_tokens.id',
			'api_tokens.name',
			'api_tokens.role',
			'api_tokens.created_at as createdAt',
			'users.email as createdBy',
			'api_tokens.last_used_at as lastUsedAt',
			'api_tokens.revoked_at as revokedAt'
		])
		.where('api_tokens.agency_id', '=', agencyId)
		.orderBy('api_tokens.revoked_at', (o) => o.desc().nullsFirst())
		.orderBy('api_tokens.created_at', 'desc')
		.execute();
	return rows;
}

export async function createToken(db: Kysely<Database>, actor: Principal, agencyId: number, raw: unknown): Promise<Outcome<{ id: number; token: string; name: string }>> {
	const input = validate(createForm, raw);
	if (!input.ok) return input;
	const { name, role } = input.value;
	return db.transaction().execute(async (trx) => {
		const created = await createApiToken(trx, { agencyId, name, role, createdBy: actor.kind === 'user' ? actor.id : null });
		await audit(trx, actor, { agencyId, action: 'token.create', entity: 'api_token', entityId: created.id, after: { name, role } });
		return done({ ...created, name });
	});
}

export async function revokeToken(db: Kysely<Database>, actor: Principal, agencyId: number, id: number): Promise<Outcome> {
	return db.transaction().execute(async (trx) => {
		const token = await trx.selectFrom('api_tokens').select(['name', 'revoked_at']).where('id', '=', id).where('agency_id', '=', agencyId).forUpdate().executeTakeFirst();
		if (!token) return notFound;
		if (token.revoked_at) return done();
		await revokeApiToken(trx, agencyId, id);
		await audit(trx, actor, { agencyId, action: 'token.revoke', entity: 'api_token', entityId: id, before: { name: token.name, revoked: false }, after: { name: token.name, revoked: true } });
		return done();
	});
}
