import { sql, type Kysely } from 'kysely';

/**
 * Kiosks (rating tablets at a counter), the answers they had refused, read-aloud clips, and
 * translations of a survey version beyond Vietnamese and English. Frozen once landed: change the
 * schema in a new migration.
 */
export async function up(db: Kysely<any>): Promise<void> {
	// A kiosk is enrolled once with a one-time code (its SHA-256 kept until used or expired), then
	// holds a device credential of which only the SHA-256 is kept. Revoking keeps the row, so the
	// answers a revoked kiosk still sends are refused with a reason the administrator can read.
	await db.schema
		.createTable('kiosks')
		.addColumn('id', 'serial', (c) => c.primaryKey())
		.addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id').onDelete('restrict'))
		.addColumn('counter_id', 'integer', (c) => c.notNull().references('counters.id').onDelete('restrict'))
		.addColumn('name', 'text', (c) => c.notNull().check(sql`length(name) between 1 and 100`))
		.addColumn('enrolment_hash', 'text', (c) => c.unique())
		.addColumn('enrolment_expires_at', 'timestamptz')
		.addColumn('credential_hash', 'text', (c) => c.unique())
		.addColumn('enrolled_at', 'timestamptz')
		.addColumn('revoked_at', 'timestamptz')
		.addColumn('last_contact_at', 'timestamptz')
		.addColumn('queue_size', 'integer', (c) => c.notNull().defaultTo(0).check(sql`queue_size >= 0`))
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.execute();
	await db.schema.createIndex('kiosks_agency_idx').on('kiosks').column('agency_id').execute();

	// Answers a kiosk sent and the server refused (revoked, too old, in the future, invalid…): one
	// row per submission id, the last reason wins.
	await db.schema
		.createTable('kiosk_refusals')
		.addColumn('kiosk_id', 'integer', (c) => c.notNull().references('kiosks.id').onDelete('cascade'))
		.addColumn('submission_id', 'uuid', (c) => c.notNull())
		.addColumn('reason', 'text', (c) => c.notNull().check(sql`reason in ('revoked', 'future', 'too_old', 'invalid', 'version_changed', 'too_many')`))
		.addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addPrimaryKeyConstraint('kiosk_refusals_pkey', ['kiosk_id', 'submission_id'])
		.execute();

	// The kiosk a response came from; answered_at stays submitted_at (the time the citizen answered).
	await db.schema.alterTable('responses').addColumn('kiosk_id', 'integer', (c) => c.references('kiosks.id').onDelete('restrict')).execute();
	await sql`create index responses_kiosk_idx on responses (kiosk_id) where kiosk_id is not null`.execute(db);

	// Translations of a survey version, key → text per language (lead_in, dim.XX, crit.XX1, ui.*).
	// Vietnamese and English stay in their columns; a missing key falls back to Vietnamese.
	await db.schema
		.createTable('survey_translations')
		.addColumn('survey_version_id', 'integer', (c) => c.notNull().references('survey_versions.id').onDelete('cascade'))
		.addColumn('language', 'text', (c) => c.notNull().check(sql`language in ('jrai', 'bahnar')`))
		.addColumn('key', 'text', (c) => c.notNull().check(sql`key ~ '^[a-z_]+(\\.[A-Za-z0-9_]+)*$' and length(key) <= 60`))
		.addColumn('text', 'text', (c) => c.notNull().check(sql`length(text) between 1 and 600`))
		.addPrimaryKeyConstraint('survey_translations_pkey', ['survey_version_id', 'language', 'key'])
		.execute();

	// Recorded read-aloud clips per version, statement key and language, kept in the database.
	await db.schema
		.createTable('audio_clips')
		.addColumn('survey_version_id', 'integer', (c) => c.notNull().references('survey_versions.id').onDelete('cascade'))
		.addColumn('language', 'text', (c) => c.notNull().check(sql`language in ('vi', 'en', 'jrai', 'bahnar')`))
		.addColumn('key', 'text', (c) => c.notNull().check(sql`length(key) between 1 and 60`))
		.addColumn('mime', 'text', (c) => c.notNull().check(sql`mime in ('audio/mpeg', 'audio/ogg', 'audio/wav', 'audio/mp4')`))
		.addColumn('data', 'bytea', (c) => c.notNull())
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addPrimaryKeyConstraint('audio_clips_pkey', ['survey_version_id', 'language', 'key'])
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('audio_clips').execute();
	await db.schema.dropTable('survey_translations').execute();
	await sql`drop index responses_kiosk_idx`.execute(db);
	await db.schema.alterTable('responses').dropColumn('kiosk_id').execute();
	await db.schema.dropTable('kiosk_refusals').execute();
	await db.schema.dropTable('kiosks').execute();
}
