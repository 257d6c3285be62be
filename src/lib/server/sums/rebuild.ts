import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { addMonths, monthsBetween, startOfLocalMonth, type MonthKey } from '../../sipas/calendar';
import { insertSumsQuery } from './write-sums';

export interface RebuildResult {
	/** Responses whose answers were summed. */
	responses: number;
	estimateRows: number;
	criterionRows: number;
	ms: number;
}

/**
 * Recomputes estimate_sums and criterion_sums from raw answers, for one agency or for all: deletes
 * the old rows and writes new ones from the same column expressions applyToSums uses, one month
 * of responses at a time (so each statement groups in memory), in one transaction.
 *
 * The sums tables are locked for the duration, so a response submitted meanwhile is either
 * committed before the rebuild reads the responses, or adds its sums after the rebuild commits —
 * never counted twice or lost. Submissions wait for the rebuild; so do reports when every agency is
 * rebuilt (the tables are truncated), not when one is (its rows are deleted; reads go on). The
 * demo's 20,000 responses take about 15 s on the embedded PGlite; a million about 2–3 minutes on
 * Postgres.
 */
export async function rebuildSums(
	db: Kysely<Database>,
	agencyId?: number,
	options: { onMonth?: (month: MonthKey) => void } = {}
): Promise<RebuildResult> {
	const started = performance.now();
	return db.transaction().execute(async (trx) => {
		await sql`lock table estimate_sums, criterion_sums in exclusive mode`.execute(trx);
		// A month of a large agency groups a few million answers: room to do it in memory. Compiling
		// these wide statements with JIT costs seconds each and saves nothing.
		await sql`set local work_mem = '256MB'`.execute(trx);
		await sql`set local jit = off`.execute(trx);
		// Every row written derives from responses, whose own foreign keys name the same agency,
		// counter and procedure field, so the sums' foreign-key checks (three per row, most of the
		// time on the embedded PGlite) prove nothing new. Only a superuser may skip them; others
		// simply pay for them.
		const { rows } = await sql<{ superuser: boolean }>`select current_setting('is_superuser') = 'on' as superuser`.execute(trx);
		if (rows[0]?.superuser) await sql`set local session_replication_role = replica`.execute(trx);

		// Fresh statistics (a sample, quick even on millions of rows), so that each month's responses
		// are read through the indexes rather than by scanning every answer once per month. A
		// database just filled by a seed or an import has none yet.
		await sql`analyze responses, answers, criteria`.execute(trx);

		if (agencyId === undefined) {
			// Everything: emptying the tables outright is instant and leaves no dead rows behind,
			// but it also makes reports wait (ACCESS EXCLUSIVE) until the rebuild commits.
			await sql`truncate estimate_sums, criterion_sums`.execute(trx);
		} else {
			await trx.deleteFrom('estimate_sums').where('agency_id', '=', agencyId).execute();
			await trx.deleteFrom('criterion_sums').where('agency_id', '=', agencyId).execute();
		}

		// One agency and month at a time: each statement reads its responses through the
		// (agency_id, submitted_at) index and groups them in memory.
		for (const { agency, month } of await monthsWithResponses(trx, agencyId)) {
			const from = startOfLocalMonth(month);
			const until = startOfLocalMonth(addMonths(month, 1));
			const filter = sql`r.agency_id = ${agency} and r.submitted_at >= ${from}::timestamptz and r.submitted_at < ${until}::timestamptz`;
			await insertSumsQuery(filter).execute(trx);
			options.onMonth?.(month);
		}

		const count = async (table: 'estimate_sums' | 'criterion_sums' | 'responses') => {
			let query = trx.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n'));
			if (agencyId !== undefined) query = query.where('agency_id', '=', agencyId);
			return Number((await query.executeTakeFirstOrThrow()).n);
		};
		return {
			responses: await count('responses'),
			estimateRows: await count('estimate_sums'),
			criterionRows: await count('criterion_sums'),
			ms: Math.round(performance.now() - started)
		};
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
