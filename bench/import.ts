/**
 * `npx tsx bench/import.ts`: times the paper-survey import on a fresh Postgres database with a
 * generated file (default 100,000 rows, all 28 statements mostly answered), the size the issue
 * says must import in under a minute. Prints each phase and rows per second. A measurement, not a
 * test: it exits 1 only when the import does not store what it should.
 *
 * Env: BENCH_ADMIN_DATABASE_URL (default postgres://root@127.0.0.1:5432/postgres),
 * BENCH_IMPORT_DB_NAME (hailong_bench_import), BENCH_IMPORT_ROWS (100000).
 */
import { connectDatabase, migrateToLatest } from '../src/lib/server/db/connect';
import { loadImportContext } from '../src/lib/server/import/context';
import { checkFile } from '../src/lib/server/import/file';
import { importPaperSurveys } from '../src/lib/server/import/service';
import { seedReference } from '../src/lib/server/seed/reference';
import { generatePaperCsv } from '../tests/fixtures/paper-generator';
import { dropDatabase, recreateDatabase } from './postgres';

const ADMIN_URL = process.env.BENCH_ADMIN_DATABASE_URL || 'postgres://root@127.0.0.1:5432/postgres';
const DB_NAME = process.env.BENCH_IMPORT_DB_NAME || 'hailong_bench_import';
const ROWS = Number(process.env.BENCH_IMPORT_ROWS || 100_000);

const seconds = (since: number) => (performance.now() - since) / 1000;
const perSecond = (rows: number, s: number) => `${Math.round(rows / s).toLocaleString('en')} rows/s`;

const url = await recreateDatabase(ADMIN_URL, DB_NAME);
const handle = await connectDatabase({ url, poolSize: 2 });
let failed = false;
try {
	await migrateToLatest(handle.db);
	await seedReference(handle.db);
	const agency = await handle.db.selectFrom('agencies').select('id').where('code', '=', 'sct-gialai').executeTakeFirstOrThrow();
	const context = (await loadImportContext(handle.db, agency.id))!;

	let started = performance.now();
	const file = generatePaperCsv(ROWS, context.criterionKeys, context.counterCodes);
	const bytes = new TextEncoder().encode(file.csv);
	console.log(`File: ${ROWS.toLocaleString('en')} rows, ${(bytes.length / 1048576).toFixed(1)} MiB, ${file.answers.toLocaleString('en')} answers (generated in ${seconds(started).toFixed(1)} s)`);

	started = performance.now();
	const checked = checkFile(bytes, context);
	const checkSeconds = seconds(started);
	console.log(`Read and check (decode, parse, validate; no database): ${checkSeconds.toFixed(2)} s, ${perSecond(ROWS, checkSeconds)}`);
	if (!checked.ok) throw new Error('the generated file should be valid');

	const request = { agencyId: agency.id, actor: { kind: 'system', label: 'bench:import' } as const, file: { name: 'bench.csv', bytes }, dryRun: false };
	started = performance.now();
	const report = await importPaperSurveys(handle.db, request);
	const importSeconds = seconds(started);
	console.log(`Import (check, store responses and answers, update sums, audit; one transaction): ${importSeconds.toFixed(1)} s, ${perSecond(ROWS, importSeconds)}`);
	console.log(`  ${importSeconds < 60 ? 'within' : 'OVER'} the one-minute budget for 100,000 rows${ROWS === 100_000 ? '' : ` (this run: ${ROWS.toLocaleString('en')})`}`);

	started = performance.now();
	const again = await importPaperSurveys(handle.db, request);
	console.log(`Import of the same file again (nothing stored): ${seconds(started).toFixed(1)} s`);

	const counts = await handle.db
		.selectFrom('responses')
		.select((eb) => [eb.fn.countAll<number>().as('responses'), eb.selectFrom('answers').select(eb.fn.countAll<number>().as('n')).as('answers')])
		.executeTakeFirstOrThrow();
	const stored = Number(counts.responses) === ROWS && Number(counts.answers) === file.answers;
	console.log(`Stored: ${Number(counts.responses).toLocaleString('en')} responses, ${Number(counts.answers).toLocaleString('en')} answers — ${stored ? 'as expected' : 'WRONG'}`);
	failed = !stored || report.outcome !== 'imported' || report.imported !== ROWS || again.outcome !== 'imported' || again.imported !== 0;
} finally {
	await handle.close();
	await dropDatabase(ADMIN_URL, DB_NAME);
}
process.exit(failed ? 1 : 0);
