/**
 * The heavy work of bench/interference.ts, in a process of its own (so that parsing a 100,000-row
 * file does not stall the load generator's event loop): `tsx bench/interference-work.ts import ROWS`
 * or `… rebuild`, against DATABASE_URL. Prints how long it took.
 */
import { connectDatabase } from '../src/lib/server/db/connect';
import { loadImportContext } from '../src/lib/server/import/context';
import { importPaperSurveys } from '../src/lib/server/import/service';
import { rebuildSums } from '../src/lib/server/sums/rebuild';
import { generatePaperCsv } from '../tests/fixtures/paper-generator';

const [mode, rows] = process.argv.slice(2);
const handle = await connectDatabase({ url: process.env.DATABASE_URL!, poolSize: 2 });
try {
	if (mode === 'import') {
		const agency = await handle.db.selectFrom('agencies').select('id').where('code', '=', 'sct-gialai').executeTakeFirstOrThrow();
		const context = (await loadImportContext(handle.db, agency.id))!;
		const file = generatePaperCsv(Number(rows), context.criterionKeys, context.counterCodes);
		const report = await importPaperSurveys(handle.db, {
			agencyId: agency.id,
			actor: { kind: 'system', label: 'bench' },
			file: { name: 'bench.csv', bytes: new TextEncoder().encode(file.csv) },
			dryRun: false
		});
		if (report.outcome !== 'imported') throw new Error(`the bench import was not stored: ${JSON.stringify(report).slice(0, 300)}`);
	} else if (mode === 'rebuild') {
		await rebuildSums(handle.db);
	} else {
		throw new Error(`usage: tsx bench/interference-work.ts import ROWS | rebuild`);
	}
} finally {
	await handle.close();
}
