import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseConfig } from '../../src/lib/server/config-schema';
import { migrateToLatest, openPGlite, postgresHandle } from '../../src/lib/server/db/connect';
import { isDatabaseUnavailable } from '../../src/lib/server/db/errors';
import { Stopping, startDatabase } from '../../src/lib/server/db/lifecycle';
import { seedReference } from '../../src/lib/server/seed/reference';
import { prepareDatabase } from '../../src/lib/server/startup';
import { submitResponse } from '../../src/lib/server/survey/submit';
import { admin, databaseKinds, databaseUrl, migratedDatabase, terminateSessions, type TestDatabase } from './helpers/databases';
import { seededCounter } from './helpers/survey';

/**
 * The Postgres server going away under the app — a restart (`pg_ctl restart -m fast` ends every
 * session with 57P01), a failover, pg_terminate_backend — and the app starting before its
 * database exists. Sessions are ended with pg_terminate_backend on a database of this file's own;
 * the shared server is never restarted.
 */

/** Errors that reached no handler: Node ends the app's process on these. */
const uncaught: unknown[] = [];
const record = (error: unknown) => uncaught.push(error);
beforeAll(() => {
	process.on('uncaughtException', record);
});
afterAll(() => {
	process.off('uncaughtException', record);
});
beforeEach(() => {
	uncaught.length = 0;
});
afterEach(() => {
	vi.restoreAllMocks();
});

async function until(condition: () => boolean | Promise<boolean>, what: string): Promise<void> {
	for (let tries = 0; tries < 300; tries++) {
		if (await condition()) return;
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
	throw new Error(`gave up waiting until ${what}`);
}

const hasPostgres = (await databaseKinds()).includes('postgres');

describe.skipIf(!hasPostgres)('a Postgres server that ends the sessions of the app', () => {
	let database: TestDatabase;
	let name: string;
	let fixture: Awaited<ReturnType<typeof seededCounter>>;
	beforeAll(async () => {
		database = await migratedDatabase('postgres');
		name = new URL(database.url!).pathname.slice(1);
		fixture = await seededCounter(database.db);
	});
	afterAll(() => database?.drop());

	it('inside a transaction between two statements: the next statement fails as "unavailable", nothing is thrown at the process', async () => {
		const lost = vi.spyOn(console, 'error').mockImplementation(() => {});
		const outcome = await database.db
			.transaction()
			.execute(async (trx) => {
				await sql`select 1`.execute(trx);
				// The connection is checked out and idle: the server's 57P01 message arrives with no
				// query to fail, the way a restart meets a submission between its statements.
				expect(await terminateSessions(name)).toBeGreaterThan(0);
				await until(() => lost.mock.calls.length > 0 || uncaught.length > 0, 'the client hears of it');
				await sql`select 2`.execute(trx);
			})
			.then(
				() => 'committed',
				(error: unknown) => error
			);
		expect(uncaught).toEqual([]);
		expect(isDatabaseUnavailable(outcome)).toBe(true);
		expect(JSON.parse(String(lost.mock.calls[0]![0]))).toMatchObject({ event: 'database_connection_lost', error: expect.stringContaining('57P01') });
		lost.mockRestore();
		// The broken connection was discarded: the next query connects anew.
		expect((await sql<{ one: number }>`select 1 as one`.execute(database.db)).rows).toEqual([{ one: 1 }]);
	});

	it('a query in flight fails with 57P01 and the pool recovers', async () => {
		vi.spyOn(console, 'error').mockImplementation(() => {});
		const sleeping = sql`select pg_sleep(60)`.execute(database.db).then(
			() => 'finished',
			(error: unknown) => error
		);
		await until(
			async () =>
				(await admin(`select 1 from pg_stat_activity where datname = $1 and state = 'active' and query like 'select pg_sleep%'`, [name])).rowCount === 1,
			'the query runs'
		);
		await terminateSessions(name);
		const error = await sleeping;
		// The server's 57P01 message, or — when the socket closes before it is read, as happens on
		// a loaded machine — pg's "Connection terminated unexpectedly": both are the session ending.
		expect(String((error as { code?: string }).code ?? (error as Error).message)).toMatch(/^57P01$|Connection terminated/);
		expect(isDatabaseUnavailable(error)).toBe(true);
		// An idle pooled connection was ended too; on a loaded machine its 'error' event may come
		// after the next checkout, so that query fails like the one in flight (the app answers "try
		// again"). Within a few tries the pool has discarded every broken connection.
		let recovered: unknown;
		for (let attempt = 0; attempt < 5 && !Array.isArray(recovered); attempt++) {
			recovered = await sql<{ one: number }>`select 1 as one`.execute(database.db).then(
				(result) => result.rows,
				(failure: unknown) => (expect(isDatabaseUnavailable(failure)).toBe(true), failure)
			);
		}
		expect(recovered).toEqual([{ one: 1 }]);
		expect(uncaught).toEqual([]);
	});

	it('30 clients submitting while every session is ended three times: each submission is stored or refused as "unavailable", none lost', async () => {
		vi.spyOn(console, 'error').mockImplementation(() => {});
		const stored: string[] = [];
		const unavailable: unknown[] = [];
		const other: unknown[] = [];
		let running = true;
		const client = async (n: number) => {
			while (running) {
				const submission = fixture.submission();
				try {
					const outcome = await submitResponse(database.db, submission, fixture.context({ deviceHash: `device-${n}`, limits: { flagPerHour: 1e9, blockPerHour: 1e9 } }));
					if (outcome.status === 'stored') stored.push(submission.submission_id);
					else other.push(outcome);
				} catch (error) {
					(isDatabaseUnavailable(error) ? unavailable : other).push(error);
				}
			}
		};
		const clients = Array.from({ length: 30 }, (_, n) => client(n));
		let ended = 0;
		for (let round = 0; round < 3; round++) {
			const before = stored.length;
			await until(() => stored.length >= before + 20, 'submissions are stored');
			ended += await terminateSessions(name);
		}
		const before = stored.length;
		await until(() => stored.length >= before + 20, 'submissions are stored after the last one');
		running = false;
		await Promise.all(clients);

		expect(uncaught).toEqual([]);
		expect(other).toEqual([]);
		// Sessions were ended under load. A submission is one statement (one round trip), so a run
		// may or may not catch one in flight: those it does are refused as unavailable, never lost.
		expect(ended).toBeGreaterThan(0);
		const { rows } = await sql<{ n: number }>`select count(*)::int as n from responses where submission_id = any(${stored}::uuid[])`.execute(database.db);
		expect(rows[0]!.n).toBe(stored.length);
	});
});

describe.skipIf(!hasPostgres)('starting while the database cannot be reached', () => {
	it('waits for a database that does not exist yet, then prepares it', async () => {
		const name = `hailong_test_${randomBytes(6).toString('hex')}`;
		const handle = postgresHandle({ url: databaseUrl(name), poolSize: 2 });
		const warnings: string[] = [];
		const lifecycle = startDatabase(
			handle,
			async () => {
				await migrateToLatest(handle.db);
				await seedReference(handle.db);
			},
			{ firstDelayMs: 20, maxDelayMs: 200, warn: (line) => warnings.push(line) }
		);
		try {
			expect(lifecycle.state()).toBe('starting');
			await until(() => lifecycle.state() === 'waiting', 'it waits');
			expect(JSON.parse(warnings[0]!)).toMatchObject({ event: 'database_unavailable_at_start', error: expect.stringContaining('3D000') });

			await admin(`create database ${name}`);
			await lifecycle.ready;
			expect(lifecycle.state()).toBe('ready');
			const counters = await handle.db.selectFrom('counters').select('code').execute();
			expect(counters.length).toBe(7);
		} finally {
			await lifecycle.stop();
			await admin(`drop database if exists ${name} with (force)`);
		}
		expect(uncaught).toEqual([]);
	});

	it('stops while waiting for a server that refuses connections: no more attempts, the pool closed', async () => {
		// Port 1 on this machine: nothing listens there, every connection is refused at once.
		const handle = postgresHandle({ url: 'postgres://root@127.0.0.1:1/hailong', poolSize: 2 });
		const warnings: string[] = [];
		const lifecycle = startDatabase(handle, () => sql`select 1`.execute(handle.db).then(() => {}), {
			firstDelayMs: 20,
			maxDelayMs: 100,
			warn: (line) => warnings.push(line)
		});
		await until(() => warnings.length >= 2, 'it tried twice');
		expect(JSON.parse(warnings[0]!).error).toContain('ECONNREFUSED');
		await lifecycle.stop();
		await expect(lifecycle.ready).rejects.toBeInstanceOf(Stopping);
		expect(lifecycle.state()).toBe('stopping');
		const attempts = warnings.length;
		await new Promise((resolve) => setTimeout(resolve, 300));
		expect(warnings.length).toBe(attempts);
		await expect(sql`select 1`.execute(handle.db)).rejects.toThrow();
	});
});

describe('preparing the database at start', () => {
	it('gives up on an error that is not about reaching the database', async () => {
		const closed = vi.fn(async () => {});
		const handle = { db: undefined as never, kind: 'postgres' as const, location: 'nowhere', close: closed };
		const warnings: string[] = [];
		const broken = Object.assign(new Error('syntax error at or near "selec"'), { code: '42601' });
		const lifecycle = startDatabase(handle, () => Promise.reject(broken), { warn: (line) => warnings.push(line) });
		await expect(lifecycle.ready).rejects.toBe(broken);
		expect(warnings).toEqual([]);
		await lifecycle.stop();
		expect(closed).toHaveBeenCalledOnce();
	});

	it('stopping during the demo seed rolls it back; the next start seeds again', async () => {
		const handle = await openPGlite('memory://');
		try {
			const config = { ...parseConfig({ DEMO_RESPONSES: '300' }) };
			const stopping = new AbortController();
			const lines: string[] = [];
			const log = (line: string) => {
				lines.push(line);
				if (line.startsWith('Đang tạo')) stopping.abort();
			};
			await expect(prepareDatabase(handle, config, log, stopping.signal)).rejects.toThrow();
			const count = async () => (await sql<{ n: number }>`select count(*)::int as n from responses`.execute(handle.db)).rows[0]!.n;
			expect(await count()).toBe(0);

			await prepareDatabase(handle, config, () => {}, new AbortController().signal);
			// The counter responses asked for; the demo's dossier register adds its verified ones.
			const counterResponses = (await sql<{ n: number }>`select count(*)::int as n from responses where dossier_id is null`.execute(handle.db)).rows[0]!.n;
			expect(counterResponses).toBe(300);
			const { rows } = await sql<{ n: number }>`select coalesce(sum(responses), 0)::int as n from estimate_sums where grain = 'month'`.execute(handle.db);
			expect(rows[0]!.n).toBe(await count());
		} finally {
			await handle.close();
		}
	}, 180_000); // a first start on PGlite seeds and sums a demo: slow on a loaded CI machine
});
