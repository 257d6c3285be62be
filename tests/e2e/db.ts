import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import {
	CompiledQuery,
	Kysely,
	PostgresAdapter,
	PostgresIntrospector,
	PostgresQueryCompiler,
	type DatabaseConnection,
	type Dialect,
	type Driver,
	type QueryResult,
	type TransactionSettings
} from 'kysely';
import pg from 'pg';
import { connectDatabase } from '../../src/lib/server/db/connect';
import type { Database } from '../../src/lib/server/db/schema';
import { e2eDatabase, e2eDatabaseUrl, PGLITE_SOCKET } from './settings';
import { decode, encode } from './shared-pglite.mjs';

/**
 * The specs' way into the database the app runs on, whichever it is (settings.e2eDatabase()): the
 * e2e database on the Postgres server, or the app's own embedded PGlite, reached through the
 * socket start-server.mjs serves in the app's process (the why is there).
 */

/** Reads (or writes) what the app stored. One short connection, or one socket request, per call. */
export async function query<T extends Record<string, unknown> = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
	if (e2eDatabase() === 'pglite') return (await viaSocket(randomUUID(), text, params)).rows as T[];
	const client = new pg.Client({ connectionString: e2eDatabaseUrl() });
	await client.connect();
	try {
		const result = await client.query(text, params);
		return result.rows as T[];
	} finally {
		await client.end();
	}
}

/** A Kysely on the e2e database, for specs that use the app's own functions (estimates, users). */
export async function openDatabase(): Promise<{ db: Kysely<Database>; close(): Promise<void> }> {
	if (e2eDatabase() === 'postgres') return connectDatabase({ url: e2eDatabaseUrl(), poolSize: 2 });
	const db = new Kysely<Database>({ dialect: new SharedPGliteDialect() });
	return { db, close: () => db.destroy() };
}

interface SocketResult {
	rows: unknown[];
	affectedRows: number | null;
}

/** One statement on the app's PGlite, in the turn of `client` (a transaction keeps the turn). */
function viaSocket(client: string, sql: string, params: readonly unknown[]): Promise<SocketResult> {
	const body = encode({ sql, params });
	return new Promise((resolve, reject) => {
		const req = request(
			{
				socketPath: PGLITE_SOCKET,
				path: '/query',
				method: 'POST',
				headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-e2e-client': client }
			},
			(res) => {
				const chunks: Buffer[] = [];
				res.on('data', (chunk: Buffer) => chunks.push(chunk));
				res.on('error', reject);
				res.on('end', () => {
					const answer = decode(Buffer.concat(chunks).toString('utf8'));
					if (res.statusCode === 200) resolve(answer as SocketResult);
					else reject(Object.assign(new Error(answer.error?.message ?? `HTTP ${res.statusCode}`), answer.error));
				});
			}
		);
		req.on('error', reject);
		req.end(body);
	});
}

/** Kysely over the socket: one connection, as on PGlite itself; a transaction keeps the turn. */
class SharedPGliteDialect implements Dialect {
	createAdapter() {
		return new PostgresAdapter();
	}
	createDriver(): Driver {
		return new SharedPGliteDriver();
	}
	createIntrospector(db: Kysely<unknown>) {
		return new PostgresIntrospector(db);
	}
	createQueryCompiler() {
		return new PostgresQueryCompiler();
	}
}

class SharedPGliteDriver implements Driver {
	private queue: Promise<void> = Promise.resolve();
	private readonly connection = new SharedPGliteConnection(randomUUID());

	async init(): Promise<void> {}

	async acquireConnection(): Promise<DatabaseConnection> {
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
		(connection as SharedPGliteConnection).release?.();
	}
	async destroy(): Promise<void> {
		await this.queue;
	}
}

class SharedPGliteConnection implements DatabaseConnection {
	release: (() => void) | undefined;

	constructor(private readonly client: string) {}

	async executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
		const result = await viaSocket(this.client, compiledQuery.sql, compiledQuery.parameters);
		const kind = compiledQuery.query.kind;
		const changesRows = kind === 'InsertQueryNode' || kind === 'UpdateQueryNode' || kind === 'DeleteQueryNode' || kind === 'MergeQueryNode';
		return {
			rows: result.rows as R[],
			...(changesRows && result.affectedRows !== null ? { numAffectedRows: BigInt(result.affectedRows) } : {})
		};
	}

	// eslint-disable-next-line require-yield
	async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
		throw new Error('The e2e PGlite connection does not stream');
	}
}

export interface StoredResponse {
	id: string;
	submission_id: string;
	counter: string;
	survey_version_id: number;
	channel: string | null;
	respondent_type: string | null;
	gender: string | null;
	age_group: string | null;
	ethnicity: string | null;
	procedure_field: string | null;
	dossier_code: string | null;
	comment: string | null;
	flagged_misuse: boolean;
	source: string;
}

const responseColumns = `r.id::text as id, r.submission_id::text as submission_id, c.code as counter, r.survey_version_id,
	r.channel, r.respondent_type, r.gender, r.age_group, r.ethnicity, pf.name as procedure_field, r.dossier_code,
	r.comment, r.flagged_misuse, r.source`;

/** Every response stored for a counter, oldest first. */
export function responsesFor(counterCode: string): Promise<StoredResponse[]> {
	return query<StoredResponse & Record<string, unknown>>(
		`select ${responseColumns}
		 from responses r join counters c on c.id = r.counter_id left join procedure_fields pf on pf.id = r.procedure_field_id
		 where c.code = $1 order by r.id`,
		[counterCode]
	);
}

export async function countResponses(counterCode: string): Promise<number> {
	const [row] = await query<{ n: number }>(
		`select count(*)::int as n from responses r join counters c on c.id = r.counter_id where c.code = $1`,
		[counterCode]
	);
	return row!.n;
}

export async function responsesWithSubmissionId(submissionId: string): Promise<number> {
	const [row] = await query<{ n: number }>(`select count(*)::int as n from responses where submission_id = $1`, [submissionId]);
	return row!.n;
}

/** A response's answers as { criterion key: value }, value null meaning "Không áp dụng". */
export async function answersOf(responseId: string): Promise<Record<string, number | null>> {
	const rows = await query<{ key: string; value: number | null }>(
		`select cr.key, a.value from answers a join criteria cr on cr.id = a.criterion_id where a.response_id = $1 order by cr.position`,
		[responseId]
	);
	return Object.fromEntries(rows.map((r) => [r.key, r.value]));
}

/** The id of the active survey version (the seeded version 1). */
export async function activeSurveyVersion(): Promise<number> {
	const [row] = await query<{ id: number }>(`select id from survey_versions where active order by id limit 1`);
	return row!.id;
}

/**
 * A counter of the seeded agency for one spec's own use (the seeded counters belong to other
 * specs' counts). Deactivate it after the spec, so that the home page lists the seeded ones only.
 */
export async function addCounter(code: string, name: string, nameEn: string | null = null): Promise<void> {
	await query(
		`insert into counters (agency_id, unit_id, code, name)
		 select u.agency_id, u.id, $1, $2 from units u join agencies a on a.id = u.agency_id
		 where a.code = 'sct-gialai' order by u.id limit 1`,
		[code, name]
	);
	if (nameEn !== null) await query(`update counters set name_en = $2 where code = $1`, [code, nameEn]);
}

export async function deactivateCounter(code: string): Promise<void> {
	await query(`update counters set active = false where code = $1`, [code]);
}
