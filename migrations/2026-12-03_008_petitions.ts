import { sql, type Kysely } from 'kysely';

/**
 * Petitions (phản ánh, kiến nghị): cases with a readable code, a deadline counted in working days
 * (per category, with the agency's holiday calendar), notes, attachments kept in the database (so
 * every app process serves them), a tracking secret (only its hash), answers sent through the
 * outbox and published without personal details; alert recipients and rules, the alerts raised and
 * the scan marks of the alert worker. Frozen once landed: change the schema in a new migration.
 * The lists of values match src/lib/domain/enums.ts (PETITION_*, ALERT_*).
 */
export async function up(db: Kysely<any>): Promise<void> {
	// Working days per category; a category without a row has the default (10).
	await db.schema
		.createTable('petition_deadlines')
		.addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id').onDelete('cascade'))
		.addColumn('category', 'text', (c) => c.notNull().check(sql`category in ('procedures', 'regulations', 'official_attitude', 'results', 'other')`))
		.addColumn('working_days', 'integer', (c) => c.notNull().check(sql`working_days between 1 and 90`))
		.addPrimaryKeyConstraint('petition_deadlines_pkey', ['agency_id', 'category'])
		.execute();

	// The administrator's calendar: public holidays (and Tết), and weekend days worked in exchange.
	await db.schema
		.createTable('calendar_days')
		.addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id').onDelete('cascade'))
		.addColumn('day', 'date', (c) => c.notNull())
		.addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('holiday', 'working')`))
		.addColumn('name', 'text', (c) => c.notNull().check(sql`length(name) between 1 and 200`))
		.addPrimaryKeyConstraint('calendar_days_pkey', ['agency_id', 'day'])
		.execute();

	await db.schema
		.createTable('petitions')
		.addColumn('id', 'bigserial', (c) => c.primaryKey())
		.addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id').onDelete('restrict'))
		// PA-2026-000123: the year of receipt and the id, so unique across agencies (/y/t/{code} names no agency).
		.addColumn('code', 'text', (c) => c.notNull().unique().check(sql`code ~ '^PA-[0-9]{4}-[0-9]{6,}$'`))
		.addColumn('category', 'text', (c) => c.notNull().check(sql`category in ('procedures', 'regulations', 'official_attitude', 'results', 'other')`))
		.addColumn('source', 'text', (c) => c.notNull().check(sql`source in ('survey', 'public_form', 'paper', 'phone', 'counter')`))
		.addColumn('body', 'text', (c) => c.notNull().check(sql`length(body) between 1 and 4000`))
		.addColumn('contact_name', 'text', (c) => c.check(sql`length(contact_name) <= 200`))
		.addColumn('phone', 'text', (c) => c.check(sql`phone ~ '^\\+84[0-9]{9}$'`))
		.addColumn('email', 'text', (c) => c.check(sql`length(email) <= 254 and email like '%_@_%'`))
		.addColumn('response_id', 'bigint', (c) => c.unique().references('responses.id').onDelete('restrict'))
		.addColumn('dossier_id', 'bigint', (c) => c.references('dossiers.id').onDelete('restrict'))
		.addColumn('counter_id', 'integer', (c) => c.references('counters.id').onDelete('restrict'))
		// The unit responsible (from the counter, the dossier or the assignment).
		.addColumn('unit_id', 'integer', (c) => c.references('units.id').onDelete('restrict'))
		.addColumn('official_id', 'integer', (c) => c.references('officials.id').onDelete('restrict'))
		.addColumn('state', 'text', (c) => c.notNull().defaultTo('received').check(sql`state in ('received', 'assigned', 'answered', 'closed', 'declined')`))
		.addColumn('received_at', 'timestamptz', (c) => c.notNull())
		// The last working day to answer (Asia/Ho_Chi_Minh); overdue from the next day on.
		.addColumn('due_on', 'date', (c) => c.notNull())
		.addColumn('assigned_at', 'timestamptz')
		.addColumn('answer', 'text', (c) => c.check(sql`length(answer) <= 8000`))
		.addColumn('answered_at', 'timestamptz')
		.addColumn('closed_at', 'timestamptz')
		.addColumn('decline_reason', 'text', (c) => c.check(sql`length(decline_reason) <= 2000`))
		// Written by an administrator, without personal details; shown on /y/{agency} once published.
		.addColumn('published_answer', 'text', (c) => c.check(sql`length(published_answer) <= 8000`))
		.addColumn('published_at', 'timestamptz')
		.addColumn('secret_hash', 'text', (c) => c.notNull())
		// "Was the answer satisfactory?" asked on the tracking page.
		.addColumn('citizen_satisfied', 'boolean')
		.addColumn('feedback_at', 'timestamptz')
		.addColumn('flagged_flood', 'boolean', (c) => c.notNull().defaultTo(false))
		.addColumn('submission_id', 'uuid', (c) => c.unique())
		.addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.execute();
	await db.schema.createIndex('petitions_agency_state_idx').on('petitions').columns(['agency_id', 'state', 'due_on']).execute();
	await db.schema.createIndex('petitions_agency_received_idx').on('petitions').columns(['agency_id', 'received_at']).execute();

	await db.schema
		.createTable('petition_notes')
		.addColumn('id', 'bigserial', (c) => c.primaryKey())
		.addColumn('petition_id', 'bigint', (c) => c.notNull().references('petitions.id').onDelete('cascade'))
		.addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('author', 'text', (c) => c.notNull())
		.addColumn('body', 'text', (c) => c.notNull().check(sql`length(body) between 1 and 4000`))
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.execute();
	await db.schema.createIndex('petition_notes_petition_idx').on('petition_notes').column('petition_id').execute();

	await db.schema
		.createTable('petition_attachments')
		.addColumn('id', 'bigserial', (c) => c.primaryKey())
		.addColumn('petition_id', 'bigint', (c) => c.notNull().references('petitions.id').onDelete('cascade'))
		.addColumn('filename', 'text', (c) => c.notNull().check(sql`length(filename) between 1 and 200`))
		.addColumn('content_type', 'text', (c) => c.notNull().check(sql`content_type in ('image/jpeg', 'image/png', 'application/pdf')`))
		.addColumn('size', 'integer', (c) => c.notNull().check(sql`size between 1 and 5242880`))
		.addColumn('data', 'bytea', (c) => c.notNull())
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.execute();
	await db.schema.createIndex('petition_attachments_petition_idx').on('petition_attachments').column('petition_id').execute();

	// Public-form submissions per keyed device or network hash (survey/flood.ts) and hour.
	await db.schema
		.createTable('petition_submission_counts')
		.addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id').onDelete('cascade'))
		.addColumn('device_hash', 'text', (c) => c.notNull())
		.addColumn('hour', 'timestamptz', (c) => c.notNull())
		.addColumn('submissions', 'integer', (c) => c.notNull().defaultTo(0))
		.addPrimaryKeyConstraint('petition_submission_counts_pkey', ['agency_id', 'device_hash', 'hour'])
		.execute();
	// Wrong tracking secrets per keyed device hash and hour: guessing is throttled.
	await db.schema
		.createTable('petition_lookup_failures')
		.addColumn('device_hash', 'text', (c) => c.notNull())
		.addColumn('hour', 'timestamptz', (c) => c.notNull())
		.addColumn('failures', 'integer', (c) => c.notNull().defaultTo(0))
		.addPrimaryKeyConstraint('petition_lookup_failures_pkey', ['device_hash', 'hour'])
		.execute();

	// Who receives alerts: the agency's leaders, a unit's leader, or an official (as assignee).
	await db.schema
		.createTable('alert_recipients')
		.addColumn('id', 'serial', (c) => c.primaryKey())
		.addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id').onDelete('cascade'))
		.addColumn('name', 'text', (c) => c.notNull().check(sql`length(name) between 1 and 200`))
		.addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('email', 'sms')`))
		.addColumn('address', 'text', (c) => c.notNull().check(sql`length(address) between 3 and 254`))
		.addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('agency_leader', 'unit_leader', 'official')`))
		.addColumn('unit_id', 'integer', (c) => c.references('units.id').onDelete('cascade'))
		.addColumn('official_id', 'integer', (c) => c.references('officials.id').onDelete('cascade'))
		.addColumn('mode', 'text', (c) => c.notNull().defaultTo('immediate').check(sql`mode in ('immediate', 'digest')`))
		.addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addCheckConstraint('alert_recipients_role_target', sql`(role = 'agency_leader') or (role = 'unit_leader' and unit_id is not null) or (role = 'official' and official_id is not null)`)
		.execute();

	// A rule without a row is on.
	await db.schema
		.createTable('alert_rules')
		.addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id').onDelete('cascade'))
		.addColumn('rule', 'text', (c) => c.notNull().check(sql`rule in ('very_dissatisfied', 'attitude_case', 'deadline', 'dimension_below')`))
		.addColumn('enabled', 'boolean', (c) => c.notNull())
		.addPrimaryKeyConstraint('alert_rules_pkey', ['agency_id', 'rule'])
		.execute();

	// One row per alert and recipient; the key makes raising it twice raise it once.
	await db.schema
		.createTable('alerts')
		.addColumn('id', 'bigserial', (c) => c.primaryKey())
		.addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id').onDelete('cascade'))
		.addColumn('recipient_id', 'integer', (c) => c.notNull().references('alert_recipients.id').onDelete('cascade'))
		.addColumn('rule', 'text', (c) => c.notNull())
		.addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
		.addColumn('text', 'text', (c) => c.notNull())
		.addColumn('digest', 'boolean', (c) => c.notNull())
		// When it went to the outbox (at once, or in the recipient's daily digest).
		.addColumn('queued_at', 'timestamptz')
		.addColumn('created_at', 'timestamptz', (c) => c.notNull())
		.execute();
	await sql`create index alerts_digest_due_idx on alerts (recipient_id) where queued_at is null`.execute(db);

	// Where the alert worker's scans have got to (e.g. the last response id looked at).
	await db.schema
		.createTable('alert_marks')
		.addColumn('name', 'text', (c) => c.primaryKey())
		.addColumn('value', 'bigint', (c) => c.notNull())
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	for (const table of ['alert_marks', 'alerts', 'alert_rules', 'alert_recipients', 'petition_lookup_failures', 'petition_submission_counts', 'petition_attachments', 'petition_notes', 'petitions', 'calendar_days', 'petition_deadlines']) {
		await db.schema.dropTable(table).execute();
	}
}
