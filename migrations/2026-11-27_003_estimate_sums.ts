import { sql, type Kysely } from 'kysely';

/**
 * Pre-aggregated sums for the SIPAS estimates (SIPAS.md §4), so that a report never scans raw
 * answers. Every sum in §4 is additive, so each row holds the sums of the responses that share
 * one key — a day or a month (Asia/Ho_Chi_Minh), a counter, a procedure field, a channel, online
 * or paper, and whether they are excluded (flagged as misuse or spam) — and a report adds up rows.
 *
 * estimate_sums has one column per sum, named by the dimension's two-letter code (the prefix of
 * its criterion keys): for a dimension d, d_n (responses that answered d), d_m = Σm, d_y = Σy,
 * d_y2 = Σy², d_ym = Σy·m, d_m2 = Σm²; for a pair of dimensions a, b (in questionnaire order)
 * a_b_yy = Σy_a·y_b, a_b_ym = Σy_a·m_b, a_b_my = Σm_a·y_b, a_b_mm = Σm_a·m_b; and for each index
 * the number of responses that answered any of its dimensions. criterion_sums counts each answer
 * value per criterion key.
 *
 * This migration is frozen: the codes below are copied, not imported, from the app.
 */
const DIMENSION_CODES = ['pa', 'pp', 'sa', 'tt', 'cc', 'kq', 'pk'] as const;
const DIMENSION_SUMS = ['n', 'm', 'y', 'y2', 'ym', 'm2'] as const;
const PAIR_SUMS = ['yy', 'ym', 'my', 'mm'] as const;
const INDEXES = ['overall', 'service', 'policy'] as const;

const KEY_COLUMNS = ['grain', 'period_start', 'agency_id', 'counter_id', 'procedure_field_id', 'channel', 'source', 'excluded'];

export async function up(db: Kysely<any>): Promise<void> {
	let sums = db.schema
		.createTable('estimate_sums')
		.addColumn('grain', 'text', (c) => c.notNull().check(sql`grain in ('day', 'month')`))
		.addColumn('period_start', 'date', (c) => c.notNull())
		.addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id').onDelete('restrict'))
		.addColumn('counter_id', 'integer', (c) => c.notNull().references('counters.id').onDelete('restrict'))
		.addColumn('procedure_field_id', 'integer', (c) => c.references('procedure_fields.id').onDelete('restrict'))
		.addColumn('channel', 'text')
		.addColumn('source', 'text', (c) => c.notNull())
		.addColumn('excluded', 'boolean', (c) => c.notNull())
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
	await sums.execute();
	await sql`create unique index estimate_sums_key on estimate_sums (${sql.join(KEY_COLUMNS.map((c) => sql.ref(c)))}) nulls not distinct`.execute(db);
	await db.schema.createIndex('estimate_sums_agency_period_idx').on('estimate_sums').columns(['agency_id', 'grain', 'period_start']).execute();
	await db.schema.createIndex('estimate_sums_counter_period_idx').on('estimate_sums').columns(['counter_id', 'grain', 'period_start']).execute();

	await db.schema
		.createTable('criterion_sums')
		.addColumn('grain', 'text', (c) => c.notNull().check(sql`grain in ('day', 'month')`))
		.addColumn('period_start', 'date', (c) => c.notNull())
		.addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id').onDelete('restrict'))
		.addColumn('counter_id', 'integer', (c) => c.notNull().references('counters.id').onDelete('restrict'))
		.addColumn('procedure_field_id', 'integer', (c) => c.references('procedure_fields.id').onDelete('restrict'))
		.addColumn('channel', 'text')
		.addColumn('source', 'text', (c) => c.notNull())
		.addColumn('excluded', 'boolean', (c) => c.notNull())
		.addColumn('criterion_key', 'text', (c) => c.notNull())
		.addColumn('v1', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('v2', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('v3', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('v4', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('v5', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('na', 'integer', (c) => c.notNull().defaultTo(0))
		.execute();
	await sql`create unique index criterion_sums_key on criterion_sums (${sql.join([...KEY_COLUMNS, 'criterion_key'].map((c) => sql.ref(c)))}) nulls not distinct`.execute(db);
	await db.schema.createIndex('criterion_sums_agency_period_idx').on('criterion_sums').columns(['agency_id', 'grain', 'period_start']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('criterion_sums').execute();
	await db.schema.dropTable('estimate_sums').execute();
}
