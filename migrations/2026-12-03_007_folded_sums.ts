import { sql, type Kysely } from 'kysely';
import * as estimateSums003 from './2026-11-27_003_estimate_sums';

/**
 * The sums reshaped, and their upkeep moved off the submission path (issue 8).
 *
 * Before: estimate_sums and criterion_sums at day and month grain under the full key (counter,
 * procedure field, channel, source, excluded), written by every submission in its own transaction:
 * about 30 sum rows per response (most keys of a day hold one response), 111 MB of sums for 42 MB
 * of answers in the demo, and every submission queuing on shared rows.
 *
 * After:
 * - estimate_sums holds, in ONE row per key, the §4 sums and the answer counts of every criterion
 *   (`pa1_v1` … `pk4_na`: 28 reference criteria × values 1–5 and N/A), so criterion_sums goes.
 * - Month rows keep the full key, plus `verified` (the response came through a dossier's
 *   invitation). Day rows keep only the agency, counter and excluded: the other key columns are
 *   NULL there (a CHECK says so). A custom range of days can then be filtered by unit and counter,
 *   not by procedure field, channel, source or verified (the filter form says so).
 * - daily_counts: how many responses per day under the full key, one narrow row each, for the
 *   dashboard's responses-per-day chart under any filter.
 * - responses.folded: whether a response's contribution is in the sums. A submission stores its
 *   response unfolded and touches no sum; the folder (src/lib/server/sums/folder.ts) adds unfolded
 *   responses to the sums in batches and marks them folded in the same transaction; reports read
 *   the folded sums plus the unfolded tail in one statement, so they are exact at every moment.
 *   The partial index keeps the tail cheap to find.
 *
 * - submission_counts gains a slot (0–7) in its key: the hourly flood count of one device or
 *   network is spread over up to eight rows, each submission adding to one at random and reading
 *   their sum, so that fifty citizens behind one office Wi-Fi no longer queue on one row lock
 *   until each other's commit.
 *
 * Existing responses are left unfolded and the new tables empty: start-up sees responses without
 * sums and rebuilds them (sumsMissing), as on any database filled without sums.
 *
 * Frozen: the codes and keys below are copied, not imported, from the app.
 */
const DIMENSION_CODES = ['pa', 'pp', 'sa', 'tt', 'cc', 'kq', 'pk'] as const;
const DIMENSION_SUMS = ['n', 'm', 'y', 'y2', 'ym', 'm2'] as const;
const PAIR_SUMS = ['yy', 'ym', 'my', 'mm'] as const;
const INDEXES = ['overall', 'service', 'policy'] as const;
const CRITERION_KEYS = [
	'PA1', 'PA2', 'PA3', 'PP1', 'PP2', 'PP3', 'SA1', 'SA2', 'SA3', 'SA4', 'TT1', 'TT2', 'TT3', 'TT4',
	'TT5', 'CC1', 'CC2', 'CC3', 'CC4', 'CC5', 'CC6', 'KQ1', 'KQ2', 'KQ3', 'PK1', 'PK2', 'PK3', 'PK4'
] as const;
const COUNTS = ['v1', 'v2', 'v3', 'v4', 'v5', 'na'] as const;

const KEY_COLUMNS = ['grain', 'period_start', 'agency_id', 'counter_id', 'procedure_field_id', 'channel', 'source', 'excluded', 'verified'];
const DAILY_KEY = ['day', 'agency_id', 'counter_id', 'procedure_field_id', 'channel', 'source', 'excluded', 'verified'];

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('criterion_sums').execute();
	await db.schema.dropTable('estimate_sums').execute();

	let sums = db.schema
		.createTable('estimate_sums')
		.addColumn('grain', 'text', (c) => c.notNull().check(sql`grain in ('day', 'month')`))
		.addColumn('period_start', 'date', (c) => c.notNull())
		.addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id').onDelete('restrict'))
		.addColumn('counter_id', 'integer', (c) => c.notNull().references('counters.id').onDelete('restrict'))
		.addColumn('procedure_field_id', 'integer', (c) => c.references('procedure_fields.id').onDelete('restrict'))
		.addColumn('channel', 'text')
		.addColumn('source', 'text')
		.addColumn('excluded', 'boolean', (c) => c.notNull())
		.addColumn('verified', 'boolean')
		.addColumn('responses', 'integer', (c) => c.notNull().defaultTo(0));
	for (const index of INDEXES) sums = sums.addColumn(`${index}_n`, 'integer', (c) => c.notNull().defaultTo(0));
	for (const d of DIMENSION_CODES) {
		for (const s of DIMENSION_SUMS) sums = sums.addColumn(`${d}_${s}`, 'integer', (c) => c.notNull().defaultTo(0));
	}
	for (const [i, a] of DIMENSION_CODES.entries()) {
		for (const b of DIMENSION_CODES.slice(i + 1)) {
			for (const s of PAIR_SUMS) sums = sums.addColumn(`${a}_${b}_${s}`, 'integer', (c) => c.notNull().defaultTo(0));
		}
	}
	for (const key of CRITERION_KEYS) {
		for (const count of COUNTS) sums = sums.addColumn(`${key.toLowerCase()}_${count}`, 'integer', (c) => c.notNull().defaultTo(0));
	}
	sums = sums.addCheckConstraint(
		'estimate_sums_day_key',
		sql`grain = 'month' or (procedure_field_id is null and channel is null and source is null and verified is null)`
	);
	sums = sums.addCheckConstraint('estimate_sums_month_key', sql`grain = 'day' or (source is not null and verified is not null)`);
	await sums.execute();
	await sql`create unique index estimate_sums_key on estimate_sums (${sql.join(KEY_COLUMNS.map((c) => sql.ref(c)))}) nulls not distinct`.execute(db);
	await db.schema.createIndex('estimate_sums_agency_period_idx').on('estimate_sums').columns(['agency_id', 'grain', 'period_start']).execute();

	await db.schema
		.createTable('daily_counts')
		.addColumn('day', 'date', (c) => c.notNull())
		.addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id').onDelete('restrict'))
		.addColumn('counter_id', 'integer', (c) => c.notNull().references('counters.id').onDelete('restrict'))
		.addColumn('procedure_field_id', 'integer', (c) => c.references('procedure_fields.id').onDelete('restrict'))
		.addColumn('channel', 'text')
		.addColumn('source', 'text', (c) => c.notNull())
		.addColumn('excluded', 'boolean', (c) => c.notNull())
		.addColumn('verified', 'boolean', (c) => c.notNull())
		.addColumn('responses', 'integer', (c) => c.notNull())
		.execute();
	await sql`create unique index daily_counts_key on daily_counts (${sql.join(DAILY_KEY.map((c) => sql.ref(c)))}) nulls not distinct`.execute(db);

	await db.schema.alterTable('submission_counts').addColumn('slot', 'smallint', (c) => c.notNull().defaultTo(0).check(sql`slot between 0 and 7`)).execute();
	await db.schema.alterTable('submission_counts').dropConstraint('submission_counts_pkey').execute();
	await db.schema.alterTable('submission_counts').addPrimaryKeyConstraint('submission_counts_pkey', ['counter_id', 'device_hash', 'hour', 'slot']).execute();

	await db.schema.alterTable('responses').addColumn('folded', 'boolean', (c) => c.notNull().defaultTo(false)).execute();
	await sql`create index responses_unfolded_idx on responses (agency_id, id) where not folded`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.deleteFrom('submission_counts').where('slot', '>', 0).execute();
	await db.schema.alterTable('submission_counts').dropConstraint('submission_counts_pkey').execute();
	await db.schema.alterTable('submission_counts').dropColumn('slot').execute();
	await db.schema.alterTable('submission_counts').addPrimaryKeyConstraint('submission_counts_pkey', ['counter_id', 'device_hash', 'hour']).execute();
	await sql`drop index responses_unfolded_idx`.execute(db);
	await db.schema.alterTable('responses').dropColumn('folded').execute();
	await db.schema.dropTable('daily_counts').execute();
	await db.schema.dropTable('estimate_sums').execute();
	await estimateSums003.up(db);
}
