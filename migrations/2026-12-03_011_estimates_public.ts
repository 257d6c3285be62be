import { sql, type Kysely } from 'kysely';

/**
 * Issue 11: the official SIPAS results an administrator records (published by the Ministry of Home
 * Affairs or the province), shown beside the platform's year estimate; and each agency's switch
 * for its public results page /p/{agency}, off by default. Frozen once landed.
 */
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('official_results')
		.addColumn('id', 'serial', (c) => c.primaryKey())
		.addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id').onDelete('cascade'))
		.addColumn('year', 'integer', (c) => c.notNull().check(sql`year between 2000 and 2100`))
		// What the figure covers, as published: "tỉnh Gia Lai", "cả nước".
		.addColumn('scope', 'text', (c) => c.notNull().check(sql`length(scope) between 1 and 120`))
		.addColumn('overall', sql`numeric(5,2)`, (c) => c.check(sql`overall between 0 and 100`))
		// The dimensions published, percent by dimension key ({} when only the overall was).
		.addColumn('dimensions', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
		.addColumn('source', 'text', (c) => c.check(sql`length(source) <= 300`))
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addUniqueConstraint('official_results_agency_year_scope_key', ['agency_id', 'year', 'scope'])
		.execute();

	await db.schema.alterTable('agencies').addColumn('public_results', 'boolean', (c) => c.notNull().defaultTo(false)).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('agencies').dropColumn('public_results').execute();
	await db.schema.dropTable('official_results').execute();
}
