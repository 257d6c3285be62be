import { sql, type Kysely } from 'kysely';

/**
 * People and machines that read and manage an agency's data: users with one role each, their
 * sessions, sign-in throttling, API tokens, and the audit log of administrators' changes. Paper
 * questionnaires get an external id so that importing a file twice stores each row once.
 */
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('users')
		.addColumn('id', 'serial', (c) => c.primaryKey())
		// NULL only for a province_admin, who works across every agency of the install.
		.addColumn('agency_id', 'integer', (c) => c.references('agencies.id').onDelete('restrict'))
		.addColumn('email', 'text', (c) => c.notNull().unique().check(sql`email = lower(email) and email like '%_@_%'`))
		.addColumn('name', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('province_admin', 'admin', 'staff', 'leader')`))
		.addColumn('password_hash', 'text', (c) => c.notNull())
		.addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('password_changed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addCheckConstraint('users_agency_role_check', sql`(role = 'province_admin') = (agency_id is null)`)
		.execute();

	// The cookie holds a random token; only its SHA-256 is stored, so a copy of this table signs
	// nobody in.
	await db.schema
		.createTable('sessions')
		.addColumn('token_hash', 'text', (c) => c.primaryKey())
		.addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('last_seen_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.execute();
	await db.schema.createIndex('sessions_user_idx').on('sessions').column('user_id').execute();

	// Failed sign-ins per account and per network (keyed hashes, never the raw values), in
	// fixed 15-minute windows.
	await db.schema
		.createTable('sign_in_failures')
		.addColumn('subject', 'text', (c) => c.notNull())
		.addColumn('window_start', 'timestamptz', (c) => c.notNull())
		.addColumn('failures', 'integer', (c) => c.notNull().defaultTo(0))
		.addPrimaryKeyConstraint('sign_in_failures_pkey', ['subject', 'window_start'])
		.execute();

	await db.schema
		.createTable('api_tokens')
		.addColumn('id', 'serial', (c) => c.primaryKey())
		.addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id').onDelete('restrict'))
		.addColumn('name', 'text', (c) => c.notNull().check(sql`length(name) between 1 and 200`))
		.addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('admin', 'staff', 'leader')`))
		.addColumn('token_hash', 'text', (c) => c.notNull().unique())
		.addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('last_used_at', 'timestamptz')
		.addColumn('revoked_at', 'timestamptz')
		.execute();

	await db.schema
		.createTable('audit_log')
		.addColumn('id', 'bigserial', (c) => c.primaryKey())
		.addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('agency_id', 'integer', (c) => c.references('agencies.id').onDelete('restrict'))
		.addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
		// Who, as shown at the time (a deleted user's email stays readable here).
		.addColumn('actor', 'text', (c) => c.notNull())
		.addColumn('action', 'text', (c) => c.notNull())
		.addColumn('entity', 'text', (c) => c.notNull())
		.addColumn('entity_id', 'text')
		.addColumn('before', 'jsonb')
		.addColumn('after', 'jsonb')
		.execute();
	await db.schema.createIndex('audit_log_agency_at_idx').on('audit_log').columns(['agency_id', 'at']).execute();

	await db.schema.alterTable('responses').addColumn('external_id', 'text', (c) => c.check(sql`length(external_id) between 1 and 100`)).execute();
	await sql`create unique index responses_agency_external_id_key on responses (agency_id, external_id) where external_id is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	await sql`drop index responses_agency_external_id_key`.execute(db);
	await db.schema.alterTable('responses').dropColumn('external_id').execute();
	for (const table of ['audit_log', 'api_tokens', 'sign_in_failures', 'sessions', 'users']) await db.schema.dropTable(table).execute();
}
