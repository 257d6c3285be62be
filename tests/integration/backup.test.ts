import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupDatabase } from '../../src/lib/server/backup/backup';
import { connectDatabase, migrateToLatest } from '../../src/lib/server/db/connect';
import type { Database } from '../../src/lib/server/db/schema';
import { estimatesResponse } from '../../src/lib/server/report/estimates-api';
import { seedReference } from '../../src/lib/server/seed/reference';
import { insertAndSum } from '../helpers/estimates-data';
import { databaseKinds, emptyDatabase, type TestDatabase } from './helpers/databases';

/**
 * `npm run backup` and `npm run restore` on both databases, as an operator runs them: back up,
 * wipe, restore, and the reports are what they were — the estimates API's answer for every month
 * and kind of period, every table's row count, and the sums. Then: a restore refuses to write over
 * data unless told to replace it, and a replacing restore puts the backup's data back.
 */
const run = promisify(execFile);
const ROOT = new URL('../../', import.meta.url).pathname;
const ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/postgres';
const TABLES = ['agencies', 'counters', 'responses', 'answers', 'estimate_sums', 'daily_counts', 'users', 'baselines', 'targets', 'kysely_migration'];

/** The npm script, through npm, in its own process with its own environment. */
async function npm(script: 'backup' | 'restore', args: string[], env: Record<string, string>): Promise<{ ok: boolean; output: string }> {
	const clean = Object.fromEntries(Object.entries(process.env).filter(([key]) => key !== 'DATABASE_URL' && key !== 'DATA_DIR'));
	try {
		const { stdout, stderr } = await run('npm', ['run', '--silent', script, '--', ...args], { cwd: ROOT, env: { ...clean, ...env }, timeout: 300_000 });
		return { ok: true, output: stdout + stderr };
	} catch (error) {
		const e = error as { stdout?: string; stderr?: string };
		return { ok: false, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
	}
}

/** What the reports read: the API's answer for 2024 by month, quarter, year to date and rolling 3 months, and row counts. */
async function reports(db: Kysely<Database>) {
	const agency = await db.selectFrom('agencies').select(['id', 'code']).where('code', '=', 'sct-gialai').executeTakeFirstOrThrow();
	const answers = [];
	for (const period of ['month', 'quarter', 'ytd', 'rolling3']) {
		const params = new URLSearchParams({ from: '2024-01', to: '2024-12', period, include_excluded: period === 'quarter' ? '1' : '0' });
		answers.push(await estimatesResponse(db, agency, params, { minimumSample: 30 }));
	}
	const counts: Record<string, number> = {};
	for (const table of TABLES) counts[table] = Number((await sql<{ n: string }>`select count(*) as n from ${sql.table(table)}`.execute(db)).rows[0]!.n);
	return { answers, counts };
}

async function fill(db: Kysely<Database>) {
	await migrateToLatest(db);
	await seedReference(db);
	const agency = await db.selectFrom('agencies').select('id').where('code', '=', 'sct-gialai').executeTakeFirstOrThrow();
	await insertAndSum(db, { agencyId: agency.id, count: 600, from: new Date('2024-01-01T00:00:00Z'), until: new Date('2024-12-31T00:00:00Z'), seed: 8, flagged: 0.05 });
}

const kinds = await databaseKinds();
let folder: string;
beforeAll(() => {
	folder = mkdtempSync(join(tmpdir(), 'hailong-backup-'));
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

// Each case starts npm a few times and opens databases: minutes on a busy two-core machine.
const SLOW = { timeout: 300_000 };

describe('npm run backup / restore on PGlite (DATA_DIR)', () => {
	it('round trip: back up, wipe the folder, restore, same reports; no restore over data without --replace', SLOW, async () => {
		const dataDir = join(folder, 'pglite');
		const file = join(folder, 'pglite.tar.gz');
		let handle = await connectDatabase({ dataDir });
		await fill(handle.db);
		const before = await reports(handle.db);
		expect(before.answers.every((a) => a.status === 200)).toBe(true);
		expect(before.counts.responses).toBe(600);
		await handle.close();

		// While the database is open (the app running), PGlite's folder is left alone.
		const open = await connectDatabase({ dataDir });
		await sql`select 1`.execute(open.db);
		expect(await npm('backup', ['--out', file], { DATA_DIR: dataDir })).toMatchObject({ ok: false, output: expect.stringContaining('stop the app first') });
		await open.close();

		const backup = await npm('backup', ['--out', file], { DATA_DIR: dataDir });
		expect(backup.output).toContain(file);
		expect(backup.ok).toBe(true);
		rmSync(dataDir, { recursive: true });

		expect(await npm('restore', [file], { DATA_DIR: dataDir })).toMatchObject({ ok: true });
		handle = await connectDatabase({ dataDir });
		expect(await reports(handle.db)).toEqual(before);
		// A change after the backup, which a replacing restore takes back.
		await handle.db.deleteFrom('answers').execute();
		await handle.close();

		const refused = await npm('restore', [file], { DATA_DIR: dataDir });
		expect(refused).toMatchObject({ ok: false, output: expect.stringContaining('--replace') });
		expect(await npm('restore', [file, '--replace'], { DATA_DIR: dataDir })).toMatchObject({ ok: true });
		// The folder it replaced is kept beside it.
		expect(readdirSync(folder).filter((name) => name.startsWith('pglite.before-restore-'))).toHaveLength(1);
		handle = await connectDatabase({ dataDir });
		expect(await reports(handle.db)).toEqual(before);
		await handle.close();

		// A backup of the other kind is refused with a reason.
		const wrongKind = await npm('restore', [file], { DATABASE_URL: ADMIN_URL });
		expect(wrongKind).toMatchObject({ ok: false, output: expect.stringContaining('PGlite') });
	});
});

describe.runIf(kinds.includes('postgres'))('npm run backup / restore on Postgres (DATABASE_URL)', () => {
	let database: TestDatabase;
	let restored: TestDatabase;
	beforeAll(async () => {
		database = await emptyDatabase('postgres');
		restored = await emptyDatabase('postgres');
	});
	afterAll(async () => {
		await database?.drop();
		await restored?.drop();
	});

	it('round trip: back up, wipe, restore, same reports; no restore over data without --replace; a bad file changes nothing', SLOW, async () => {
		const file = join(folder, 'server.pgdump');
		await fill(database.db);
		const before = await reports(database.db);
		expect(before.counts.responses).toBe(600);

		// Taken while a pool is connected, as it is while the app runs.
		expect(await npm('backup', ['--out', file], { DATABASE_URL: database.url! })).toMatchObject({ ok: true });
		expect(existsSync(file)).toBe(true);

		// Wiped: the whole schema dropped, as after losing the database.
		await sql`drop schema public cascade`.execute(database.db);
		await sql`create schema public`.execute(database.db);
		expect(await npm('restore', [file], { DATABASE_URL: database.url! })).toMatchObject({ ok: true });
		expect(await reports(database.db)).toEqual(before);

		// Into another, empty database (a new server): the same.
		expect(await npm('restore', [file], { DATABASE_URL: restored.url! })).toMatchObject({ ok: true });
		expect(await reports(restored.db)).toEqual(before);

		await restored.db.deleteFrom('answers').execute();
		const refused = await npm('restore', [file], { DATABASE_URL: restored.url! });
		expect(refused).toMatchObject({ ok: false, output: expect.stringContaining('--replace') });
		expect(await npm('restore', [file, '--replace'], { DATABASE_URL: restored.url! })).toMatchObject({ ok: true });
		expect(await reports(restored.db)).toEqual(before);

		// A truncated dump: pg_restore fails halfway, and the replacing restore leaves the data as it was.
		const truncated = join(folder, 'truncated.pgdump');
		const bytes = readFileSync(file);
		writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length / 2)));
		await restored.db.deleteFrom('answers').where('value', '=', 5).execute();
		const changed = await reports(restored.db);
		const broken = await npm('restore', [truncated, '--replace'], { DATABASE_URL: restored.url! });
		expect(broken.ok).toBe(false);
		expect(await reports(restored.db)).toEqual(changed);
	});

	it('says in words when the client tools are not installed', async () => {
		const path = process.env.PATH;
		process.env.PATH = '/nonexistent';
		try {
			await expect(backupDatabase({ url: database.url!, dataDir: '' }, join(folder, 'x.pgdump'))).rejects.toThrow(
				'pg_dump is not installed (Debian/Ubuntu: apt-get install postgresql-client).'
			);
		} finally {
			process.env.PATH = path;
		}
	});
});
