import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { connectDatabase, migrateToLatest, type DatabaseHandle, type DatabaseKind } from '../../../src/lib/server/db/connect';

/**
 * Integration tests run every case on both databases the platform supports: PGlite in memory,
 * and a real Postgres server, where each test file gets a database of its own (created here,
 * dropped after). TEST_DATABASE_URL names the server's admin database; when the server cannot be
 * reached the Postgres cases are skipped with a message, unless REQUIRE_POSTGRES=1 (as in CI),
 * where that is an error.
 */
const ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/postgres';

let postgresReachable: Promise<boolean> | undefined;

export async function databaseKinds(): Promise<DatabaseKind[]> {
	postgresReachable ??= probe();
	return (await postgresReachable) ? ['pglite', 'postgres'] : ['pglite'];
}

async function probe(): Promise<boolean> {
	const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 3000 });
	try {
		await client.connect();
		await client.end();
		return true;
	} catch (error) {
		if (process.env.REQUIRE_POSTGRES === '1') throw new Error(`REQUIRE_POSTGRES=1 but ${ADMIN_URL} is unreachable: ${error}`);
		console.warn(`Postgres at ${ADMIN_URL} unreachable: Postgres integration cases skipped (${error})`);
		return false;
	}
}

export interface TestDatabase extends DatabaseHandle {
	/** Closes the connection and, on Postgres, drops the database. */
	drop(): Promise<void>;
	url?: string;
}

/** An empty database of that kind, not migrated. */
export async function emptyDatabase(kind: DatabaseKind): Promise<TestDatabase> {
	if (kind === 'pglite') {
		const handle = await connectDatabase({ dataDir: 'memory://' });
		return { ...handle, drop: () => handle.close() };
	}
	const name = `hailong_test_${randomBytes(6).toString('hex')}`;
	await admin(`create database ${name}`);
	const url = new URL(ADMIN_URL);
	url.pathname = `/${name}`;
	const handle = await connectDatabase({ url: url.toString(), poolSize: 5 });
	return {
		...handle,
		url: url.toString(),
		drop: async () => {
			await handle.close();
			await admin(`drop database if exists ${name} with (force)`);
		}
	};
}

/** A migrated database of that kind. */
export async function migratedDatabase(kind: DatabaseKind): Promise<TestDatabase> {
	const database = await emptyDatabase(kind);
	await migrateToLatest(database.db);
	return database;
}

/** A statement on the server's admin database (CREATE / DROP DATABASE, pg_terminate_backend). */
export async function admin(statement: string, params: unknown[] = []): Promise<pg.QueryResult> {
	const client = new pg.Client({ connectionString: ADMIN_URL });
	await client.connect();
	try {
		return await client.query(statement, params);
	} finally {
		await client.end();
	}
}

/** The URL of a database on the test server; created by nobody yet. */
export function databaseUrl(name: string): string {
	const url = new URL(ADMIN_URL);
	url.pathname = `/${name}`;
	return url.toString();
}

/**
 * Ends every session on that database, as a server restart or a failover does: a query in flight
 * fails with 57P01 (admin_shutdown) and its connection closes. Returns how many were ended.
 */
export async function terminateSessions(name: string): Promise<number> {
	const { rows } = await admin(
		`select count(*)::int as n from (select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()) ended`,
		[name]
	);
	return rows[0].n;
}
