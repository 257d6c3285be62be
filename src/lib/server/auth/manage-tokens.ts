import type { Kysely } from 'kysely';
import { z } from 'zod';
import { audit } from '../audit/audit';
import type { Principal } from './principal';
import { createApiToken, revokeApiToken, TOKEN_ROLES } from './tokens';
import type { ApiTokenTable, Database } from '../db/schema';
import { displayName } from '../http/form-schemas';
import { done, notFound, validate, type Outcome } from '../http/outcome';

/**
 * API tokens of one agency, for other systems (a provincial reporting portal, say). The token is
 * shown once, when it is created; only its hash is kept. Revoking is immediate and final. A token
 * reads reports (`leader`) or writes the dossier register and reads invitations (`integration`); it is never an
 * administrator. The list and the audit log name the person who created each token.
 */
export interface TokenRow {
	id: number;
	name: string;
	/** 'admin' and 'staff' only on tokens revoked by migration 004. */
	role: ApiTokenTable['role'];
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
		const createdBy = actor.kind === 'user' ? actor.id : null;
		const created = await createApiToken(trx, { agencyId, name, role, createdBy });
		const after = { name, role, created_by: actor.kind === 'user' ? actor.label : null };
		await audit(trx, actor, { agencyId, action: 'token.create', entity: 'api_token', entityId: created.id, after });
		return done({ ...created, name });
	});
}

export async function revokeToken(db: Kysely<Database>, actor: Principal, agencyId: number, id: number): Promise<Outcome> {
	return db.transaction().execute(async (trx) => {
		const token = await trx
			.selectFrom('api_tokens')
			.leftJoin('users', 'users.id', 'api_tokens.created_by')
			.select(['api_tokens.name', 'api_tokens.revoked_at', 'users.email as createdBy'])
			.where('api_tokens.id', '=', id)
			.where('api_tokens.agency_id', '=', agencyId)
			.forUpdate('api_tokens')
			.executeTakeFirst();
		if (!token) return notFound;
		if (token.revoked_at) return done();
		await revokeApiToken(trx, agencyId, id);
		const named = { name: token.name, created_by: token.createdBy };
		await audit(trx, actor, { agencyId, action: 'token.revoke', entity: 'api_token', entityId: id, before: { ...named, revoked: false }, after: { ...named, revoked: true } });
		return done();
	});
}
