import { sql, type Kysely } from 'kysely';

/**
 * The survey's core model: agencies and their units, counters and procedure fields; survey
 * versions with the seven SIPAS dimensions and their criteria; responses and their answers;
 * baselines and targets. Plain English names so an IT officer can read the data with SQL.
 * Frozen once landed: change the schema in a new migration.
 */
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('agencies')
		.addColumn('id', 'serial', (c) => c.primaryKey())
		.addColumn('code', 'text', (c) => c.notNull().unique().check(sql`code ~ '^[a-z0-9][a-z0-9-]{1,62}$'`))
		.addColumn('name_vi', 'text', (c) => c.notNull())
		.addColumn('name_en', 'text', (c) => c.notNull())
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.execute();

	await db.schema
		.createTable('units')
		.addColumn('id', 'serial', (c) => c.primaryKey())
		.addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id').onDelete('restrict'))
		.addColumn('name', 'text', (c) => c.notNull().check(sql`length(name) between 1 and 200`))
		.addUniqueConstraint('units_agency_name_key', ['agency_id', 'name'])
		.execute();

	await db.schema
		.createTable('procedure_fields')
		.addColumn('id', 'serial', (c) => c.primaryKey())
		.addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id').onDelete('restrict'))
		.addColumn('name', 'text', (c) => c.notNull().check(sql`length(name) between 1 and 200`))
		.addUniqueConstraint('procedure_fields_agency_name_key', ['agency_id', 'name'])
		.execute();

	// The counter's code is the public token in its QR URL (/s/{code}), so it is unique across
	// the whole install, short, and safe in a URL.
	await db.schema
		.createTable('counters')
		.addColumn('id', 'serial', (c) => c.primaryKey())
		.addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id').onDelete('restrict'))
		.addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id').onDelete('restrict'))
		.addColumn('code', 'text', (c) => c.notNull().unique().check(sql`code ~ '^[a-z0-9][a-z0-9-]{1,39}$'`))
		.addColumn('name', 'text', (c) => c.notNull().check(sql`length(name) between 1 and 200`))
		.addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.execute();
	await db.schema.createIndex('counters_agency_idx').on('counters').columns(['agency_id', 'unit_id']).execute();

	// The seven SIPAS dimensions are national, the same for every agency.
	await db.schema
		.createTable('dimensions')
		.addColumn('key', 'text', (c) => c.primaryKey())
		.addColumn('position', 'smallint', (c) => c.notNull().unique())
		.addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('policy', 'service')`))
		.addColumn('name_vi', 'text', (c) => c.notNull())
		.addColumn('name_en', 'text', (c) => c.notNull())
		.execute();

	// At most one active version per agency; a version with responses is immutable (enforced by
	// the trigger below, so no code path can forget it).
	await db.schema
		.createTable('survey_versions')
		.addColumn('id', 'serial', (c) => c.primaryKey())
		.addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id').onDelete('restrict'))
		.addColumn('number', 'integer', (c) => c.notNull().check(sql`number > 0`))
		.addColumn('active', 'boolean', (c) => c.notNull().defaultTo(false))
		.addColumn('lead_in_vi', 'text', (c) => c.notNull())
		.addColumn('lead_in_en', 'text', (c) => c.notNull())
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addUniqueConstraint('survey_versions_agency_number_key', ['agency_id', 'number'])
		.execute();
	await sql`create unique index survey_versions_one_active_idx on survey_versions (agency_id) where active`.execute(db);

	await db.schema
		.createTable('criteria')
		.addColumn('id', 'serial', (c) => c.primaryKey())
		.addColumn('survey_version_id', 'integer', (c) => c.notNull().references('survey_versions.id').onDelete('cascade'))
		.addColumn('dimension_key', 'text', (c) => c.notNull().references('dimensions.key'))
		// Keys (PA1 … PK4) carry across versions so that trends stay comparable.
		.addColumn('key', 'text', (c) => c.notNull().check(sql`key ~ '^[A-Z]{2}[0-9]{1,2}$'`))
		.addColumn('position', 'smallint', (c) => c.notNull())
		.addColumn('text_vi', 'text', (c) => c.notNull())
		.addColumn('text_en', 'text', (c) => c.notNull())
		.addUniqueConstraint('criteria_version_key_key', ['survey_version_id', 'key'])
		.execute();

	await db.schema
		.createTable('responses')
		.addColumn('id', 'bigserial', (c) => c.primaryKey())
		.addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id').onDelete('restrict'))
		.addColumn('counter_id', 'integer', (c) => c.notNull().references('counters.id').onDelete('restrict'))
		.addColumn('survey_version_id', 'integer', (c) => c.notNull().references('survey_versions.id').onDelete('restrict'))
		// Issued with the form; a second submit of the same id (double tap, retry) stores nothing.
		.addColumn('submission_id', 'uuid', (c) => c.notNull().unique())
		.addColumn('submitted_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('source', 'text', (c) => c.notNull().defaultTo('online').check(sql`source in ('online', 'paper')`))
		.addColumn('channel', 'text', (c) => c.check(sql`channel in ('in_person', 'online', 'postal')`))
		.addColumn('respondent_type', 'text', (c) => c.check(sql`respondent_type in ('individual', 'organisation')`))
		.addColumn('gender', 'text', (c) => c.check(sql`gender in ('female', 'male', 'other')`))
		.addColumn('age_group', 'text', (c) => c.check(sql`age_group in ('under_30', '30_44', '45_59', '60_plus')`))
		.addColumn('ethnicity', 'text', (c) => c.check(sql`ethnicity in ('kinh', 'jrai', 'bahnar', 'other')`))
		.addColumn('procedure_field_id', 'integer', (c) => c.references('procedure_fields.id').onDelete('restrict'))
		.addColumn('dossier_code', 'text', (c) => c.check(sql`length(dossier_code) <= 60`))
		.addColumn('comment', 'text', (c) => c.check(sql`length(comment) <= 2000`))
		// Excluded from estimates unless a report asks to include them.
		.addColumn('flagged_misuse', 'boolean', (c) => c.notNull().defaultTo(false))
		.addColumn('flagged_spam', 'boolean', (c) => c.notNull().defaultTo(false))
		.execute();
	await db.schema.createIndex('responses_counter_time_idx').on('responses').columns(['counter_id', 'submitted_at']).execute();
	await db.schema.createIndex('responses_agency_time_idx').on('responses').columns(['agency_id', 'submitted_at']).execute();

	// One row per criterion answered. value NULL means "Không áp dụng" (N/A), never a number;
	// a criterion skipped has no row at all.
	await db.schema
		.createTable('answers')
		.addColumn('response_id', 'bigint', (c) => c.notNull().references('responses.id').onDelete('cascade'))
		.addColumn('criterion_id', 'integer', (c) => c.notNull().references('criteria.id').onDelete('restrict'))
		.addColumn('value', 'smallint', (c) => c.check(sql`value between 1 and 5`))
		.addPrimaryKeyConstraint('answers_pkey', ['response_id', 'criterion_id'])
		.execute();
	await sql`comment on column answers.value is '1-5 on the satisfaction scale; NULL = Không áp dụng (N/A)'`.execute(db);
	await db.schema.createIndex('answers_criterion_idx').on('answers').column('criterion_id').execute();

	await sql`
		create function survey_version_is_frozen() returns trigger language plpgsql as $$
		declare v integer;
		begin
			v := coalesce(new.survey_version_id, old.survey_version_id);
			if exists (select 1 from responses where survey_version_id = v) then
				raise exception 'survey version % has responses and cannot be changed; create a new version', v
					using errcode = 'check_violation';
			end if;
			return coalesce(new, old);
		end $$`.execute(db);
	await sql`
		create trigger criteria_frozen before insert or update or delete on criteria
		for each row execute function survey_version_is_frozen()`.execute(db);

	for (const table of ['baselines', 'targets']) {
		await db.schema
			.createTable(table)
			.addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id').onDelete('restrict'))
			.addColumn('dimension_key', 'text', (c) => c.notNull().references('dimensions.key'))
			.addColumn('year', 'smallint', (c) => c.notNull().check(sql`year between 2000 and 2100`))
			// Percent, as the plan writes it: 83.26 means 83,26%.
			.addColumn('percent', sql`numeric(5,2)`, (c) => c.notNull().check(sql`percent between 0 and 100`))
			.addPrimaryKeyConstraint(`${table}_pkey`, ['agency_id', 'dimension_key', 'year'])
			.execute();
	}

	// Flood detection. device_hash is a keyed hash of network and browser; the key lives in
	// flood_keys, one per day, and is deleted after two days, so no raw IP address or fingerprint
	// is ever stored and old hashes cannot be reversed.
	await db.schema
		.createTable('flood_keys')
		.addColumn('day', 'date', (c) => c.primaryKey())
		.addColumn('key', 'bytea', (c) => c.notNull())
		.execute();
	await db.schema
		.createTable('submission_counts')
		.addColumn('counter_id', 'integer', (c) => c.notNull().references('counters.id').onDelete('cascade'))
		.addColumn('device_hash', 'text', (c) => c.notNull())
		.addColumn('hour', 'timestamptz', (c) => c.notNull())
		.addColumn('submissions', 'integer', (c) => c.notNull().defaultTo(0))
		.addPrimaryKeyConstraint('submission_counts_pkey', ['counter_id', 'device_hash', 'hour'])
		.execute();
	await db.schema.createIndex('submission_counts_hour_idx').on('submission_counts').column('hour').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	for (const table of [
		'submission_counts',
		'flood_keys',
		'targets',
		'baselines',
		'answers',
		'responses',
		'criteria',
		'survey_versions',
		'dimensions',
		'counters',
		'procedure_fields',
		'units',
		'agencies'
	]) {
		await db.schema.dropTable(table).execute();
	}
	await sql`drop function survey_version_is_frozen()`.execute(db);
}
