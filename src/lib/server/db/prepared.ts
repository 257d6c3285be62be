import { createHash } from 'node:crypto';
import { sql, type RawBuilder } from 'kysely';
import pg from 'pg';

/**
 * Prepared statements for the wide reads of the sums (sums/read-sums.ts, estimates/register-frame.ts).
 *
 * Postgres spends longer planning a statement that adds up 130 columns than running it on a few
 * hundred pre-aggregated rows: a two-year monthly read took 4.7 ms as a plain statement and 1.1 ms
 * prepared. A statement marked with `prepared` is parsed and planned once per connection, under a
 * name made from its text, and then only executed. Its values stay parameters, so one prepared
 * statement serves every agency, month range and unit of the same shape of scope.
 *
 * A prepared wide statement holds about half a megabyte of the server's memory per connection;
 * each connection prepares at most PREPARED_PER_CONNECTION of them (the first shapes it meets),
 * and runs any other marked statement as a plain one. Postgres plans a prepared statement again by
 * itself when a table it reads changes (a migration).
 *
 * On PGlite the mark is only a comment: the embedded database runs in the app's own process, where
 * planning is not a round trip, and its driver has no named statements.
 */
const MARK = '/* prepared */';
const PREPARED_PER_CONNECTION = 32;

/** The statement, marked to be prepared on a Postgres server. */
export function prepared<T>(statement: RawBuilder<T>): RawBuilder<T> {
	return sql<T>`${sql.raw(MARK)} ${statement}`;
}

/** The name a marked statement is prepared under: the same text, the same name. */
export function preparedName(text: string): string {
	return `hl_${createHash('sha256').update(text).digest('base64url').slice(0, 40)}`;
}

/**
 * pg's Client, preparing the statements marked with `prepared` (the pool's `Client`). Kysely sends
 * every statement as query(text, values); a marked one goes as a named query instead, which pg
 * parses once per connection and only executes afterwards.
 */
export class PreparingClient extends pg.Client {
	readonly #names = new Set<string>();

	// pg's query() has a dozen overloads; this only looks at (text, values) and passes everything on.
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	override query(...args: any[]): any {
		const [config, values] = args;
		if (typeof config === 'string' && config.startsWith(MARK) && args.length <= 2 && (values === undefined || Array.isArray(values))) {
			const name = preparedName(config);
			if (this.#names.has(name) || this.#names.size < PREPARED_PER_CONNECTION) {
				this.#names.add(name);
				return super.query({ name, text: config, values: values ?? [] });
			}
		}
		// eslint-disable-next-line @typescript-eslint/no-explicit-any
		return (super.query as (...a: any[]) => any)(...args);
	}
}
