// npm run import -- --agency sct-gialai FILE.csv [--dry-run]
// Imports paper questionnaires from a CSV file, all of it or nothing, and prints the same report
// as the upload page (/a/CODE/import), with every bad row. Exit code 0 when the file is valid
// (imported, or checked with --dry-run), 1 when it is rejected, 2 for a wrong command line.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { makeTranslator } from '../src/lib/i18n/index';
import { importVi } from '../src/lib/i18n/import.vi';
import { reportLines } from '../src/lib/server/import/report';
import { importPaperSurveys } from '../src/lib/server/import/service';
import { fail, options, withDatabase } from './cli';

const USAGE = 'Usage: npm run import -- --agency CODE FILE.csv [--dry-run]';
const { values, positionals } = options({ agency: { type: 'string' }, 'dry-run': { type: 'boolean' } }, USAGE);
const agencyCode = values.agency;
if (typeof agencyCode !== 'string' || positionals.length !== 1) fail(USAGE);
const path = positionals[0]!;
const bytes = await readFile(path).catch((error: Error) => fail(`Cannot read ${path}: ${error.message}`));

const report = await withDatabase(async ({ db }) => {
	const agency = await db.selectFrom('agencies').select('id').where('code', '=', agencyCode).executeTakeFirst();
	if (!agency) fail(`No agency has the code ${agencyCode}.`);
	return importPaperSurveys(db, {
		agencyId: agency.id,
		actor: { kind: 'system', label: 'cli:import' },
		file: { name: basename(path), bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
		dryRun: values['dry-run'] === true
	});
});

const t = makeTranslator(importVi);
const lines = reportLines(report, t);
if (report.outcome === 'rejected') {
	console.error(lines.join('\n'));
	process.exitCode = 1;
} else console.log(lines.join('\n'));
