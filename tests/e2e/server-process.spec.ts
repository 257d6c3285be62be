import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { expect, test } from '@playwright/test';
import pg from 'pg';
import { startApp, until, type AppProcess } from './app-process';
import { ADMIN_DATABASE_URL, DATABASE_NAME, e2eDatabase } from './settings';

/**
 * The server process itself, each case with an app and a database of its own: SIGTERM ends it
 * cleanly on the embedded PGlite; on Postgres it outlives its database going away (sessions ended
 * as a restart ends them, new ones refused for a while) and starts before its database exists.
 * The shared Postgres server is never stopped: only this spec's own databases are touched.
 */
test.setTimeout(240_000);

/** Generous bounds for a busy machine: failing past them is the point, not how fast it is. */
const EXIT_BOUND_MS = 30_000;

let app: AppProcess | undefined;
const cleanups: (() => Promise<void> | void)[] = [];
test.afterEach(async () => {
	await app?.stop();
	app = undefined;
	for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function admin(statement: string, params: unknown[] = []): Promise<pg.QueryResult> {
	const client = new pg.Client({ connectionString: ADMIN_DATABASE_URL });
	await client.connect();
	try {
		return await client.query(statement, params);
	} finally {
		await client.end();
	}
}

function urlOf(name: string): string {
	const url = new URL(ADMIN_DATABASE_URL);
	url.pathname = `/${name}`;
	return url.toString();
}

async function queryIn<T>(name: string, statement: string): Promise<T[]> {
	const client = new pg.Client({ connectionString: urlOf(name) });
	await client.connect();
	try {
		return (await client.query(statement)).rows as T[];
	} finally {
		await client.end();
	}
}

/** A database of this spec's own (named after the e2e database, so parallel checkouts differ). */
async function ownDatabase(suffix: string, create = true): Promise<string> {
	const name = `${DATABASE_NAME}_${suffix}`;
	await admin(`drop database if exists "${name}" with (force)`);
	if (create) await admin(`create database "${name}"`);
	cleanups.push(async () => {
		await admin(`alter database "${name}" allow_connections true`).catch(() => {});
		await admin(`drop database if exists "${name}" with (force)`);
	});
	return name;
}

/** A condition for `until` that fails at once, with the app's last lines, if the app has exited. */
function whileRunning<T>(check: () => T | Promise<T>): () => Promise<T> {
	return async () => {
		if (app && !app.running) throw new Error(`the app exited (${JSON.stringify(app.exit)}):\n${app.output.slice(-20).join('\n')}`);
		return check();
	};
}

function tmpDataDir(): string {
	const dir = mkdtempSync(join(tmpdir(), 'hailong-e2e-pglite-'));
	cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
	return dir;
}

/**
 * Whether Postgres recorded a clean shutdown in the folder (pg_control's state is DB_SHUTDOWNED,
 * 1; a process killed with its database open leaves DB_IN_PRODUCTION, 6, and the next open must
 * recover). The state follows the system identifier and two version numbers.
 */
function shutDownCleanly(dataDir: string): boolean {
	return readFileSync(join(dataDir, 'global', 'pg_control')).readUInt32LE(16) === 1;
}

async function countIn(dataDir: string, table: string, where = 'true', params: unknown[] = []): Promise<number> {
	const pglite = await PGlite.create(dataDir);
	try {
		const { rows } = await pglite.query<{ n: number }>(`select count(*)::int as n from ${table} where ${where}`, params);
		return rows[0]!.n;
	} finally {
		await pglite.close();
	}
}

test('SIGTERM ends the server with code 0, and its PGlite folder opens cleanly afterwards', async () => {
	const dataDir = tmpDataDir();
	app = await startApp({ DATA_DIR: dataDir, DEMO_RESPONSES: '200' });
	await app.healthy();
	const survey = await fetch(`${app.url}/s/vp-01`);
	expect(survey.status).toBe(200);
	const version = Number(/name="survey_version" value="(\d+)"/.exec(await survey.text())?.[1]);
	const submissionId = randomUUID();
	const stored = await fetch(`${app.url}/api/v1/counters/vp-01/responses`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ submission_id: submissionId, survey_version: version, answers: { PA1: 5, CC1: 4 } })
	});
	expect(stored.status).toBe(201);
	// fetch keeps its connection open, idle, as a browser does: that must not hold the server.

	const exit = await app.signal('SIGTERM', EXIT_BOUND_MS);
	expect(exit, `no exit within ${EXIT_BOUND_MS / 1000} s of SIGTERM:\n${app.output.join('\n')}`).toEqual({ code: 0, signal: null });
	expect(app.output.at(-1)).toContain('Đã dừng (SIGTERM)');
	expect(shutDownCleanly(dataDir)).toBe(true);
	// The 200 demo counter responses (the demo's dossier register adds its own) and the one sent.
	expect(await countIn(dataDir, 'responses', 'dossier_id is null')).toBe(201);
	expect(await countIn(dataDir, 'responses', 'submission_id = $1', [submissionId])).toBe(1);
});

test('SIGTERM during the first start’s demo seed: code 0, the seed rolled back, the folder opens cleanly', async () => {
	const dataDir = tmpDataDir();
	app = await startApp({ DATA_DIR: dataDir, DEMO_RESPONSES: '20000' });
	await until(whileRunning(() => app!.output.some((line) => line.startsWith('Đang tạo'))), 'the demo seed begins', 120_000);
	expect((await fetch(`${app.url}/healthz`)).status).toBe(503);

	const exit = await app.signal('SIGTERM', EXIT_BOUND_MS);
	expect(exit, `no exit within ${EXIT_BOUND_MS / 1000} s of SIGTERM:\n${app.output.join('\n')}`).toEqual({ code: 0, signal: null });
	expect(shutDownCleanly(dataDir)).toBe(true);
	expect(await countIn(dataDir, 'responses')).toBe(0);
	expect(await countIn(dataDir, 'counters')).toBe(7);
});

test('Postgres: 30 clients submitting while the database restarts — the process lives, "try again" meanwhile, all back after', async () => {
	test.skip(e2eDatabase() !== 'postgres', 'needs a Postgres server (the e2e run found none: it runs on PGlite)');
	const name = await ownDatabase('restart');
	app = await startApp({ DATABASE_URL: urlOf(name), SEED_DEMO: '0', FLOOD_FLAG_PER_HOUR: '1000000000', FLOOD_BLOCK_PER_HOUR: '1000000000' });
	await app.healthy();
	const version = (await queryIn<{ id: number }>(name, `select id from survey_versions where active order by id limit 1`))[0]!.id;

	const statuses = new Map<number | string, number>();
	const stored: string[] = [];
	let running = true;
	const client = async (n: number) => {
		while (running) {
			const submissionId = randomUUID();
			const status = await fetch(`${app!.url}/api/v1/counters/vp-01/responses`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', 'user-agent': `restart-spec-${n}` },
				body: JSON.stringify({ submission_id: submissionId, survey_version: version, answers: { PA1: 5, SA1: 4, CC1: 3 } })
			}).then(
				(r) => r.status,
				(error: Error) => `network: ${error.cause ?? error.message}`
			);
			statuses.set(status, (statuses.get(status) ?? 0) + 1);
			if (status === 201) stored.push(submissionId);
			// A refused submission waits a little before its next try, as a person would.
			if (status !== 201) await new Promise((resolve) => setTimeout(resolve, 50));
		}
	};
	const count = (status: number) => statuses.get(status) ?? 0;
	const clients = Array.from({ length: 30 }, (_, n) => client(n));
	try {
		await until(whileRunning(() => count(201) >= 30), 'submissions are stored');

		// As `pg_ctl restart -m fast` does: every session ends with 57P01, new ones are refused for a while.
		await admin(`alter database "${name}" allow_connections false`);
		await admin(`select pg_terminate_backend(pid) from pg_stat_activity where datname = $1`, [name]);
		const refusedBefore = count(503);
		await until(whileRunning(() => count(503) >= refusedBefore + 30), 'submissions are answered "try again"');
		expect(await app.health()).toBe(503);
		expect(app.running).toBe(true);

		await admin(`alter database "${name}" allow_connections true`);
		await until(whileRunning(async () => (await app!.health()) === 200), '/healthz is 200 again');
		const storedBefore = count(201);
		await until(whileRunning(() => count(201) >= storedBefore + 30), 'submissions are stored again');
	} finally {
		running = false;
		await Promise.all(clients);
	}

	expect(app.running).toBe(true);
	expect([...statuses.keys()].sort()).toEqual([201, 503]);
	const [row] = await queryIn<{ n: number }>(name, `select count(*)::int as n from responses`);
	expect(row!.n).toBe(stored.length);
	// The loss is logged: with the server's 57P01, or — when the socket closes before that message is
	// read, as on a loaded machine — pg's "Connection terminated unexpectedly".
	expect(
		app.output.some((line) => line.includes('"event":"database_connection_lost"') && /57P01|Connection terminated/.test(line))
	).toBe(true);
});

test('Postgres: starts while its database does not exist yet, and serves once it does', async () => {
	test.skip(e2eDatabase() !== 'postgres', 'needs a Postgres server (the e2e run found none: it runs on PGlite)');
	const name = await ownDatabase('late', false);
	app = await startApp({ DATABASE_URL: urlOf(name), SEED_DEMO: '0' });
	await until(whileRunning(async () => (await app!.health()) === 503), 'the server answers /healthz', 120_000);
	const health = await fetch(`${app.url}/healthz`);
	expect(health.status).toBe(503);
	expect(await health.json()).toEqual({ status: 'starting', database: 'unreachable' });
	const page = await fetch(`${app.url}/s/vp-01`);
	expect(page.status).toBe(503);
	expect(await page.text()).toContain('Hài Lòng đang khởi động');
	expect(app.running).toBe(true);

	await admin(`create database "${name}"`);
	await app.healthy();
	expect((await fetch(`${app.url}/s/vp-01`)).status).toBe(200);
	// The start-up summary is the last thing it printed (log lines of requests are JSON).
	expect(app.output.filter((line) => !line.startsWith('{')).at(-1)).toContain('Hài Lòng đang chạy');
});
