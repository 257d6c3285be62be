/**
 * `npm run bench`: builds the app, runs it in production mode against a fresh Postgres database,
 * weighs the survey page's first load, then measures survey submissions through the real form
 * against a bare node:http + pg baseline doing the minimal correct work. A measurement, not a
 * test: it exits 1 only when something is broken (failed requests, rows that do not add up).
 *
 * Env: BENCH_ADMIN_DATABASE_URL (default postgres://root@127.0.0.1:5432/postgres; Postgres must be
 * running), BENCH_DB_NAME (hailong_bench), BENCH_SECONDS (10), BENCH_WARMUP_SECONDS (2),
 * BENCH_CLIENTS (50), SKIP_BUILD=1 to use the existing build/.
 */
import { spawnSync } from 'node:child_process';
import { runLoad, type LoadResult } from './load';
import { measurePageWeight } from './page-weight';
import { dropDatabase, query, recreateDatabase } from './postgres';
import { freePort, startServer, waitHealthy, type Server } from './process';
import { filledForm, readSurveyForm } from './survey-form';

const ADMIN_URL = process.env.BENCH_ADMIN_DATABASE_URL || 'postgres://root@127.0.0.1:5432/postgres';
const DB_NAME = process.env.BENCH_DB_NAME || 'hailong_bench';
const SECONDS = Number(process.env.BENCH_SECONDS || 10);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS || 2);
const CLIENTS = Number(process.env.BENCH_CLIENTS || 50);
const COUNTER = 'vp-01';
const POOL_SIZE = '10'; // the app's default DB_POOL_SIZE, for both servers
const PAGE_BUDGET_KB = 50;
const AIM_RATIO = 0.3;
const AIM_P99_MS = 100;

const kb = (bytes: number) => (bytes / 1024).toFixed(1);
const verdict = (ok: boolean) => (ok ? 'PASS' : 'MISS');
const servers: Server[] = [];
let databaseCreated = false;

async function cleanUp(): Promise<void> {
	await Promise.all(servers.map((s) => s.stop()));
	if (databaseCreated) await dropDatabase(ADMIN_URL, DB_NAME).catch((e) => console.error(`Could not drop ${DB_NAME}: ${e}`));
}

function build(): void {
	if (process.env.SKIP_BUILD === '1') return console.log('Build: skipped (SKIP_BUILD=1), using build/');
	console.log('Build: npx vite build …');
	const result = spawnSync('npx', ['vite', 'build'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
	if (result.status !== 0) throw new Error(`vite build failed:\n${result.stdout}\n${result.stderr}`);
}

async function printPageWeight(pageUrl: string): Promise<void> {
	const weight = await measurePageWeight(pageUrl);
	console.log(`\nFirst load of ${new URL(pageUrl).pathname} (body bytes; "compressed" = as served if compressed, else gzip -6)`);
	console.log(`  ${'resource'.padEnd(48)} ${'served as'.padStart(9)} ${'served'.padStart(8)} ${'raw'.padStart(8)} ${'gzip'.padStart(8)} ${'br'.padStart(8)}`);
	for (const r of weight.resources) {
		const name = `${r.kind.padEnd(4)} ${new URL(r.url).pathname}`.slice(0, 48);
		const cells = [r.served, r.raw, r.gzip, r.brotli].map((n) => kb(n).padStart(8));
		console.log(`  ${name.padEnd(48)} ${r.encoding.padStart(9)} ${cells.join(' ')}`);
	}
	const sum = (pick: (r: (typeof weight.resources)[number]) => number) => weight.resources.reduce((t, r) => t + pick(r), 0);
	console.log(`  ${'total'.padEnd(48)} ${''.padStart(9)} ${[sum((r) => r.served), sum((r) => r.raw), sum((r) => r.gzip), sum((r) => r.brotli)].map((n) => kb(n).padStart(8)).join(' ')}`);
	console.log(`  Lazy chunks (other pages, not counted): ${weight.lazy.length}`);
	console.log(`  As served:  ${kb(weight.totalServed)} KB  ${verdict(weight.totalServed <= PAGE_BUDGET_KB * 1024)} (budget ${PAGE_BUDGET_KB} KB)`);
	console.log(`  Compressed: ${kb(weight.totalCompressed)} KB  ${verdict(weight.totalCompressed <= PAGE_BUDGET_KB * 1024)} (budget ${PAGE_BUDGET_KB} KB)`);
}

async function bench(label: string, baseUrl: string, marker: string, body: (marker: string) => string): Promise<LoadResult> {
	// Start each phase from a clean slate of dirty pages so one phase does not pay for the other.
	await query(ADMIN_URL, 'checkpoint').catch(() => {});
	process.stdout.write(`\n${label}: ${CLIENTS} clients, ${WARMUP_SECONDS} s warm-up + ${SECONDS} s … `);
	const result = await runLoad({
		url: `${baseUrl}/s/${COUNTER}`,
		headers: {
			origin: baseUrl.replace('127.0.0.1', 'localhost'),
			accept: 'text/html',
			'content-type': 'application/x-www-form-urlencoded',
			'user-agent': 'Mozilla/5.0 (Linux; Android 14) hai-long-bench'
		},
		body: () => body(marker),
		accepted: (status, location) => status === 303 && location === `/s/${COUNTER}/thanks`,
		clients: CLIENTS,
		warmupMs: WARMUP_SECONDS * 1000,
		durationMs: SECONDS * 1000
	});
	console.log(`${result.measured.perSecond.toFixed(0)} submissions/s`);
	for (const failure of result.failures) console.log(`  failure: ${failure}`);
	return result;
}

/** Rows the phase stored, by the marker ending their comment, and their answers. */
async function rowsOf(url: string, marker: string): Promise<{ responses: number; answers: number }> {
	const [row] = await query<{ responses: string; answers: string }>(
		url,
		`select count(distinct r.id) as responses, count(a.*) as answers
		   from responses r left join answers a on a.response_id = r.id
		  where r.comment like '%' || $1`,
		[marker]
	);
	return { responses: Number(row!.responses), answers: Number(row!.answers) };
}

async function main(): Promise<number> {
	build();
	const dbUrl = await recreateDatabase(ADMIN_URL, DB_NAME);
	databaseCreated = true;
	console.log(`Database: ${DB_NAME} (fresh)`);

	const appPort = await freePort();
	const appUrl = `http://127.0.0.1:${appPort}`;
	const app = startServer('app', ['scripts/serve.js'], {
		NODE_ENV: 'production',
		DATABASE_URL: dbUrl,
		SEED_DEMO: '0',
		PORT: String(appPort),
		ORIGIN: `http://localhost:${appPort}`,
		DB_POOL_SIZE: POOL_SIZE,
		FLOOD_FLAG_PER_HOUR: '1000000000',
		FLOOD_BLOCK_PER_HOUR: '1000000000'
	});
	servers.push(app);
	await waitHealthy(app, appUrl);
	console.log(`App: ${appUrl} healthy (migrated and seeded by its start-up)`);

	await printPageWeight(`${appUrl}/s/${COUNTER}`);

	const page = await fetch(`${appUrl}/s/${COUNTER}`, { headers: { accept: 'text/html' } });
	if (page.status !== 200) throw new Error(`GET /s/${COUNTER} answered ${page.status}`);
	const form = readSurveyForm(await page.text());
	console.log(`\nForm: survey_version ${form.surveyVersion}, ${form.criterionKeys.length} criteria, ${form.procedureFields.length} procedure fields`);
	const body = (marker: string) => filledForm(form, marker);

	// The baseline needs the schema and reference rows, which the app's start-up has just made.
	const barePort = await freePort();
	const bareUrl = `http://127.0.0.1:${barePort}`;
	const bare = startServer('bare server', ['--import', 'tsx', 'bench/bare-server.ts'], {
		DATABASE_URL: dbUrl,
		PORT: String(barePort),
		COUNTER,
		DB_POOL_SIZE: POOL_SIZE
	});
	servers.push(bare);
	await waitHealthy(bare, bareUrl);

	// Baseline first, so the app meets the larger tables: any growth penalty falls on the app.
	const baseline = await bench('Baseline (node:http + pg)', bareUrl, '#bench-bare', body);
	await bare.stop();
	const appResult = await bench('App (SvelteKit form action)', appUrl, '#bench-app', body);

	const counted = {
		app: await rowsOf(dbUrl, '#bench-app'),
		bare: await rowsOf(dbUrl, '#bench-bare')
	};

	// The table.
	const rows: [string, LoadResult][] = [
		['app', appResult],
		['baseline', baseline]
	];
	console.log(`\n${'server'.padEnd(10)} ${'subm/s'.padStart(8)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'max ms'.padStart(8)} ${'accepted'.padStart(9)} ${'failed'.padStart(7)} ${'rows'.padStart(7)}`);
	for (const [name, r] of rows) {
		const m = r.measured;
		const accepted = r.warmup.accepted + m.accepted;
		const failed = r.warmup.failed + m.failed;
		const stored = counted[name === 'app' ? 'app' : 'bare'].responses;
		console.log(
			`${name.padEnd(10)} ${m.perSecond.toFixed(0).padStart(8)} ${m.p50.toFixed(1).padStart(8)} ${m.p99.toFixed(1).padStart(8)} ${m.max.toFixed(1).padStart(8)} ${String(accepted).padStart(9)} ${String(failed).padStart(7)} ${String(stored).padStart(7)}`
		);
	}
	console.log('(accepted, failed and rows include the warm-up; rates and latencies are the measured phase only)');

	const ratio = appResult.measured.perSecond / baseline.measured.perSecond;
	console.log(`\nThroughput ratio app/baseline: ${ratio.toFixed(2)}`);
	console.log(`  ${verdict(ratio >= AIM_RATIO)}  ratio ≥ ${AIM_RATIO}`);
	console.log(`  ${verdict(appResult.measured.p99 < AIM_P99_MS)}  app p99 ${appResult.measured.p99.toFixed(1)} ms < ${AIM_P99_MS} ms`);

	// Broken, not slow: these fail the run.
	const problems: string[] = [];
	for (const [name, r] of rows) {
		const failed = r.warmup.failed + r.measured.failed;
		if (failed) problems.push(`${name}: ${failed} failed requests`);
		const accepted = r.warmup.accepted + r.measured.accepted;
		const stored = counted[name === 'app' ? 'app' : 'bare'];
		if (stored.responses !== accepted) problems.push(`${name}: ${accepted} accepted but ${stored.responses} responses stored`);
		if (stored.answers !== stored.responses * form.criterionKeys.length) {
			problems.push(`${name}: ${stored.answers} answers for ${stored.responses} responses × ${form.criterionKeys.length} criteria`);
		}
	}
	console.log(`  ${verdict(problems.length === 0)}  no failed requests; rows stored = submissions accepted (app ${counted.app.responses}, baseline ${counted.bare.responses}), ${form.criterionKeys.length} answers each`);
	for (const problem of problems) console.log(`  BROKEN: ${problem}`);
	if (problems.length) console.log(`\nApp output (last lines):\n  ${app.output.join('\n  ')}`);
	return problems.length ? 1 : 0;
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
	process.once(signal, () => void cleanUp().finally(() => process.exit(130)));
}

let code = 1;
try {
	code = await main();
} catch (error) {
	console.error(`\nBench broken: ${error instanceof Error ? error.message : error}`);
} finally {
	await cleanUp();
}
process.exit(code);
