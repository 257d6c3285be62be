import { sql, type Kysely } from 'kysely';
import { z } from 'zod';
import { ratesBy, ratesByPeriod, type RateCell, type RateCount } from '../../sipas/response-rate';
import type { Database } from '../db/schema';
import { monthsBetween } from '../../sipas/calendar';

/**
 * Response rates (SIPAS.md §8) of one agency: dossiers returned in each month (Asia/Ho_Chi_Minh)
 * — every dossier of the register has an invitation — and how many have a response. The database
 * groups by month, channel, field and unit; src/lib/sipas/response-rate.ts does the rest. Counts
 * only: nothing here links a response to its dossier for a reader.
 */
export async function rateCells(db: Kysely<Database>, agencyId: number, from: string, to: string): Promise<RateCell[]> {
	const { rows } = await sql<{ period: string; channel: RateCell['channel']; procedure_field_id: number; unit_id: number; invited: number; responded: number }>`
		select to_char(d.returned_at at time zone 'Asia/Ho_Chi_Minh', 'YYYY-MM') as period, d.channel, d.procedure_field_id, d.unit_id,
			count(*)::int as invited, count(r.id)::int as responded
		from dossiers d
		left join responses r on r.dossier_id = d.id
		where d.agency_id = ${agencyId}
			and d.returned_at >= (${`${from}-01`}::date)::timestamp at time zone 'Asia/Ho_Chi_Minh'
			and d.returned_at < ((${`${to}-01`}::date + interval '1 month')::timestamp at time zone 'Asia/Ho_Chi_Minh')
		group by 1, 2, 3, 4
		order by 1, 2, 3, 4`.execute(db);
	return rows.map((r) => ({ period: r.period, channel: r.channel, procedureFieldId: r.procedure_field_id, unitId: r.unit_id, invited: r.invited, responded: r.responded }));
}

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month written YYYY-MM, e.g. 2024-07');
export const ratesQuery = z
	.object({ from: month, to: month })
	.strict()
	.refine((q) => q.from <= q.to, { message: 'must not be after to', path: ['from'] })
	.refine((q) => q.from > q.to || monthsBetween(q.from, q.to).length <= 60, { message: 'must be at most 60 months from from', path: ['to'] });

/** GET /api/v1/agencies/{agency}/response-rates: the answer, or 400 with what is wrong with the query. */
export async function responseRatesResponse(db: Kysely<Database>, agency: { id: number; code: string }, params: URLSearchParams) {
	const parsed = ratesQuery.safeParse(Object.fromEntries(params));
	if (!parsed.success) {
		const issue = parsed.error.issues[0]!;
		return { status: 400, body: { error: `${issue.path.join('.') || 'query'}: ${issue.message}` } };
	}
	const { from, to } = parsed.data;
	const cells = await rateCells(db, agency.id, from, to);
	return { status: 200, body: { agency: agency.code, periods: ratesByPeriod(cells, monthsBetween(from, to)) } };
}

export interface RateSummary {
	total: RateCount;
	byChannel: { channel: RateCell['channel']; count: RateCount }[];
	byField: { name: string; count: RateCount }[];
	byUnit: { name: string; count: RateCount }[];
}

/** The dashboard's panel: one range, split by channel, procedure field and unit. */
export async function rateSummary(db: Kysely<Database>, agencyId: number, from: string, to: string): Promise<RateSummary> {
	const [cells, fields, units] = await Promise.all([
		rateCells(db, agencyId, from, to),
		db.selectFrom('procedure_fields').select(['id', 'name']).where('agency_id', '=', agencyId).orderBy('name').execute(),
		db.selectFrom('units').select(['id', 'name']).where('agency_id', '=', agencyId).orderBy('name').execute()
	]);
	const all = ratesBy(cells.map((c) => ({ ...c, channel: c.channel })), 'channel');
	const byField = ratesBy(cells, 'procedureFieldId');
	const byUnit = ratesBy(cells, 'unitId');
	const invited = cells.reduce((n, c) => n + c.invited, 0);
	const responded = cells.reduce((n, c) => n + c.responded, 0);
	return {
		total: { invited, responded, rate: invited ? responded / invited : null },
		byChannel: (['in_person', 'online', 'postal'] as const).flatMap((channel) => (all.has(channel) ? [{ channel, count: all.get(channel)! }] : [])),
		byField: fields.flatMap((f) => (byField.has(f.id) ? [{ name: f.name, count: byField.get(f.id)! }] : [])),
		byUnit: units.flatMap((u) => (byUnit.has(u.id) ? [{ name: u.name, count: byUnit.get(u.id)! }] : []))
	};
}
