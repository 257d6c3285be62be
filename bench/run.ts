/**
 * `npm run bench`: builds the app, runs it in production mode against a fresh Postgres database,
 * weighs the survey page's first load, then measures survey submissions through the real form
 * against a bare node:http + pg baseline doing the minimal correct work. A measurement, not a
 * test: it exits 1 only when something is broken (failed requests, rows that do not add up).
 *
 * Env: BENCH_ADMIN_DATABASE_URL (default postgres://root@127.0.0.1:5432/postgres; Postgres must be
 * running), BENCH_DB_NAME (hailong_bench), BENCH_SECONDS (10), BENCH_WARMUP_SECONDS (2),
 * BENCH_CLIENTS (50), BENCH_DISTINCT_DEVICES=1 (a user agent per client), SKIP_BUILD=1 to use the
 * existing build/, BENCH_INTERFERENCE_SECONDS (15: the load during the import and the rebuild),
 * BENCH_IMPORT_ROWS (100000).
 *
 * Then the same survey load while a paper import and while a rebuild of the sums run (interference.ts),
 * beside its p99 when idle, and the folder's lag sampled under the main load.
 */
import { spawnSync } from 'node:child_process';
import { fullRebuild, loadDuring, paperImport, printInterference, sampleFolderLag } from './interference';
import { runLoad, type LoadResult } from './load';
import { measurePageWeight } from './page-weight';
import { dropDatabase, query, recreateDatabase } from './postgres';
import { freePort, runBenchmark, startServer, waitHealthy, type Server } from './process';
import { KIOSK_BUDGET_KB, printPageWeight, printResults, type Phase } from './report';
import { filledForm, readSurveyForm, type SurveyForm } from './survey-form';
import { sampleWaits, type WaitSampler } from './waits';

const ADMIN_URL = process.env.BENCH_ADMIN_DATABASE_URL || 'postgres://root@127.0.0.1:5432/postgres';
const DB_NAME = process.env.BENCH_DB_NAME || 'hailong_bench';
const SECONDS = Number(process.env.BENCH_SECONDS || 10);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS || 2);
const CLIENTS = Number(process.env.BENCH_CLIENTS || 50);
// One device (one address and user agent) for all clients by default, as the brief asks; 1 gives
// each client its own user agent, like 50 citizens on their own phones behind one network address.
const DISTINCT_DEVICES = process.env.BENCH_DISTINCT_DEVICES === '1';
const COUNTER = 'vp-01';
const INTERFERENCE_SECONDS = Number(process.env.BENCH_INTERFERENCE_SECONDS || 15);
const IMPORT_ROWS = Number(process.env.BENCH_IMPORT_ROWS || 100_000);
/** The survey's p99 while an import or a rebuild runs (issue 8). */
const AIM_INTERFERENCE_P99_MS = 1000;
const POOL_SIZE = '10'; // the app's default DB_POOL_SIZE, for both servers

const servers: Server[] = [];
let databaseCreated = false;

/** The URL with an application_name, to tell each server's sessions apart in pg_stat_activity. */
const withName = (url: string, name: string) => `${url}${url.includes('?') ? '&' : '?'}application_name=${name}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function build(): void {
	if (process.env.SKIP_BUILD === '1') return console.log('Build: skipped (SKIP_BUILD=1), using build/');
	console.log('Build: npx vite build …');
	const result = spawnSync('npx', ['vite', 'build'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
	if (result.status !== 0) throw new Error(`vite build failed:\n${result.stdout}\n${result.stderr}`);
}

async function startApp(dbUrl: string): Promise<{ server: Server; url: string }> {
	const port = await freePort();
	const server = startServer('app', ['scripts/serve.js'], {
		NODE_ENV: 'production',
		DATABASE_URL: withName(dbUrl, 'bench-app'),
		SEED_DEMO: '0',
		PORT: String(port),
		ORIGIN: `http://localhost:${port}`,
		DB_POOL_SIZE: POOL_SIZE,
		// All load comes from one address and user agent: flood limits must not get in the way.
		FLOOD_FLAG_PER_HOUR: '1000000000',
		FLOOD_BLOCK_PER_HOUR: '1000000000',
		FLOOD_NETWORK_FLAG_PER_HOUR: '1000000000',
		FLOOD_NETWORK_BLOCK_PER_HOUR: '1000000000'
	});
	servers.push(server);
	const url = `http://127.0.0.1:${port}`;
	await waitHealthy(server, url);
	return { server, url };
}

async function startBaseline(dbUrl: string): Promise<{ server: Server; url: string }> {
	const port = await freePort();
	const server = startServer('bare server', ['--import', 'tsx', 'bench/bare-server.ts'], {
		DATABASE_URL: withName(dbUrl, 'bench-baseline'),
		PORT: String(port),
		COUNTER,
		DB_POOL_SIZE: POOL_SIZE
	});
	servers.push(server);
	const url = `http://127.0.0.1:${port}`;
	await waitHealthy(server, url);
	return { server, url };
}

/**
 * Transactions committed in the bench database so far. A stopped server's sessions report theirs
 * as they end, so first wait until no session of that application name is left.
 */
async function committed(stopped?: string): Promise<number> {
	for (let tries = 0; stopped && tries < 100; tries++) {
		const [row] = await query<{ n: string }>(ADMIN_URL, 'select count(*) as n from pg_stat_activity where application_name = $1', [stopped]);
		if (Number(row!.n) === 0) break;
		await sleep(100);
	}
	const [row] = await query<{ n: string }>(ADMIN_URL, 'select xact_commit as n from pg_stat_database where datname = $1', [DB_NAME]);
	return Number(row!.n);
}

/** Rows a phase stored, found by the marker ending their comment. */
async function storedBy(dbUrl: string, marker: string): Promise<Phase['stored']> {
	const [row] = await query<{ responses: string; answers: string }>(
		dbUrl,
		`select count(distinct r.id) as responses, count(a.*) as answers
		   from responses r left join answers a on a.response_id = r.id
		  where r.comment like '%' || $1`,
		[marker]
	);
	return { responses: Number(row!.responses), answers: Number(row!.answers) };
}

/** One server under the survey load; the server is stopped at the end so its statistics are in. */
async function phase(label: string, name: 'app' | 'baseline', server: { server: Server; url: string }, dbUrl: string, form: SurveyForm): Promise<Phase> {
	const session = `bench-${name}`; // its application_name
	const marker = `#${session}`;
	// Start from a clean slate of dirty pages so one phase does not pay for the other's writes.
	await query(ADMIN_URL, 'checkpoint').catch(() => {});
	const commitsBefore = await committed();
	process.stdout.write(`\n${label}: ${CLIENTS} clients (${DISTINCT_DEVICES ? `${CLIENTS} devices` : 'one device'}), ${WARMUP_SECONDS} s warm-up + ${SECONDS} s … `);

	let sampler: WaitSampler | undefined;
	const sampling = setTimeout(() => (sampler = sampleWaits(ADMIN_URL, session)), WARMUP_SECONDS * 1000);
	const result = await surveyLoad(server.url, form, marker, SECONDS);
	clearTimeout(sampling);
	const waits = (await sampler?.stop()) ?? '';
	console.log(`${result.measured.perSecond.toFixed(0)} submissions/s`);

	await server.server.stop();
	const commits = (await committed(session)) - commitsBefore;
	return { name, result, stored: await storedBy(dbUrl, marker), commits, waits };
}

/** The survey form under CLIENTS closed-loop clients for `seconds` after the warm-up. */
function surveyLoad(url: string, form: SurveyForm, marker: string, seconds: number): Promise<LoadResult> {
	return runLoad({
		url: `${url}/s/${COUNTER}`,
		headers: (client) => ({
			origin: url.replace('127.0.0.1', 'localhost'),
			accept: 'text/html',
			'content-type': 'application/x-www-form-urlencoded',
			'user-agent': `Mozilla/5.0 (Linux; Android 14) hai-long-bench${DISTINCT_DEVICES ? `/${client}` : ''}`
		}),
		body: () => filledForm(form, marker),
		accepted: (status, location) => status === 303 && location === `/s/${COUNTER}/thanks`,
		clients: CLIENTS,
		warmupMs: WARMUP_SECONDS * 1000,
		durationMs: seconds * 1000
	});
}

async function main(): Promise<number> {
	build();
	const dbUrl = await recreateDatabase(ADMIN_URL, DB_NAME);
	databaseCreated = true;
	console.log(`Database: ${DB_NAME} (fresh)`);

	const app = await startApp(dbUrl);
	console.log(`App: ${app.url} healthy (migrated and seeded by its start-up)`);

	const pageUrl = `${app.url}/s/${COUNTER}`;
	printPageWeight(new URL(pageUrl).pathname, await measurePageWeight(pageUrl));
	// The kiosk's first load: its page, script and service worker (README "Kiosk").
	const kioskUrl = `${app.url}/k/${COUNTER}`;
	printPageWeight(new URL(kioskUrl).pathname, await measurePageWeight(kioskUrl, ['/k/sw.js']), KIOSK_BUDGET_KB);

	const page = await fetch(pageUrl, { headers: { accept: 'text/html' } });
	if (page.status !== 200) throw new Error(`GET ${pageUrl} answered ${page.status}`);
	const form = readSurveyForm(await page.text());
	console.log(`\nForm: survey_version ${form.surveyVersion}, ${form.criterionKeys.length} criteria, ${form.procedureFields.length} procedure fields`);

	// The baseline needs the schema and reference rows, which the app's start-up has just made. It
	// runs first, so the app meets the larger tables: any growth penalty falls on the app.
	const bare = await startBaseline(dbUrl);
	const baseline = await phase('Baseline (node:http + pg)', 'baseline', bare, dbUrl, form);
	const lag = sampleFolderLag(dbUrl);
	const measured = await phase('App (SvelteKit form action)', 'app', app, dbUrl, form);
	const folderLag = await lag.stop();

	const broken = printResults(measured, baseline, form.criterionKeys.length);
	if (broken.length) console.log(`\nApp output (last lines):\n  ${app.server.output.join('\n  ')}`);
	console.log(
		`\nFolder lag under that load (age of the oldest response not yet in the sums, ${folderLag.samples} samples every 250 ms): ` +
			`median ${folderLag.median.toFixed(2)} s, max ${folderLag.max.toFixed(2)} s. Reports count unfolded responses anyway.`
	);

	// The same load again, idle, during a paper import, during a rebuild of every sum.
	process.stdout.write(`\nInterference: ${CLIENTS} clients for ${INTERFERENCE_SECONDS} s each — idle, during a ${IMPORT_ROWS.toLocaleString('en')}-row import, during a rebuild … `);
	const again = await startApp(dbUrl);
	const load = (tag: string) => () => surveyLoad(again.url, form, `#bench-${tag}`, INTERFERENCE_SECONDS);
	const runs = [
		await loadDuring('idle', load('idle')),
		await loadDuring(`a ${IMPORT_ROWS.toLocaleString('en')}-row paper import`, load('import'), paperImport(dbUrl, IMPORT_ROWS)),
		await loadDuring('a rebuild of every sum', load('rebuild'), fullRebuild(dbUrl))
	];
	console.log('done');
	printInterference(runs, AIM_INTERFERENCE_P99_MS);
	await again.server.stop();
	const failed = runs.reduce((total, run) => total + run.load.measured.failed + run.load.warmup.failed, 0);
	if (failed) console.log(`  BROKEN: ${failed} failed submissions during the interference runs`);
	return broken.length || failed ? 1 : 0;
}

async function cleanUp(): Promise<void> {
	await Promise.all(servers.map((s) => s.stop()));
	if (databaseCreated) await dropDatabase(ADMIN_URL, DB_NAME).catch((e) => console.error(`Could not drop ${DB_NAME}: ${e}`));
}

await runBenchmark(main, cleanUp);
