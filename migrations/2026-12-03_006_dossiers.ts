import { sql, type Kysely } from 'kysely';

/**
 * The dossier register (hồ sơ, imported from the one-stop system or pushed by it), the officials
 * who handle dossiers, one single-use rating invitation per dossier, responses linked to their
 * dossier, the generic outbox of messages to send, and the role `integration` for API tokens of the
 * one-stop system. Frozen once landed: change the schema in a new migration.
 */
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('officials')
		.addColumn('id', 'serial', (c) => c.primaryKey())
		.addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id').onDelete('restrict'))
		.addColumn('code', 'text', (c) => c.notNull().check(sql`code ~ '^[A-Za-z0-9._-]{1,40}$'`))
		.addColumn('name', 'text', (c) => c.notNull().check(sql`length(name) between 1 and 200`))
		.addColumn('unit_id', 'integer', (c) => c.references('units.id').onDelete('restrict'))
		.addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addUniqueConstraint('officials_agency_code_key', ['agency_id', 'code'])
		.execute();

	// The invitation code is derived from a server secret (app_secrets) and never stored: only its
	// SHA-256 (invitation_hash) is, to find the dossier when a citizen types or scans it.
	await db.schema
		.createTable('dossiers')
		.addColumn('id', 'bigserial', (c) => c.primaryKey())
		.addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id').onDelete('restrict'))
		.addColumn('code', 'text', (c) => c.notNull().check(sql`length(code) between 1 and 60`))
		.addColumn('procedure_code', 'text', (c) => c.notNull().check(sql`length(procedure_code) between 1 and 60`))
		.addColumn('procedure_name', 'text', (c) => c.notNull().check(sql`length(procedure_name) between 1 and 300`))
		.addColumn('procedure_field_id', 'integer', (c) => c.notNull().references('procedure_fields.id').onDelete('restrict'))
		.addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('in_person', 'online', 'postal')`))
		.addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id').onDelete('restrict'))
		.addColumn('counter_id', 'integer', (c) => c.references('counters.id').onDelete('restrict'))
		.addColumn('received_at', 'timestamptz', (c) => c.notNull())
		.addColumn('due_at', 'timestamptz')
		.addColumn('returned_at', 'timestamptz')
		// Contact for the follow-up only: moved to the outbox when the result is returned, deleted
		// there once delivered, and never kept more than 30 days after the result.
		.addColumn('phone', 'text', (c) => c.check(sql`phone ~ '^\\+84[0-9]{9}$'`))
		.addColumn('email', 'text', (c) => c.check(sql`length(email) <= 254 and email like '%_@_%'`))
		.addColumn('invitation_hash', 'text', (c) => c.notNull().unique())
		.addColumn('follow_up_at', 'timestamptz')
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addUniqueConstraint('dossiers_agency_code_key', ['agency_id', 'code'])
		.execute();
	await db.schema.createIndex('dossiers_agency_returned_idx').on('dossiers').columns(['agency_id', 'returned_at']).execute();
	await db.schema.createIndex('dossiers_agency_received_idx').on('dossiers').columns(['agency_id', 'received_at']).execute();

	await db.schema
		.createTable('dossier_officials')
		.addColumn('dossier_id', 'bigint', (c) => c.notNull().references('dossiers.id').onDelete('cascade'))
		.addColumn('official_id', 'integer', (c) => c.notNull().references('officials.id').onDelete('restrict'))
		.addPrimaryKeyConstraint('dossier_officials_pkey', ['dossier_id', 'official_id'])
		.execute();
	await db.schema.createIndex('dossier_officials_official_idx').on('dossier_officials').column('official_id').execute();

	// A response through an invitation is linked to its dossier: at most one per dossier, which is
	// what makes the invitation single-use, whatever races.
	await db.schema.alterTable('responses').addColumn('dossier_id', 'bigint', (c) => c.references('dossiers.id').onDelete('restrict')).execute();
	await sql`create unique index responses_dossier_id_key on responses (dossier_id) where dossier_id is not null`.execute(db);
	// "Tôi muốn được liên hệ lại về góp ý này": only then may staff see which dossier it was.
	await db.schema.alterTable('responses').addColumn('wants_contact', 'boolean', (c) => c.notNull().defaultTo(false)).execute();

	await db.schema
		.createTable('app_secrets')
		.addColumn('name', 'text', (c) => c.primaryKey())
		.addColumn('value', 'bytea', (c) => c.notNull())
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.execute();

	// Wrong invitation codes per keyed device hash (survey/flood.ts) and hour: guessing is throttled.
	await db.schema
		.createTable('invitation_failures')
		.addColumn('device_hash', 'text', (c) => c.notNull())
		.addColumn('hour', 'timestamptz', (c) => c.notNull())
		.addColumn('failures', 'integer', (c) => c.notNull().defaultTo(0))
		.addPrimaryKeyConstraint('invitation_failures_pkey', ['device_hash', 'hour'])
		.execute();

	// Messages to send, one per idempotency key (for a dossier's invitation: dossier and channel).
	await db.schema
		.createTable('outbox')
		.addColumn('id', 'bigserial', (c) => c.primaryKey())
		.addColumn('agency_id', 'integer', (c) => c.references('agencies.id').onDelete('restrict'))
		.addColumn('topic', 'text', (c) => c.notNull())
		.addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('email', 'sms')`))
		.addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
		.addColumn('recipient', 'text')
		.addColumn('subject', 'text')
		.addColumn('body', 'text', (c) => c.notNull())
		.addColumn('state', 'text', (c) => c.notNull().defaultTo('pending').check(sql`state in ('pending', 'sending', 'sent', 'failed')`))
		.addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('next_attempt_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('locked_until', 'timestamptz')
		.addColumn('last_error', 'text')
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('sent_at', 'timestamptz')
		.execute();
	await db.schema.createIndex('outbox_due_idx').on('outbox').columns(['state', 'next_attempt_at']).execute();

	// The `integration` token role itself came with 2026-12-03_004_token_roles.
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('outbox').execute();
	await db.schema.dropTable('invitation_failures').execute();
	await db.schema.dropTable('app_secrets').execute();
	await db.schema.alterTable('responses').dropColumn('wants_contact').execute();
	await sql`drop index responses_dossier_id_key`.execute(db);
	await db.schema.alterTable('responses').dropColumn('dossier_id').execute();
	await db.schema.dropTable('dossier_officials').execute();
	await db.schema.dropTable('dossiers').execute();
	await db.schema.dropTable('officials').execute();
}
