import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrations } from '../../migrations/index';
import { parseConfig } from '../../src/lib/server/config-schema';
import { connectDatabase, type DatabaseHandle } from '../../src/lib/server/db/connect';
import { DEMO_USERS } from '../../src/lib/server/auth/users';
import { prepareDatabase } from '../../src/lib/server/startup';
import { databaseKinds, emptyDatabase, type TestDatabase } from './helpers/databases';

/**
 * Two app processes started at the same moment on one empty Postgres database (two pools, as two
 * processes have): both come up, and the database is prepared once — migrations applied once,
 * one reference agency, the demo accounts once, the demo responses once, and sums for all of them.
 * Without the start lock the second process failed on the agency's unique code or the demo
 * responses' submission ids, or seeded them twice.
 */
const kinds = await databaseKinds();
const DEMO_RESPONSES = 300;

describe.runIf(kinds.includes('postgres'))('two processes preparing one empty Postgres database at once', () => {
	let database: TestDatabase;
	const processes: DatabaseHandle[] = [];

	beforeAll(async () => {
		database = await emptyDatabase('postgres');
		for (let i = 0; i < 3; i++) processes.push(await connectDatabase({ url: database.url!, poolSize: 3 }));
	});
	afterAll(async () => {
		await Promise.all(processes.map((p) => p.close()));
		await database?.drop();
	});

	it('all come up, and everything is done once', async () => {
		const config = parseConfig({ DATABASE_URL: database.url, SEED_DEMO: '1', DEMO_RESPONSES: String(DEMO_RESPONSES) });
		const lines: string[][] = processes.map(() => []);
		const results = await Promise.allSettled(processes.map((p, i) => prepareDatabase(p, config, (line: string) => lines[i]!.push(line))));
		expect(results.map((r) => (r.status === 'rejected' ? String(r.reason) : 'ok'))).toEqual(['ok', 'ok', 'ok']);
		// Exactly one of them applied the migrations and seeded; the others found it done.
		expect(lines.filter((l) => l.some((line) => line.startsWith('Đã áp dụng'))).length).toBe(1);

		const { db } = database;
		const count = async (table: string) =>
			Number((await sql<{ n: string }>`select count(*) as n from ${sql.table(table)}`.execute(db)).rows[0]!.n);
		expect(await count('kysely_migration')).toBe(Object.keys(migrations).length);
		expect(await count('agencies')).toBe(1);
		expect(await count('users')).toBe(DEMO_USERS.length);
		// The counter responses asked for, once; the demo's dossier register adds its verified ones.
		const counterResponses = async () =>
			Number((await sql<{ n: string }>`select count(*) as n from responses where dossier_id is null`.execute(db)).rows[0]!.n);
		expect(await counterResponses()).toBe(DEMO_RESPONSES);
		const all = await count('responses');
		const summed = await sql<{ n: string }>`select coalesce(sum(responses), 0) as n from estimate_sums where grain = 'month'`.execute(db);
		expect(Number(summed.rows[0]!.n)).toBe(all);
		// The lock is let go: a fourth start now passes straight through.
		await prepareDatabase(processes[0]!, config, () => {});
		expect(await count('responses')).toBe(all);
	});
});
