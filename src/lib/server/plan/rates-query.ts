import { sql, type Kysely } from 'kysely';
import { monthSpan, type RateCell, type RateKind } from '../../plan/rates';
import type { MonthKey } from '../../sipas/calendar';
import type { Database } from '../db/schema';

/**
 * The register's counts behind the plan's rates (src/lib/plan/rates.ts says what each rate is),
 * one aggregate pass per month basis over the dossiers of one agency, grouped by Asia/Ho_Chi_Minh
 * month, unit and procedure field. On time is counted in the month of return, the flags in the
 * month of receipt. A NULL flag is counted as unknown, never as "no".
 */
export async function rateCells(db: Kysely<Database>, agencyId: number, from: MonthKey, to: MonthKey): Promise<RateCell[]> {
	const { start, end } = monthSpan(from, to);
	const returned = await sql<{ month: string; unit_id: number; procedure_field_id: number; num: number; den: number; unknown: number }>`
		select to_char(returned_at at time zone 'Asia/Ho_Chi_Minh', 'YYYY-MM') as month, unit_id, procedure_field_id,
			count(*) filter (where due_at is not null and returned_at <= due_at)::int as num,
			count(*) filter (where due_at is not null)::int as den,
			count(*) filter (where due_at is null)::int as unknown
		from dossiers
		where agency_id = ${agencyId} and returned_at >= ${start} and returned_at < ${end}
		group by 1, 2, 3`.execute(db);
	const received = await sql<{
		month: string;
		unit_id: number;
		procedure_field_id: number;
		synced_num: number; synced_den: number; synced_unknown: number;
		digitised_num: number; digitised_den: number; digitised_unknown: number;
		full_num: number; full_den: number; full_unknown: number;
		paid_num: number; paid_den: number; paid_unknown: number;
	}>`
		select to_char(received_at at time zone 'Asia/Ho_Chi_Minh', 'YYYY-MM') as month, unit_id, procedure_field_id,
			count(*) filter (where synced_national)::int as synced_num,
			count(synced_national)::int as synced_den,
			count(*) filter (where synced_national is null)::int as synced_unknown,
			count(*) filter (where digitised)::int as digitised_num,
			count(digitised)::int as digitised_den,
			count(*) filter (where digitised is null)::int as digitised_unknown,
			count(*) filter (where full_online_service and channel = 'online')::int as full_num,
			count(*) filter (where full_online_service)::int as full_den,
			count(*) filter (where full_online_service is null)::int as full_unknown,
			count(*) filter (where fee_required and paid_online)::int as paid_num,
			count(*) filter (where fee_required and paid_online is not null)::int as paid_den,
			count(*) filter (where fee_required is null or (fee_required and paid_online is null))::int as paid_unknown
		from dossiers
		where agency_id = ${agencyId} and received_at >= ${start} and received_at < ${end}
		group by 1, 2, 3`.execute(db);

	const cells: RateCell[] = [];
	const key = (r: { month: string; unit_id: number; procedure_field_id: number }) => ({ month: r.month, unitId: r.unit_id, procedureFieldId: r.procedure_field_id });
	for (const r of returned.rows) cells.push({ kind: 'on_time', ...key(r), numerator: r.num, denominator: r.den, unknown: r.unknown });
	const flags: [RateKind, 'synced' | 'digitised' | 'full' | 'paid'][] = [
		['synced', 'synced'],
		['digitised', 'digitised'],
		['full_online', 'full'],
		['paid_online', 'paid']
	];
	for (const r of received.rows) {
		for (const [kind, prefix] of flags) {
			cells.push({ kind, ...key(r), numerator: r[`${prefix}_num`], denominator: r[`${prefix}_den`], unknown: r[`${prefix}_unknown`] });
		}
	}
	return cells;
}
