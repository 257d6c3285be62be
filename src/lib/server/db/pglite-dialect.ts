import type { PGlite, Transaction as PGliteTransaction } from '@electric-sql/pglite';
import {
	CompiledQuery,
	PostgresAdapter,
	PostgresIntrospector,
	PostgresQueryCompiler,
	type DatabaseConnection,
	type DatabaseIntrospector,
	type Dialect,
	type DialectAdapter,
	type Driver,
	type Kysely,
	type QueryCompiler,
	type QueryResult,
	type TransactionSettings
} from 'kysely';

/**
 * Kysely dialect for PGlite (Postgres compiled to WASM), for the embedded default.
 * Kysely 0.28 has none built in (0.29 does, but needs Node 22). PGlite is one connection, so the
 * driver hands it out one holder at a time: a transaction keeps it until commit or rollback, and
 * other queries wait their turn, as they would on a pool of size one.
 */
export class PGliteDialect implements Dialect {
	constructor(private readonly pglite: PGlite) {}

	createAdapter(): DialectAdapter {
		return new PostgresAdapter();
	}
	createDriver(): Driver {
		return new PGliteDriver(this.pglite);
	}
	createIntrospector(db: Kysely<any>): DatabaseIntrospector {
		return new PostgresIntrospector(db);
	}
	createQueryCompiler(): QueryCompiler {
		return new PostgresQueryCompiler();
	}
}

class PGliteDriver implements Driver {
	private queue: Promise<void> = Promise.resolve();
	private readonly connection: PGliteConnection;

	constructor(private readonly pglite: PGlite) {
		this.connection = new PGliteConnection(pglite);
	}

	async init(): Promise<void> {
		await this.pglite.waitReady;
	}

	async acquireConnection(): Promise<DatabaseConnection> {
		// Chain on the previous holder; resolve when it releases.
		let release!: () => void;
		const previous = this.queue;
		this.queue = new Promise<void>((resolve) => (release = resolve));
		await previous;
		this.connection.release = release;
		return this.connection;
	}

	async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
		const isolation = settings.isolationLevel ? ` isolation level ${settings.isolationLevel}` : '';
		await connection.executeQuery(CompiledQuery.raw(`begin${isolation}`));
	}
	async commitTransaction(connection: DatabaseConnection): Promise<void> {
		await connection.executeQuery(CompiledQuery.raw('commit'));
	}
	async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
		await connection.executeQuery(CompiledQuery.raw('rollback'));
	}
	async releaseConnection(connection: DatabaseConnection): Promise<void> {
		(connection as PGliteConnection).release?.();
	}
	async destroy(): Promise<void> {
		await this.queue;
		if (!this.pglite.closed) await this.pglite.close();
	}
}

class PGliteConnection implements DatabaseConnection {
	release: (() => void) | undefined;

	constructor(private readonly pglite: PGlite | PGliteTransaction) {}

	async executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
		// PGlite runs in this thread and answers through promises alone, so a long run of queries
		// (the demo seed, a sums rebuild) would keep the event loop from ever taking a request or a
		// signal. One turn of the loop before each query lets them in between.
		await new Promise((resolve) => setImmediate(resolve));
		const result = await this.pglite.query<R>(compiledQuery.sql, [...compiledQuery.parameters]);
		const kind = compiledQuery.query.kind;
		const changesRows =
			kind === 'InsertQueryNode' || kind === 'UpdateQueryNode' || kind === 'DeleteQueryNode' || kind === 'MergeQueryNode';
		return {
			rows: result.rows,
			...(changesRows && result.affectedRows !== undefined
				? { numAffectedRows: BigInt(result.affectedRows) }
				: {})
		};
	}

	// eslint-disable-next-line require-yield
	async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
		throw new Error('PGlite dialect does not stream; use a DATABASE_URL server for streaming');
	}
}
