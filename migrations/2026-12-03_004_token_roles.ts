import { sql, type Kysely } from 'kysely';

/**
 * API tokens are for other systems, not administrators: a token may only read reports (`leader`)
 * or, later, push dossiers (`integration`, reserved for the dossier push API). Tokens of every
 * other role still in use (`admin`, `staff`) are revoked here, each with an audit entry that names
 * the token and the person who created it; their rows stay, revoked, for the record.
 *
 * Frozen once landed: change the schema in a new migration.
 */
const MIGRATION = '2026-12-03_004_token_roles';

export async function up(db: Kysely<any>): Promise<void> {
	await sql`
		insert into audit_log (agency_id, user_id, actor, action, entity, entity_id, before, after)
		select t.agency_id, null, ${`migration:${MIGRATION}`}, 'token.revoke', 'api_token', t.id::text,
			jsonb_build_object('name', t.name, 'role', t.role, 'created_by', u.email, 'revoked', false),
			jsonb_build_object('name', t.name, 'role', t.role, 'created_by', u.email, 'revoked', true)
		from api_tokens t left join users u on u.id = t.created_by
		where t.revoked_at is null and t.role not in ('leader', 'integration')
		order by t.id`.execute(db);
	await sql`update api_tokens set revoked_at = now() where revoked_at is null and role not in ('leader', 'integration')`.execute(db);

	await sql`alter table api_tokens drop constraint api_tokens_role_check`.execute(db);
	// Old roles remain only on revoked tokens.
	await sql`
		alter table api_tokens add constraint api_tokens_role_check check (
			role in ('leader', 'integration') or (role in ('admin', 'staff') and revoked_at is not null)
		)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	// The old schema has no `integration` role: such tokens (which could do nothing yet) go.
	// Revoked tokens stay revoked.
	await sql`delete from api_tokens where role = 'integration'`.execute(db);
	await sql`alter table api_tokens drop constraint api_tokens_role_check`.execute(db);
	await sql`alter table api_tokens add constraint api_tokens_role_check check (role in ('admin', 'staff', 'leader'))`.execute(db);
}
