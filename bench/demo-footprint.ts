/**
 * `npm run bench:demo`: the embedded default's footprint. Starts the built app the way a newcomer
 * does (no DATABASE_URL: PGlite in a fresh data folder, the demo's 20,000 responses and its dossier
 * register), waits until it serves, lets it sit idle, and prints its resident memory (idle and
 * peak), the data folder's size on disk, and the sums' size against the raw answers' (both with
 * their indexes) as Postgres measures them. Aims (issue 8): data folder < 150 MB, idle RSS < 300 MB.
 * A measurement, not a test: it exits 1 only when the app does not start.
 *
 * Env: SKIP_BUILD=1 to use build/ as it is, BENCH_IDLE_SECONDS (10).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { connectDatabase } from '../src/lib/server/db/connect';
import { freePort, runBenchmark, startServer, waitHealthy, type Server } from './process';

const IDLE_SECONDS = Number(process.env.BENCH_IDLE_SECONDS || 10);
const AIM_FOLDER_MB = 150;
const AIM_IDLE_RSS_MB = 300;

let server: Server | undefined;
let dataDir: string | undefined;

const mb = (bytes: number) => (bytes / 1048576).toFixed(1);
const verdict = (ok: boolean) => (ok ? 'PASS' : 'MISS');

/** VmRSS and VmHWM (peak) of a process, in bytes, from /proc (Linux). */
function memory(pid: number): { rss: number; peak: number } {
	const status = readFileSync(`/proc/${pid}/status`, 'utf8');
	const kb = (field: string) => Number(/(\d+) kB/.exec(status.split('\n').find((line) => line.startsWith(field)) ?? '')?.[1] ?? NaN) * 1024;
	return { rss: kb('VmRSS:'), peak: kb('VmHWM:') };
}

function folderBytes(dir: string): number {
	const result = spawnSync('du', ['-sb', dir], { encoding: 'utf8' });
	return Number(result.stdout.split('\t')[0]);
}

async function main(): Promise<number> {
	if (process.env.SKIP_BUILD !== '1') {
		console.log('Build: npx vite build …');
		const built = spawnSync('npx', ['vite', 'build'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
		if (built.status !== 0) throw new Error(`vite build failed:\n${built.stdout}\n${built.stderr}`);
	}
	dataDir = mkdtempSync(join(tmpdir(), 'hailong-demo-'));
	const port = await freePort();
	const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => key !== 'DATABASE_URL'));
	const started = performance.now();
	server = startServer('demo', ['scripts/start.js'], { ...env, NODE_ENV: 'production', DATA_DIR: dataDir, PORT: String(port), ORIGIN: `http://localhost:${port}` } as Record<string, string>);
	const url = `http://127.0.0.1:${port}`;
	await waitHealthy(server, url, 600_000);
	console.log(`Demo on PGlite (${dataDir}) serving after ${((performance.now() - started) / 1000).toFixed(1)} s.`);

	await new Promise((resolve) => setTimeout(resolve, IDLE_SECONDS * 1000));
	const { rss, peak } = memory(server.child.pid!);
	await server.stop();
	server = undefined;
	const folder = folderBytes(dataDir);
	// Sizes as Postgres sees them, once the app has let go of the folder (one process at a time).
	const handle = await connectDatabase({ dataDir });
	const { rows } = await sql<{ responses: number; answers: string; sums: string; daily: string }>`
		select (select count(*)::int from responses) as responses,
			pg_total_relation_size('answers') as answers,
			pg_total_relation_size('estimate_sums') as sums,
			pg_total_relation_size('daily_counts') as daily`.execute(handle.db);
	await handle.close();
	const size = rows[0]!;
	const sums = Number(size.sums) + Number(size.daily);

	console.log(`\nResident memory of the server process: idle ${mb(rss)} MB (after ${IDLE_SECONDS} s), peak ${mb(peak)} MB (the first start prepares the database in a process of its own).`);
	console.log(`Data folder: ${mb(folder)} MB.`);
	console.log(
		`Sums of ${size.responses.toLocaleString('en')} responses: estimate_sums ${mb(Number(size.sums))} MB + daily_counts ${mb(Number(size.daily))} MB = ${mb(sums)} MB ` +
			`against ${mb(Number(size.answers))} MB of raw answers (tables with their indexes): ${(sums / Number(size.answers)).toFixed(2)} of their size.`
	);
	console.log(`  ${verdict(folder < AIM_FOLDER_MB * 1048576)}  data folder ${mb(folder)} MB < ${AIM_FOLDER_MB} MB`);
	console.log(`  ${verdict(rss < AIM_IDLE_RSS_MB * 1048576)}  idle RSS ${mb(rss)} MB < ${AIM_IDLE_RSS_MB} MB`);
	return 0;
}

async function cleanUp(): Promise<void> {
	await server?.stop();
	if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}

await runBenchmark(main, cleanUp);
