// npm run dossiers:import -- --agency sct-gialai FILE.csv|FILE.xlsx [--dry-run]
// Imports the dossier register exported by the one-stop system, all of it or nothing, and prints
// every bad row when the file is rejected. Exit code 0 when valid, 1 when rejected, 2 for a wrong
// command line.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { makeTranslator } from '../src/lib/i18n/index';
import { dossiersVi } from '../src/lib/i18n/dossiers.vi';
import { parseConfig } from '../src/lib/server/config-schema';
import { importRegister, registerReportLines } from '../src/lib/server/dossiers/import-register';
import { fail, options, withDatabase } from './cli';

const USAGE = 'Usage: npm run dossiers:import -- --agency CODE FILE.csv|FILE.xlsx [--dry-run]';
const { values, positionals } = options({ agency: { type: 'string' }, 'dry-run': { type: 'boolean' } }, USAGE);
const agencyCode = values.agency;
if (typeof agencyCode !== 'string' || positionals.length !== 1) fail(USAGE);
const path = positionals[0]!;
const bytes = await readFile(path).catch((error: Error) => fail(`Cannot read ${path}: ${error.message}`));
const config = parseConfig(process.env);

const report = await withDatabase(async ({ db }) => {
	const agency = await db.selectFrom('agencies').select('id').where('code', '=', agencyCode).executeTakeFirst();
	if (!agency) fail(`No agency has the code ${agencyCode}.`);
	return importRegister(db, {
		agencyId: agency.id,
		actor: { kind: 'system', label: 'cli:dossiers-import' },
		file: { name: basename(path), bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
		dryRun: values['dry-run'] === true,
		origin: config.PUBLIC_ORIGIN ?? `http://localhost:${config.PORT}`,
		validDays: config.INVITATION_VALID_DAYS
	});
});

const lines = registerReportLines(report, makeTranslator(dossiersVi));
if (report.outcome === 'rejected') {
	console.error(lines.join('\n'));
	process.exitCode = 1;
} else console.log(lines.join('\n'));
