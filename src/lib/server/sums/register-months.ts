import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../db/schema';
import { lockRegister, tryLockRegister } from '../dossiers/store';

/**
 * register_months (migration 012): the dossier register counted per Asia/Ho_Chi_Minh month of
 * return and cell, with how many of those dossiers have a folded response. Triggers on dossiers
 * keep the dossier counts; this file keeps the responded counts as responses are folded, and
 * rebuilds the whole table. Reads: estimates/register-frame.ts.
 *
 * Why the register's advisory lock: a dossier's cell (its month, unit, counter, field, channel)
 * changes only in a register write, which holds that lock (dossiers/store.ts). Folding a response
 * reads its dossier's cell; holding the lock meanwhile means no register write can move the dossier
 * between the read and the commit, and a register write that follows sees the response folded
 * (the trigger then moves it with its dossier). The folder only tries the lock: while an import
 * runs, that agency's responses with a dossier wait for the next batch (a report counts them in
 * its tail meanwhile), and the folder never waits for an import nor deadlocks with one.
 */

/**
 * The ids that can be folded now, of the responses given (locked by the caller): without those with
 * a dossier of an agency whose register is being written. `linked`: whether any kept one has a
 * dossier (foldResponded has work). No query unless some response has a dossier.
 */
export async function foldableNow(
	trx: Kysely<Database>,
	responses: readonly { id: number; agency_id: number; linked: boolean }[]
): Promise<{ ids: number[]; linked: boolean }> {
	const agencies = [...new Set(responses.filter((r) => r.linked).map((r) => r.agency_id))].sort((a, b) => a - b);
	const busy = new Set<number>();
	for (const agency of agencies) if (!(await tryLockRegister(trx, agency))) busy.add(agency);
	const kept = responses.filter((r) => !(r.linked && busy.has(r.agency_id)));
	return { ids: kept.map((r) => Number(r.id)), linked: kept.some((r) => r.linked) };
}

/** A dossier's key columns in register_months, from a row aliased d. */
const MONTH_OF_RETURN = sql`date_trunc('month', d.returned_at at time zone 'Asia/Ho_Chi_Minh')::date`;

/** Adds (sign 1) or takes away (−1) the dossiers of these responses as responded, in the caller's transaction. */
export async function foldResponded(trx: Kysely<Database>, responseIds: readonly number[], sign: 1 | -1): Promise<void> {
	await upsertCounts(
		trx,
		sql`
			select d.agency_id, ${MONTH_OF_RETURN} as month, d.unit_id, d.counter_id, d.procedure_field_id, d.channel,
				0 as dossiers, ${sign}::int * count(*)::int as responded
			from responses r join dossiers d on d.id = r.dossier_id
			where r.id = any(${[...responseIds]}::bigint[]) and d.returned_at is not null
			group by 1, 2, 3, 4, 5, 6`
	);
}

/**
 * Recomputes register_months from the register and the folded responses, for one agency or all,
 * under each agency's register lock (waiting for an import to finish; a rebuild's caller holds the
 * folder's lock, so no response is folded meanwhile).
 */
export async function rebuildRegisterMonths(db: Kysely<Database>, agencyId?: number): Promise<number> {
	return db.transaction().execute(async (trx) => {
		const agencies =
			agencyId === undefined ? (await trx.selectFrom('agencies').select('id').orderBy('id').execute()).map((a) => a.id) : [agencyId];
		for (const id of agencies) await lockRegister(trx, id);
		await sql`delete from register_months where agency_id = any(${agencies}::int[])`.execute(trx);
		await upsertCounts(
			trx,
			sql`
				select d.agency_id, ${MONTH_OF_RETURN} as month, d.unit_id, d.counter_id, d.procedure_field_id, d.channel,
					count(*)::int as dossiers,
					count(*) filter (where exists (select 1 from responses r where r.dossier_id = d.id and r.folded))::int as responded
				from dossiers d
				where d.agency_id = any(${agencies}::int[]) and d.returned_at is not null
				group by 1, 2, 3, 4, 5, 6`
		);
		const { rows } = await sql<{ n: number }>`select count(*)::int as n from register_months where agency_id = any(${agencies}::int[])`.execute(trx);
		return rows[0]?.n ?? 0;
	});
}

/** Adds counts (rows of the key columns, dossiers, responded) to register_months, in key order (no deadlock between two writers). */
async function upsertCounts(trx: Kysely<Database>, counts: RawBuilder<unknown>): Promise<void> {
	await sql`
		insert into register_months as t (agency_id, month, unit_id, counter_id, procedure_field_id, channel, dossiers, responded)
		select * from (${counts}) c order by 1, 2, 3, 4, 5, 6
		on conflict (agency_id, month, unit_id, counter_id, procedure_field_id, channel) do update
		set dossiers = t.dossiers + excluded.dossiers, responded = t.responded + excluded.responded`.execute(trx);
}
