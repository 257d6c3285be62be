import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { daysBetween, monthsBetween, type DayKey, type MonthKey } from '../../sipas/calendar';
import type { ResolvedPeriod } from '../estimates';
import type { Scope } from '../scope/scope';
import { scopeCondition } from '../sums/read-sums';

/**
 * How many responses came in, per day of a period, from the day rows of estimate_sums (one
 * indexed read; never the responses table). Every day of the period is listed, with 0 where
 * nothing came, so a chart's gaps are real gaps.
 */
export async function responsesPerDay(db: Kysely<Database>, scope: Scope, period: ResolvedPeriod): Promise<{ day: DayKey; responses: number }[]> {
	const { rows } = await sql<{ day: string; responses: number | string }>`
		select to_char(s.period_start, 'YYYY-MM-DD') as day, sum(s.responses) as responses
		from estimate_sums s
		where ${scopeCondition(scope)}
			and s.grain = 'day' and s.period_start between ${period.first}::date and ${period.last}::date
		group by s.period_start`.execute(db);
	const counted = new Map(rows.map((row) => [row.day, Number(row.responses)]));
	return daysBetween(period.first, period.last).map((day) => ({ day, responses: counted.get(day) ?? 0 }));
}

export interface CriterionMonth {
	month: MonthKey;
	/** Answered 1–5. */
	n: number;
	/** Answered 4 or 5. */
	satisfied: number;
}

/**
 * Per criterion key, its answered and satisfied counts in each month from `from` to `to` (month
 * rows of criterion_sums, one query), every month listed. What the criterion trends show; the
 * share and its interval come from src/lib/sipas's estimateCriterion.
 */
export async function criterionMonths(db: Kysely<Database>, scope: Scope, from: MonthKey, to: MonthKey): Promise<Map<string, CriterionMonth[]>> {
	const { rows } = await sql<{ month: string; criterion_key: string; n: number | string; satisfied: number | string }>`
		select to_char(s.period_start, 'YYYY-MM') as month, s.criterion_key,
			sum(s.v1 + s.v2 + s.v3 + s.v4 + s.v5) as n, sum(s.v4 + s.v5) as satisfied
		from criterion_sums s
		where ${scopeCondition(scope)}
			and s.grain = 'month' and s.period_start between ${`${from}-01`}::date and ${`${to}-01`}::date
		group by 1, 2`.execute(db);
	const months = monthsBetween(from, to);
	const byKey = new Map<string, Map<string, CriterionMonth>>();
	for (const row of rows) {
		const perMonth = byKey.get(row.criterion_key) ?? byKey.set(row.criterion_key, new Map()).get(row.criterion_key)!;
		perMonth.set(row.month, { month: row.month, n: Number(row.n), satisfied: Number(row.satisfied) });
	}
	return new Map(
		[...byKey].map(([key, perMonth]) => [key, months.map((month) => perMonth.get(month) ?? { month, n: 0, satisfied: 0 })])
	);
}
