// The e2e run on PGlite: the app's own embedded database, shared with the specs (see the decision
// in start-server.mjs). This file is the server half, run inside the app's process by
// start-server.mjs, and the JSON codec both halves use; tests/e2e/db.ts is the client half.
import { createServer } from 'node:http';
import { rmSync } from 'node:fs';

/**
 * JSON that keeps what a query's parameters and rows may hold besides JSON: dates, bytes, bigints.
 * @param {unknown} value
 */
export function encode(value) {
	return JSON.stringify(value, function (key, json) {
		/** @type {unknown} */
		const original = this[key];
		if (original instanceof Date) return { $date: original.toISOString() };
		if (original instanceof Uint8Array) return { $bytes: Buffer.from(original).toString('base64') };
		if (typeof original === 'bigint') return { $bigint: original.toString() };
		return json;
	});
}

/** @param {string} text */
export function decode(text) {
	return JSON.parse(text, (_key, value) => {
		if (value && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 1) {
			if (typeof value.$date === 'string') return new Date(value.$date);
			if (typeof value.$bytes === 'string') return new Uint8Array(Buffer.from(value.$bytes, 'base64'));
			if (typeof value.$bigint === 'string') return BigInt(value.$bigint);
		}
		return value;
	});
}

/**
 * One PGlite is one database session. The parties sharing it — the app, and each client of the
 * socket — take turns: a party holds the session from a query until it is out of any transaction,
 * so no one's statement lands inside another's transaction (on a server they would be separate
 * sessions, each seeing only committed data). Within a party, queries run one at a time, in order.
 */
export class SessionTurns {
	/** @type {string | null} */ #holder = null;
	/** @type {{ party: string; resolve: () => void }[]} */ #waiting = [];
	/** @type {Map<string, Promise<unknown>>} */ #tails = new Map();

	/** @param {import('@electric-sql/pglite').PGlite} pglite */
	constructor(pglite) {
		this.pglite = pglite;
	}

	get holder() {
		return this.#holder;
	}

	/**
	 * Runs `work` (one or more statements) for `party` in its turn; keeps the turn while the
	 * session is left in a transaction.
	 * @template T
	 * @param {string} party
	 * @param {() => Promise<T>} work
	 * @returns {Promise<T>}
	 */
	run(party, work) {
		const previous = this.#tails.get(party) ?? Promise.resolve();
		const result = previous.then(async () => {
			await this.#acquire(party);
			try {
				return await work();
			} finally {
				if (!this.pglite.closed && !this.pglite.isInTransaction()) this.release(party);
			}
		});
		const tail = result.then(
			() => undefined,
			() => undefined
		);
		this.#tails.set(party, tail);
		void tail.then(() => {
			if (this.#tails.get(party) === tail) this.#tails.delete(party);
		});
		return result;
	}

	/** @param {string} party */
	async #acquire(party) {
		if (this.#holder === party) return;
		if (this.#holder === null) {
			this.#holder = party;
			return;
		}
		await new Promise((resolve) => this.#waiting.push({ party, resolve: () => resolve(undefined) }));
	}

	/** @param {string} party */
	release(party) {
		if (this.#holder !== party) return;
		const next = this.#waiting.shift();
		this.#holder = next?.party ?? null;
		next?.resolve();
	}
}

/**
 * Serves `POST /query {sql, params}` → `{rows, affectedRows}` (or 400 `{error}`) on a unix socket
 * (a named pipe on Windows), each request in the turn of the client named by its x-e2e-client
 * header. A client that leaves a transaction open and goes quiet (a spec process that died
 * mid-transaction) would otherwise hold the app's database for ever: after IDLE_MS without a query
 * its transaction is rolled back and the turn passes on.
 * @param {{ socket: string; turns: SessionTurns; query: (sql: string, params: unknown[]) => Promise<{ rows: unknown[]; affectedRows?: number }> }} options
 */
export function serveToSpecs({ socket, turns, query }) {
	const IDLE_MS = 60_000;
	/** @type {Map<string, NodeJS.Timeout>} */
	const idle = new Map();
	const server = createServer((request, response) => {
		const chunks = /** @type {Buffer[]} */ ([]);
		request.on('data', (chunk) => chunks.push(chunk));
		request.on('end', async () => {
			const reply = (/** @type {number} */ status, /** @type {unknown} */ body) => {
				response.writeHead(status, { 'content-type': 'application/json' }).end(encode(body));
			};
			if (request.method !== 'POST' || request.url !== '/query') return reply(404, { error: { message: 'POST /query only' } });
			const party = `spec:${request.headers['x-e2e-client'] ?? 'anonymous'}`;
			clearTimeout(idle.get(party));
			try {
				const { sql, params } = decode(Buffer.concat(chunks).toString('utf8'));
				const result = await turns.run(party, () => query(sql, params ?? []));
				reply(200, { rows: result.rows, affectedRows: result.affectedRows ?? null });
			} catch (error) {
				const e = /** @type {Record<string, unknown>} */ (error ?? {});
				reply(400, { error: { message: String(e.message ?? error), code: e.code, detail: e.detail, constraint: e.constraint } });
			}
			if (turns.holder === party) {
				idle.set(
					party,
					setTimeout(() => {
						if (turns.holder !== party) return;
						console.error(`e2e: ${party} left a transaction open for ${IDLE_MS / 1000} s; rolled back`);
						void query('rollback', []).finally(() => turns.release(party));
					}, IDLE_MS).unref()
				);
			}
		});
	});
	if (process.platform !== 'win32') {
		rmSync(socket, { force: true });
		process.on('exit', () => rmSync(socket, { force: true }));
	}
	server.listen(socket);
	// The app decides when the process ends; this socket does not keep it alive.
	server.unref();
	return server;
}
