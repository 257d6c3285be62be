/**
 * `npm run bench:dossiers`: times the import of a generated register of 100,000 dossiers (CSV) on a
 * fresh Postgres database — the aim is under a minute — then the same file again (every
 * dossier updated). A measurement, not a test: exits 1 only when the import does not store what it
 * should. Env: BENCH_ADMIN_DATABASE_URL, BENCH_DOSSIERS_DB_NAME (hailong_bench_dossiers),
 * BENCH_DOSSIERS (100000).
 */
import { connectDatabase, migrateToLatest } from '../src/lib/server/db/connect';
import { importRegister } from '../src/lib/server/dossiers/import-register';
import { seedReference } from '../src/lib/server/seed/reference';
import { GIA_LAI_DOIT } from '../src/lib/server/seed/sipas-reference';
import { dropDatabase, recreateDatabase } from './postgres';

const ADMIN_URL = process.env.BENCH_ADMIN_DATABASE_URL || 'postgres://root@127.0.0.1:5432/postgres';
const DB_NAME = process.env.BENCH_DOSSIERS_DB_NAME || 'hailong_bench_dossiers';
const ROWS = Number(process.env.BENCH_DOSSIERS || 100_000);
const seconds = (since: number) => (performance.now() - since) / 1000;

const header = 'dossier_code,procedure_code,procedure_name,procedure_field,channel,unit,counter,received_at,due_at,returned_at,officials,phone,email';
const lines = [header];
for (let i = 0; i < ROWS; i++) {
	const unit = GIA_LAI_DOIT.units[i % GIA_LAI_DOIT.units.length]!;
	const day = String(1 + (i % 28)).padStart(2, '0');
	const online = i % 5 !== 0;
	lines.push(
		[`H21.65-2405${day}-${String(i).padStart(6, '0')}`, `1.00${i % 90}`, `Thủ tục số ${i % 90}`, GIA_LAI_DOIT.procedureFields[i % GIA_LAI_DOIT.procedureFields.length],
			online ? 'Trực tuyến' : 'Trực tiếp', unit.name, online ? '' : unit.counter.code, `${day}/05/2024 08:30`, '', `${day}/05/2024 16:00`,
			`CB${i % 40}:Cán bộ ${i % 40}`, i % 3 === 0 ? `09${String(i).padStart(8, '0')}` : '', ''].join(',')
	);
}
const bytes = new TextEncoder().encode(lines.join('\r\n') + '\r\n');
console.log(`File: ${ROWS.toLocaleString('en')} dossiers, ${(bytes.length / 1048576).toFixed(1)} MiB`);

const url = await recreateDatabase(ADMIN_URL, DB_NAME);
const handle = await connectDatabase({ url, poolSize: 2 });
let failed = false;
try {
	await migrateToLatest(handle.db);
	await seedReference(handle.db);
	const agency = await handle.db.selectFrom('agencies').select('id').where('code', '=', 'sct-gialai').executeTakeFirstOrThrow();
	const request = { agencyId: agency.id, actor: { kind: 'system', label: 'bench:dossiers' } as const, file: { name: 'bench.csv', bytes }, dryRun: false, origin: 'https://bench.test', validDays: 3650 };
	let started = performance.now();
	const first = await importRegister(handle.db, request);
	const s = seconds(started);
	console.log(`Import (check, store dossiers, officials, invitations, follow-up messages; one transaction): ${s.toFixed(1)} s — ${s < 60 ? 'within' : 'OVER'} the one-minute aim`);
	started = performance.now();
	const second = await importRegister(handle.db, request);
	console.log(`Same file again (all updated): ${seconds(started).toFixed(1)} s`);
	failed = first.outcome !== 'imported' || first.created !== ROWS || second.outcome !== 'imported' || second.updated !== ROWS;
} finally {
	await handle.close();
	await dropDatabase(ADMIN_URL, DB_NAME);
}
if (failed) {
	console.error('FAIL: the register was not stored as expected');
	process.exit(1);
}
