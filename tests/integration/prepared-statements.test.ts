import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDatabase, type DatabaseHandle } from '../../src/lib/server/db/connect';
import { prepared } from '../../src/lib/server/db/prepared';
import { readFrameCounts } from '../../src/lib/server/estimates/register-frame';
import { seedReference } from '../../src/lib/server/seed/reference';
import { readMonthlySums, readMonthlyStratumSums } from '../../src/lib/server/sums/read-sums';
import type { Scope } from '../../src/lib/server/scope/scope';
import { databaseKinds, migratedDatabase, type TestDatabase } from './helpers/databases';

/**
 * The wide reads of the sums are prepared once per connection on a Postgres server (db/prepared.ts):
 * the same shape of statement is then only executed, whatever its values; a connection prepares a
 * bounded number of them and runs the others as plain statements, with the same results. On PGlite
 * the mark is a comment and the reads work as before.
 */
const kinds = await databaseKinds();

/** The statements this session has prepared, from Postgres's own view. */
async function preparedTexts(handle: DatabaseHandle): Promise<string[]> {
	const { rows } = await sql<{ statement: string }>`select statement from pg_prepared_statements order by prepare_time`.execute(handle.db);
	return rows.map((row) => row.statement);
}

describe.each(kinds)('prepared statements (%s)', (kind) => {
	let database: TestDatabase;
	let single: DatabaseHandle;
	let scope: Scope;

	beforeAll(async () => {
		database = await migratedDatabase(kind);
		await seedReference(database.db);
		const agency = await database.db.selectFrom('agencies').select('id').where('code', '=', 'sct-gialai').executeTakeFirstOrThrow();
		scope = { agencyId: agency.id, includeExcluded: false };
		// One connection, so that Postgres's view of prepared statements is the reads' own session.
		single = kind === 'postgres' ? await connectDatabase({ url: database.url!, poolSize: 1 }) : database;
	});

	afterAll(async () => {
		if (single !== database) await single.close();
		await database?.drop();
	});

	it('runs the marked reads and answers as before', async () => {
		expect(await readMonthlySums(single.db, scope, '2024-01', '2024-12')).toEqual(new Map());
		expect(await readMonthlyStratumSums(single.db, scope, '2024-01', '2024-12')).toEqual(new Map());
		expect(await readFrameCounts(single.db, scope, '2024-01', '2024-12')).toEqual(new Map());
		const { rows } = await prepared(sql<{ v: number }>`select ${41}::int + 1 as v`).execute(single.db);
		expect(rows).toEqual([{ v: 42 }]);
	});

	it.runIf(kind === 'postgres')('prepares each shape of read once per connection, for every value', async () => {
		const before = (await preparedTexts(single)).length;
		for (const [from, to] of [['2024-01', '2024-06'], ['2023-01', '2025-12'], ['2024-03', '2024-03']] as const) {
			await readMonthlySums(single.db, scope, from, to);
			await readMonthlySums(single.db, { ...scope, channel: 'online' }, from, to);
		}
		const texts = await preparedTexts(single);
		// One new shape (one channel), whatever the months: the whole agency's was prepared by the
		// first case, and served the six reads of it here without another.
		expect(texts.length - before).toBe(1);
		expect(texts.every((text) => text.startsWith('/* prepared */'))).toBe(true);
		expect(texts.slice(before).every((text) => text.includes('from estimate_sums s'))).toBe(true);
		// Statements without the mark are never prepared.
		await sql`select 1`.execute(single.db);
		expect((await preparedTexts(single)).length).toBe(texts.length);
	});

	it.runIf(kind === 'postgres')('prepares at most 32 statements a connection and runs the rest as plain statements', async () => {
		for (let i = 0; i < 40; i++) {
			// sql.lit: a different text each time, as forty different shapes of statement would be.
			const { rows } = await prepared(sql<{ v: number }>`select ${sql.lit(i)}::int * ${2}::int as v`).execute(single.db);
			expect(rows).toEqual([{ v: 2 * i }]);
		}
		expect((await preparedTexts(single)).length).toBe(32);
	});

	it.runIf(kind === 'postgres')('prepares nothing with DB_PREPARED_STATEMENTS=0 (a pooler without named statements)', async () => {
		const plain = await connectDatabase({ url: database.url!, poolSize: 1, preparedStatements: false });
		try {
			expect(await readMonthlySums(plain.db, scope, '2024-01', '2024-12')).toEqual(new Map());
			expect(await preparedTexts(plain)).toEqual([]);
		} finally {
			await plain.close();
		}
	});
});
