import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, Migrator, PostgresDialect, type MigrationResultSet } from 'kysely';
import pg from 'pg';
import { migrationProvider } from '../../../../migrations/index';
import { PGliteDialect } from './pglite-dialect';
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
		const pool = new pg.Pool({ connectionString: config.url, max: config.poolSize ?? 10 });
		// An idle connection dropped by the server (a restart, a failover) must not bring the app
		// down: the pool replaces it, /healthz answers 503 meanwhile, and the survey says "try again".
		pool.on('error', (error) =>
			console.error(JSON.stringify({ time: new Date().toISOString(), level: 'error', event: 'database_connection_lost', error: error.message }))
		);
		// Fail fast on a wrong URL instead of at the first citizen's submit.
		const client = await pool.connect().catch(async (error: Error) => {
			await pool.end();
			throw new Error(`Cannot connect to DATABASE_URL (${redact(config.url!)}): ${error.message}`);
		});
		client.release();
		const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
		return { db, kind: 'postgres', location: redact(config.url), close: () => db.destroy(), pool };
	}
	const dataDir = config.dataDir ?? './data';
	if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
	const pglite = await PGlite.create(dataDir, { parsers });
	const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
	return { db, kind: 'pglite', location: dataDir, close: () => db.destroy() };
}

export async function migrateToLatest(db: Kysely<Database>): Promise<MigrationResultSet> {
	const migrator = new Migrator({ db, provider: migrationProvider });
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
