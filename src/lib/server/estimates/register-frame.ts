import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { prepared } from '../db/prepared';
import type { MonthKey } from '../../sipas/calendar';
import type { Scope } from '../scope/scope';

/** One cell of one month: frame dossiers, and of those the ones with a response (§8). */
export interface FrameCell {
	frame: number;
	responded: number;
}

/**
 * The frame of SIPAS.md §7: the register's dossiers whose result was returned in a month
 * (Asia/Ho_Chi_Minh) and that fall in the scope, counted per cell (channel, procedure field).
 * Counts only; no dossier leaves this query. Every dossier of the register has its invitation, so
 * the same counts give the response rate of §8 (invited = frame, responded = with a response,
 * whenever submitted), narrowed to the scope like the frame.
 *
 * The scope narrows the register as it narrows the responses: a unit by the dossier's unit, a
 * counter by the dossier's counter, a procedure field and a channel by the dossier's own. The
 * response source (online or paper) says nothing about a dossier and is ignored.
 *
 * Read from register_months (migration 012), a few hundred rows, never the dossiers themselves.
 */
export async function readFrameCounts(
	db: Kysely<Database>,
	scope: Scope,
	from: MonthKey,
	to: MonthKey
): Promise<Map<MonthKey, Map<string, FrameCell>>> {
	// Narrowing a register_months row (m) and a dossier (d) alike: both carry the same key columns.
	const narrowed = (alias: 'm' | 'd') => {
		const ref = (column: string) => sql.ref(`${alias}.${column}`);
		const conditions = [sql`${ref('agency_id')} = ${scope.agencyId}`];
		if (scope.unitId !== undefined) conditions.push(sql`${ref('unit_id')} = ${scope.unitId}`);
		if (scope.counterId !== undefined) conditions.push(sql`${ref('counter_id')} = ${scope.counterId}`);
		if (scope.procedureFieldId !== undefined) conditions.push(sql`${ref('procedure_field_id')} = ${scope.procedureFieldId}`);
		if (scope.channel !== undefined) conditions.push(sql`${ref('channel')} = ${scope.channel}`);
		return sql.join(conditions, sql` and `);
	};
	const first = `${from}-01`;
	const last = `${to}-01`;
	// The register's counts (sums/register-months.ts), plus the responded of responses the folder
	// has not folded yet: found through the partial index of unfolded responses, a few at most.
	const { rows } = await prepared(sql<{ month: string; channel: string; field: number; frame: number; responded: number }>`
		select to_char(c.month, 'YYYY-MM') as month, c.channel, c.procedure_field_id as field,
			sum(c.dossiers)::int as frame, sum(c.responded)::int as responded
		from (
			select m.month, m.channel, m.procedure_field_id, m.dossiers, m.responded
			from register_months m
			where ${narrowed('m')} and m.month between ${first}::date and ${last}::date
			union all
			select date_trunc('month', d.returned_at at time zone 'Asia/Ho_Chi_Minh')::date, d.channel, d.procedure_field_id, 0, 1
			from responses r join dossiers d on d.id = r.dossier_id
			where not r.folded and r.agency_id = ${scope.agencyId} and r.dossier_id is not null and ${narrowed('d')}
				and d.returned_at >= (${first}::date)::timestamp at time zone 'Asia/Ho_Chi_Minh'
				and d.returned_at < ((${last}::date + interval '1 month')::timestamp at time zone 'Asia/Ho_Chi_Minh')
		) c
		group by c.month, c.channel, c.procedure_field_id
		having sum(c.dossiers) > 0`).execute(db);
	const byMonth = new Map<MonthKey, Map<string, FrameCell>>();
	for (const row of rows) {
		let cells = byMonth.get(row.month);
		if (!cells) byMonth.set(row.month, (cells = new Map()));
		cells.set(`${row.channel}|${row.field}`, { frame: Number(row.frame), responded: Number(row.responded) });
	}
	return byMonth;
}
