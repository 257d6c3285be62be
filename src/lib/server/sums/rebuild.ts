import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { addMonths, monthsBetween, startOfLocalMonth, type MonthKey } from '../../sipas/calendar';
import { foldSumsQuery } from './write-sums';
import { FOLDER_LOCK } from './folder';
import { foldResponded, rebuildRegisterMonths } from './register-months';

export interface RebuildResult {
	/** Responses whose answers were summed. */
	responses: number;
	/** Rows of estimate_sums (day and month) and of daily_counts written. */
	estimateRows: number;
	dailyRows: number;
	/** Rows of register_months (the register per month and cell) written. */
	registerRows: number;
	ms: number;
}

/**
 * Recomputes estimate_sums and daily_counts from raw answers, for one agency or for all: deletes the
 * old rows and writes new ones with the statement the folder uses, one month of responses at a time
 * (so each statement groups in memory), and marks every response folded — all in one transaction.
 * Then register_months from the register (waiting for a register import in progress, if any).
 *
 * Nothing waits for it. Submissions only insert responses; reports keep reading the old rows until
 * it commits. It holds the folder's lock (no batch folds meanwhile) and reads one snapshot
 * (REPEATABLE READ): the responses it sums are exactly those it marks folded, and one submitted
 * meanwhile stays unfolded for the folder. A moderator changing a response it read makes it fail
 * with a serialization error; it then starts again (at most three times).
 */
export async function rebuildSums(
	db: Kysely<Database>,
	agencyId?: number,
	options: RebuildOptions = {}
): Promise<RebuildResult> {
	for (let attempt = 1; ; attempt++) {
		try {
			const result = await rebuildOnce(db, agencyId, options);
			await vacuumResponses(db);
			return result;
		} catch (error) {
			if (attempt >= 3 || (error as { code?: string }).code !== '40001') throw error;
		}
	}
}

/**
 * After marking many responses folded at once (a rebuild, a paper import): the old row versions
 * are still in the partial index of unfolded responses (responses_unfolded_idx) until a vacuum,
 * and the statistics still say most responses are unfolded, so the planner would answer every
 * report's probe for a tail by scanning the agency's responses (200 ms at a million) rather than
 * through that index. VACUUM (ANALYZE) removes the old versions (only the pages just written are
 * visited) and brings the statistics up to date. Outside any transaction, as VACUUM must be; a
 * failure is left to autovacuum.
 */
export async function vacuumResponses(db: Kysely<Database>): Promise<void> {
	if (db.isTransaction) return;
	await sql`vacuum (analyze) responses`.execute(db).catch(() => undefined);
}

export interface RebuildOptions {
	onMonth?: (month: MonthKey) => void;
	/**
	 * Memory for each month's grouping (Postgres work_mem). The embedded PGlite gets less: its
	 * WebAssembly memory grows to its peak and never shrinks, so the process would keep it all.
	 */
	workMem?: '256MB' | '32MB';
}

async function rebuildOnce(db: Kysely<Database>, agencyId: number | undefined, options: RebuildOptions): Promise<RebuildResult> {
	const started = performance.now();
	// The folder's lock for the session, taken before the transaction, so that the snapshot is
	// taken after a batch in progress has committed (its rows are then in the snapshot, not in flight).
	return db.connection().execute(async (connection) => {
		await sql`select pg_advisory_lock(${FOLDER_LOCK})`.execute(connection);
		try {
			const sums = await connection.transaction().setIsolationLevel('repeatable read').execute(async (trx) => {
				// A month of a large agency groups a few million answers: room to do it in memory. Compiling
				// these wide statements with JIT costs seconds each and saves nothing.
				await sql`set local work_mem = ${sql.lit(options.workMem ?? '256MB')}`.execute(trx);
				await sql`set local jit = off`.execute(trx);
				// Every row written derives from responses, whose own foreign keys name the same agency,
				// counter and procedure field, so the sums' foreign-key checks prove nothing new. Only a
				// superuser may skip them; others simply pay for them.
				const { rows } = await sql<{ superuser: boolean }>`select current_setting('is_superuser') = 'on' as superuser`.execute(trx);
				if (rows[0]?.superuser) await sql`set local session_replication_role = replica`.execute(trx);

				// Fresh statistics (a sample, quick even on millions of rows), so that each month's responses
				// are read through the indexes rather than by scanning every answer once per month. A
				// database just filled by a seed or an import has none yet.
				await sql`analyze responses, answers, criteria`.execute(trx);

				const agency = agencyId === undefined ? sql`true` : sql`agency_id = ${agencyId}`;
				await sql`delete from estimate_sums where ${agency}`.execute(trx);
				await sql`delete from daily_counts where ${agency}`.execute(trx);

				// One agency and month at a time: each statement reads its responses through the
				// (agency_id, submitted_at) index and groups them in memory.
				for (const { agency: id, month } of await monthsWithResponses(trx, agencyId)) {
					const from = startOfLocalMonth(month);
					const until = startOfLocalMonth(addMonths(month, 1));
					const filter = sql`r.agency_id = ${id} and r.submitted_at >= ${from}::timestamptz and r.submitted_at < ${until}::timestamptz`;
					await foldSumsQuery(filter, 1).execute(trx);
					options.onMonth?.(month);
				}
				// Responses about to be marked folded that answer a dossier's invitation count as responded
				// from now on (register_months). Reading the dossiers in this snapshot is safe: a register
				// write committed since then has changed the same register_months rows, and this update
				// then fails with a serialization error (and the rebuild starts again).
				const { rows: linked } = await sql<{ id: number }>`
					select id from responses where not folded and dossier_id is not null and ${agency}`.execute(trx);
				if (linked.length) await foldResponded(trx, linked.map((row) => Number(row.id)), 1);
				await sql`update responses set folded = true where not folded and ${agency}`.execute(trx);

				const count = async (table: 'estimate_sums' | 'daily_counts' | 'responses') => {
					let query = trx.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n'));
					if (agencyId !== undefined) query = query.where('agency_id', '=', agencyId);
					return Number((await query.executeTakeFirstOrThrow()).n);
				};
				return {
					responses: await count('responses'),
					estimateRows: await count('estimate_sums'),
					dailyRows: await count('daily_counts')
				};
			});
			// The register's counts too, from scratch (rows written with triggers off, a repair); the
			// folder's lock is still held, so no response is folded meanwhile.
			const registerRows = await rebuildRegisterMonths(connection, agencyId);
			return { ...sums, registerRows, ms: Math.round(performance.now() - started) };
		} finally {
			await sql`select pg_advisory_unlock(${FOLDER_LOCK})`.execute(connection);
		}
	});
}

/** Per agency, every month (Asia/Ho_Chi_Minh) from its first response to its last. */
async function monthsWithResponses(trx: Kysely<Database>, agencyId?: number): Promise<{ agency: number; month: MonthKey }[]> {
	const agency = agencyId === undefined ? sql`true` : sql`agency_id = ${agencyId}`;
	const { rows } = await sql<{ agency_id: number; first: string; last: string }>`
		select agency_id,
			to_char(min(submitted_at) at time zone 'Asia/Ho_Chi_Minh', 'YYYY-MM') as first,
			to_char(max(submitted_at) at time zone 'Asia/Ho_Chi_Minh', 'YYYY-MM') as last
		from responses where ${agency}
		group by agency_id
		order by agency_id`.execute(trx);
	return rows.flatMap((row) => monthsBetween(row.first, row.last).map((month) => ({ agency: row.agency_id, month })));
}

/**
 * True when responses exist but no sums do: a database from before the sums existed, or filled by
 * a seed that wrote responses directly. Start-up rebuilds then, so reports are never silently empty.
 */
export async function sumsMissing(db: Kysely<Database>): Promise<boolean> {
	const { rows } = await sql<{ missing: boolean }>`
		select exists (select 1 from responses) and not exists (select 1 from estimate_sums) as missing`.execute(db);
	return rows[0]?.missing ?? false;
}
