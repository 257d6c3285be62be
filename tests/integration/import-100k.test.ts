import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadImportContext } from '../../src/lib/server/import/context';
import { importPaperSurveys } from '../../src/lib/server/import/service';
import { seedReference } from '../../src/lib/server/seed/reference';
import { CRITERION_SUMS_COLUMNS } from '../../src/lib/server/sums/columns';
import { generatePaperCsv } from '../fixtures/paper-generator';
import { databaseKinds, migratedDatabase, type TestDatabase } from './helpers/databases';

/**
 * 100,000 rows on Postgres, the size the issue names. The time is printed, not asserted: a
 * shared CI machine is no benchmark (bench/import.ts is). PGlite is skipped: it is the embedded
 * demo database, not where a department imports a year of paper.
 */
const ROWS = 100_000;
/** Every answer count of a sums row, added up: the answers it stands for. */
const ALL_COUNTS = CRITERION_SUMS_COLUMNS.join(' + ');
const postgres = (await databaseKinds()).includes('postgres');

describe.skipIf(!postgres)('importing 100,000 paper questionnaires on postgres', () => {
	let database: TestDatabase;
	beforeAll(async () => {
		database = await migratedDatabase('postgres');
		await seedReference(database.db);
	});
	afterAll(() => database?.drop());

	it('imports them all in one transaction, and a second time imports none', { timeout: 300_000 }, async () => {
		const agency = await database.db.selectFrom('agencies').select('id').where('code', '=', 'sct-gialai').executeTakeFirstOrThrow();
		const context = (await loadImportContext(database.db, agency.id))!;
		const file = generatePaperCsv(ROWS, context.criterionKeys, context.counterCodes);
		const bytes = new TextEncoder().encode(file.csv);
		const request = { agencyId: agency.id, actor: { kind: 'system', label: 'test:import-100k' } as const, file: { name: '100k.csv', bytes }, dryRun: false };

		const started = performance.now();
		const report = await importPaperSurveys(database.db, request);
		const seconds = (performance.now() - started) / 1000;
		console.log(
			`import of ${ROWS.toLocaleString('en')} rows (${(bytes.length / 1048576).toFixed(1)} MiB, ${file.answers.toLocaleString('en')} answers) on Postgres: ` +
				`${seconds.toFixed(1)} s, ${Math.round(ROWS / seconds).toLocaleString('en')} rows/s`
		);
		expect(report).toEqual({ outcome: 'imported', rows: ROWS, imported: ROWS, alreadyImported: 0, withoutExternalId: 0 });
		const { rows } = await sql<{ responses: number; answers: number; summed: number }>`
			select (select count(*)::int from responses where source = 'paper') as responses,
				(select count(*)::int from answers) as answers,
				(select sum(${sql.raw(ALL_COUNTS)})::int from estimate_sums where grain = 'month') as summed`.execute(database.db);
		expect(rows[0]).toEqual({ responses: ROWS, answers: file.answers, summed: file.answers });

		const again = performance.now();
		expect(await importPaperSurveys(database.db, request)).toMatchObject({ imported: 0, alreadyImported: ROWS });
		console.log(`re-import of the same file: ${((performance.now() - again) / 1000).toFixed(1)} s, nothing stored`);
	});
});
