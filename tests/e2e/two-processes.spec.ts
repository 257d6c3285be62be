import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { expect, test } from '@playwright/test';
import pg from 'pg';
import { migrations } from '../../migrations/index';
import { DEMO_PASSWORD, DEMO_USERS } from '../../src/lib/server/auth/users';
import { ADMIN_DATABASE_URL, DATABASE_NAME, e2eDatabase, RUN_DIR } from './settings';

/**
 * Two app processes on one Postgres database, as behind a load balancer (issue 8): both built
 * servers are started at the same moment on a fresh database, so both migrate and seed it at once;
 * then a session made on one is used on the other, submissions alternate between them and the flood
 * limits count them together, a repeat sent to the other process is a duplicate, and each process
 * serves its own /metrics. The database is this spec's own; both processes are stopped at the end.
 */
const DEMO_RESPONSES = 150;
const FLAG = 2;
const BLOCK = 4;
const DATABASE = `${DATABASE_NAME}_two`;
const STAFF = DEMO_USERS.find((u) => u.role === 'staff')!.email;

// A plain condition, read when the file is collected: a callback would let beforeAll start the
// processes against a server that is not there.
test.skip(e2eDatabase() !== 'postgres', 'two processes share a Postgres server; PGlite is one process by design');

interface App {
	base: string;
	child: ChildProcess;
	output: string[];
	exited: Promise<number | null>;
}

let apps: App[] = [];

function databaseUrl(name: string): string {
	const url = new URL(ADMIN_DATABASE_URL);
	url.pathname = `/${name}`;
	return url.toString();
}

async function admin(statement: string): Promise<void> {
	const client = new pg.Client({ connectionString: ADMIN_DATABASE_URL });
	await client.connect();
	try {
		await client.query(statement);
	} finally {
		await client.end();
	}
}

async function count(sql: string, params: unknown[] = []): Promise<number> {
	const client = new pg.Client({ connectionString: databaseUrl(DATABASE) });
	await client.connect();
	try {
		return Number((await client.query<{ n: string }>(sql, params)).rows[0]!.n);
	} finally {
		await client.end();
	}
}

/** A port nobody listens on now (the system's choice), so the spec collides with no other run. */
function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as { port: number };
			server.close(() => resolve(port));
		});
	});
}

/** The snapshot of the build that start-server.mjs runs (a `vite build` meanwhile cannot swap it). */
function start(port: number, origin: string): App {
	const child = spawn(process.execPath, [`${RUN_DIR}/app/scripts/serve.js`], {
		env: {
			...process.env,
			DATABASE_URL: databaseUrl(DATABASE),
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: origin,
			SEED_DEMO: '1',
			DEMO_RESPONSES: String(DEMO_RESPONSES),
			FLOOD_FLAG_PER_HOUR: String(FLAG),
			FLOOD_BLOCK_PER_HOUR: String(BLOCK),
			METRICS_TOKEN: ''
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	const output: string[] = [];
	child.stdout!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
	child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
	const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
	return { base: `http://127.0.0.1:${port}`, child, output, exited };
}

/** Healthy, or the reason it is not: the process ended (its output says why). */
async function healthy(app: App): Promise<void> {
	let ended = false;
	void app.exited.then(() => (ended = true));
	for (;;) {
		if (ended) throw new Error(`the app on ${app.base} ended while starting:\n${app.output.join('')}`);
		const status = await fetch(`${app.base}/healthz`).then(
			(r) => r.status,
			() => 0
		);
		if (status === 200) return;
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
}

async function stop(app: App): Promise<void> {
	if (app.child.exitCode !== null || app.child.signalCode !== null) return;
	app.child.kill('SIGTERM');
	// The pool's idle connections may keep it a while after SIGTERM; it is this spec's process to end.
	const forced = setTimeout(() => app.child.kill('SIGKILL'), 15_000);
	await app.exited;
	clearTimeout(forced);
}

test.beforeAll(async () => {
	test.setTimeout(300_000);
	await admin(`drop database if exists "${DATABASE}" with (force)`);
	await admin(`create database "${DATABASE}" encoding 'UTF8' template template0`);
	const [a, b] = [await freePort(), await freePort()];
	// One public address for both, as behind a load balancer: forms are checked against it.
	const origin = `http://localhost:${a}`;
	apps = [start(a, origin), start(b, origin)];
	await Promise.all(apps.map(healthy));
});

test.afterAll(async () => {
	await Promise.all(apps.map(stop));
	await admin(`drop database if exists "${DATABASE}" with (force)`);
});

test('started together on an empty database: migrated once, seeded once', async () => {
	expect(await count('select count(*) as n from kysely_migration')).toBe(Object.keys(migrations).length);
	expect(await count('select count(*) as n from agencies')).toBe(1);
	expect(await count('select count(*) as n from users')).toBe(DEMO_USERS.length);
	// The counter responses asked for, once; the demo's dossier register adds its verified ones.
	expect(await count('select count(*) as n from responses where dossier_id is null')).toBe(DEMO_RESPONSES);
	expect(await count(`select coalesce(sum(responses), 0) as n from estimate_sums where grain = 'month'`)).toBe(await count('select count(*) as n from responses'));
	// Exactly one of them did the work; the other found it done.
	const migratedBy = apps.filter((app) => app.output.join('').includes('Đã áp dụng'));
	expect(migratedBy).toHaveLength(1);
});

test('a session made on one process works on the other, and signing out on one ends it on both', async () => {
	const [a, b] = apps as [App, App];
	const origin = new URL(a.base);
	origin.hostname = 'localhost';
	const signIn = await fetch(`${a.base}/login`, {
		method: 'POST',
		redirect: 'manual',
		headers: { origin: origin.origin, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ email: STAFF, password: DEMO_PASSWORD })
	});
	expect(signIn.status).toBe(303);
	const cookie = signIn.headers.getSetCookie().find((c) => c.startsWith('hl_session='))!.split(';')[0]!;

	const page = (app: App) => fetch(`${app.base}/a/sct-gialai/comments`, { redirect: 'manual', headers: { cookie } });
	expect((await page(b)).status).toBe(200);
	expect((await page(a)).status).toBe(200);

	const signOut = await fetch(`${b.base}/logout`, {
		method: 'POST',
		redirect: 'manual',
		headers: { origin: origin.origin, accept: 'text/html', cookie, 'content-type': 'application/x-www-form-urlencoded' },
		body: ''
	});
	expect(signOut.status).toBe(303);
	const after = await page(a);
	expect(after.status).toBe(303);
	expect(after.headers.get('location')).toMatch(/^\/login/);
});

test('submissions to both count together: one flood limit, one exactly-once', async () => {
	const [a, b] = apps as [App, App];
	const [{ id: version }] = await (async () => {
		const client = new pg.Client({ connectionString: databaseUrl(DATABASE) });
		await client.connect();
		try {
			return (await client.query<{ id: number }>('select id from survey_versions where active')).rows;
		} finally {
			await client.end();
		}
	})() as [{ id: number }];
	const submit = (app: App, id: string) =>
		fetch(`${app.base}/api/v1/counters/kcxt-01/responses`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'user-agent': `two-processes ${DATABASE}` },
			body: JSON.stringify({ submission_id: id, survey_version: version, answers: { PA1: 5, CC1: 4 } })
		});

	// The same device, alternating between the processes: the fifth within the hour is past BLOCK.
	const ids = Array.from({ length: BLOCK + 1 }, () => randomUUID());
	const statuses: number[] = [];
	for (const [i, id] of ids.entries()) statuses.push((await submit(i % 2 === 0 ? a : b, id)).status);
	expect(statuses).toEqual([201, 201, 201, 201, 429]);
	// Past FLAG, stored but flagged: the third and the fourth, whichever process took them.
	expect(await count('select count(*) as n from responses where submission_id = any($1::uuid[])', [ids])).toBe(BLOCK);
	expect(await count('select count(*) as n from responses where submission_id = any($1::uuid[]) and flagged_misuse', [ids])).toBe(BLOCK - FLAG);

	// A retry that lands on the other process is recognised as the same submission.
	const again = await submit(b, ids[0]!);
	expect(again.status).toBe(200);
	expect(await again.json()).toMatchObject({ status: 'duplicate' });
});

test('the survey form served by one process is stored by the other, once', async () => {
	const [a, b] = apps as [App, App];
	const html = await (await fetch(`${a.base}/s/nl-01`)).text();
	const field = (name: string) => new RegExp(`name="${name}"[^>]*value="([^"]+)"`).exec(html)?.[1];
	const submissionId = field('submission_id')!;
	expect(submissionId).toMatch(/^[0-9a-f-]{36}$/);
	const origin = new URL(a.base);
	origin.hostname = 'localhost';
	const post = (app: App) =>
		fetch(`${app.base}/s/nl-01`, {
			method: 'POST',
			redirect: 'manual',
			headers: { origin: origin.origin, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ submission_id: submissionId, survey_version: field('survey_version')!, 'a.PA1': '4', comment: 'Hai máy chủ' })
		});
	const first = await post(b);
	expect(first.status).toBe(303);
	expect(first.headers.get('location')).toBe('/s/nl-01/thanks');
	// A double tap that reaches the first process: the same thank-you, nothing more stored.
	expect((await post(a)).status).toBe(303);
	expect(await count('select count(*) as n from responses where submission_id = $1', [submissionId])).toBe(1);
});

test('each process serves its own /metrics, to this machine only', async () => {
	const total = { accepted: 0, flagged: 0, refused: 0, duplicate: 0 };
	for (const app of apps) {
		const response = await fetch(`${app.base}/metrics`);
		expect(response.status).toBe(200);
		const text = await response.text();
		for (const outcome of Object.keys(total) as (keyof typeof total)[]) {
			total[outcome] += Number(new RegExp(`^hailong_submissions_total\\{outcome="${outcome}"\\} (\\d+)$`, 'm').exec(text)?.[1]);
		}
		expect(text).toMatch(/^hailong_http_requests_total\{method="POST",route="\/api\/v1\/counters\/\[code\]\/responses",status="201"\} \d+$/m);
		expect(text).toMatch(/^hailong_db_pool_connections\{state="total"\} \d+$/m);
		// Relayed by a proxy (a load balancer on this host): not this machine's own request.
		expect((await fetch(`${app.base}/metrics`, { headers: { 'x-forwarded-for': '203.0.113.5' } })).status).toBe(403);
	}
	// The tests above: the API's flood run and its repeat, the form's submission and its double tap.
	expect(total).toEqual({ accepted: FLAG + 1, flagged: BLOCK - FLAG, refused: 1, duplicate: 2 });
});

test('the folders of both processes fold every response once: the sums equal a count of the responses', async () => {
	// Both processes run a folder; one batch at a time across them. Within seconds nothing is left.
	await expect.poll(() => count('select count(*) as n from responses where not folded'), { timeout: 20_000 }).toBe(0);
	expect(await count(`select coalesce(sum(responses), 0) as n from estimate_sums where grain = 'month'`)).toBe(await count('select count(*) as n from responses'));
	expect(await count(`select coalesce(sum(responses), 0) as n from daily_counts`)).toBe(await count('select count(*) as n from responses'));
	for (const app of apps) {
		const text = await (await fetch(`${app.base}/metrics`)).text();
		expect(text).toMatch(/^hailong_folder_lag_seconds\{folder="sums"\} 0$/m);
	}
});
