import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, Migrator, PostgresDialect, sql, type MigrationResultSet } from 'kysely';
import pg from 'pg';
import { migrationProvider } from '../../../../migrations/index';
import { describeError } from './errors';
import { PGliteDialect } from './pglite-dialect';
import { PreparingClient } from './prepared';
import type { Database } from './schema';

export type DatabaseKind = 'postgres' | 'pglite';

export interface DatabaseHandle {
	db: Kysely<Database>;
	kind: DatabaseKind;
	/** Where the data is: the server URL without its password, or the PGlite folder. */
	location: string;
	close(): Promise<void>;
	/** The pg pool on a server (absent on PGlite): its counts are in /metrics. */
	pool?: pg.Pool;
}

export interface DatabaseConfig {
	/** postgres://… to use a server; absent for the embedded PGlite. */
	url?: string;
	/** PGlite's data folder; 'memory://' keeps it in memory (tests). */
	dataDir?: string;
	/** Pool size for a server. */
	poolSize?: number;
	/** Prepare the statements marked with prepared() on a server (db/prepared.ts); default true. */
	preparedStatements?: boolean;
}

// Both drivers return the same JS types: int8 counts and ids as numbers (they stay far below
// 2^53), numeric as numbers, dates as 'yyyy-mm-dd' strings (never shifted by the machine's zone).
const INT8 = 20;
const NUMERIC = 1700;
const DATE = 1082;
const parsers = {
	[INT8]: (value: string) => Number(value),
	[NUMERIC]: (value: string) => Number(value),
	[DATE]: (value: string) => value
};
for (const [oid, parse] of Object.entries(parsers)) pg.types.setTypeParser(Number(oid), parse);

export async function connectDatabase(config: DatabaseConfig): Promise<DatabaseHandle> {
	if (config.url) {
		const handle = postgresHandle({ ...config, url: config.url });
		// Commands and tests fail fast on a wrong URL; the app waits for the server instead (db/index.ts).
		await sql`select 1`.execute(handle.db).catch(async (error: Error) => {
			await handle.close();
			throw new Error(`Cannot connect to DATABASE_URL (${handle.location}): ${describeError(error)}`);
		});
		return handle;
	}
	return openPGlite(config.dataDir ?? './data');
}

/**
 * Settings of the embedded database, written once into a new data folder (postgresql.auto.conf)
 * and in force from its next opening: a small server's footprint rather than Postgres's defaults
 * for a dedicated machine. WAL is recycled past 32 MB instead of growing towards 1 GB (the demo's
 * first start wrote over 200 MB of it), and shared buffers take 32 MB of the process's memory, not
 * 128 MB that PGlite's WebAssembly memory would keep for good once filled.
 */
const PGLITE_SETTINGS = { min_wal_size: '32MB', max_wal_size: '32MB', shared_buffers: '32MB' } as const;

export async function openPGlite(dataDir: string): Promise<DatabaseHandle> {
	const onDisk = !dataDir.startsWith('memory://');
	if (onDisk) mkdirSync(dataDir, { recursive: true });
	let pglite = await PGlite.create(dataDir, { parsers });
	if (onDisk && !existsSync(join(dataDir, 'postgresql.auto.conf.hailong'))) {
		for (const [name, value] of Object.entries(PGLITE_SETTINGS)) await pglite.exec(`alter system set ${name} = '${value}'`);
		// A marker, so that a folder configured once (or by an administrator since) is left alone.
		writeFileSync(join(dataDir, 'postgresql.auto.conf.hailong'), 'Settings written by Hài Lòng at creation (db/connect.ts).\n');
		await pglite.close();
		pglite = await PGlite.create(dataDir, { parsers });
	}
	const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
	return { db, kind: 'pglite', location: dataDir, close: () => db.destroy() };
}

/**
 * A pool on a Postgres server that connects on demand: creating it needs no server, a query made
 * while the server is away fails (callers answer "try again"), and the next one connects anew.
 */
export function postgresHandle(config: DatabaseConfig & { url: string }): DatabaseHandle {
	const pool = new pg.Pool({
		connectionString: config.url,
		max: config.poolSize ?? 10,
		// A server that does not answer at all (a dead host) must not hold requests forever.
		connectionTimeoutMillis: 5000,
		keepAlive: true,
		// Prepares the statements marked with prepared() once per connection (db/prepared.ts).
		Client: config.preparedStatements === false ? pg.Client : PreparingClient
	});
	// pg-pool listens for errors on idle connections only. When the server ends a session that is
	// checked out — a restart or failover while a query runs (57P01), pg_terminate_backend — the
	// client emits 'error' with no listener, which Node turns into an uncaught exception that ends
	// the process. So every connection gets a listener for its whole life: the query in flight
	// fails, its caller answers "try again", and the pool discards the broken connection on release.
	pool.on('connect', (client) => {
		let reported = false;
		client.on('error', (error) => {
			if (reported) return; // the server's message, then the closed socket: one line is enough
			reported = true;
			console.error(
				JSON.stringify({ time: new Date().toISOString(), level: 'error', event: 'database_connection_lost', error: describeError(error) })
			);
		});
	});
	// The pool's own report of an idle connection's error: already logged by the listener above.
	pool.on('error', () => {});
	const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
	return { db, kind: 'postgres', location: redact(config.url), close: () => db.destroy(), pool };
}

export async function migrateToLatest(db: Kysely<Database>): Promise<MigrationResultSet> {
	// Features land in parallel branches, each with the migration number it was given: a database
	// that ran a later number first (010 before 008) must still take 008. Every migration here is
	// independent of those numbered beside it, so their order of arrival does not matter.
	const migrator = new Migrator({ db, provider: migrationProvider, allowUnorderedMigrations: true });
	const result = await migrator.migrateToLatest();
	if (result.error) throw result.error;
	return result;
}

function redact(url: string): string {
	try {
		const parsed = new URL(url);
		if (parsed.password) parsed.password = '***';
		return parsed.toString();
	} catch {
		return 'an unparsable URL';
	}
}
