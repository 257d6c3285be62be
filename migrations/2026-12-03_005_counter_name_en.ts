import { sql, type Kysely } from 'kysely';

/**
 * A counter's optional English name, shown on the English survey, thank-you and home pages in
 * place of its Vietnamese name (which stays the name of record: posters, reports, exports). NULL:
 * no English name, the Vietnamese one is shown. Never an empty string.
 */
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.alterTable('counters')
		.addColumn('name_en', 'text', (c) => c.check(sql`name_en is null or length(btrim(name_en)) between 1 and 200`))
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('counters').dropColumn('name_en').execute();
}
