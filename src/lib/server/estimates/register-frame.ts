import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';
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
 */
export async function readFrameCounts(
	db: Kysely<Database>,
	scope: Scope,
	from: MonthKey,
	to: MonthKey
): Promise<Map<MonthKey, Map<string, FrameCell>>> {
	const conditions = [
		sql`d.agency_id = ${scope.agencyId}`,
		sql`d.returned_at >= (${`${from}-01`}::date)::timestamp at time zone 'Asia/Ho_Chi_Minh'`,
		sql`d.returned_at < ((${`${to}-01`}::date + interval '1 month')::timestamp at time zone 'Asia/Ho_Chi_Minh')`
	];
	if (scope.unitId !== undefined) conditions.push(sql`d.unit_id = ${scope.unitId}`);
	if (scope.counterId !== undefined) conditions.push(sql`d.counter_id = ${scope.counterId}`);
	if (scope.procedureFieldId !== undefined) conditions.push(sql`d.procedure_field_id = ${scope.procedureFieldId}`);
	if (scope.channel !== undefined) conditions.push(sql`d.channel = ${scope.channel}`);
	const where = sql.join(conditions, sql` and `);
	const month = sql`to_char(d.returned_at at time zone 'Asia/Ho_Chi_Minh', 'YYYY-MM')`;
	const cell = sql`d.channel || '|' || d.procedure_field_id::text`;
	// Two aggregates side by side: the frame from the register alone (its agency/returned_at index),
	// and the responded from the linked responses only (few), rather than probing responses once
	// per dossier.
	const [frame, responded] = await Promise.all([
		sql<{ month: string; cell: string; n: number }>`
			select ${month} as month, ${cell} as cell, count(*)::int as n
			from dossiers d where ${where} group by 1, 2`.execute(db),
		sql<{ month: string; cell: string; n: number }>`
			select ${month} as month, ${cell} as cell, count(*)::int as n
			from responses r join dossiers d on d.id = r.dossier_id
			where r.dossier_id is not null and ${where} group by 1, 2`.execute(db)
	]);
	const respondedBy = new Map(responded.rows.map((row) => [`${row.month}#${row.cell}`, Number(row.n)]));
	const rows = frame.rows.map((row) => ({ month: row.month, cell: row.cell, frame: Number(row.n), responded: respondedBy.get(`${row.month}#${row.cell}`) ?? 0 }));
	const byMonth = new Map<MonthKey, Map<string, FrameCell>>();
	for (const row of rows) {
		let cells = byMonth.get(row.month);
		if (!cells) byMonth.set(row.month, (cells = new Map()));
		cells.set(row.cell, { frame: Number(row.frame), responded: Number(row.responded) });
	}
	return byMonth;
}
