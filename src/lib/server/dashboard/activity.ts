import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { daysBetween, monthsBetween, type DayKey, type MonthKey } from '../../sipas/calendar';
import type { ResolvedPeriod } from '../estimates';
import type { Scope } from '../scope/scope';
import { COUNTED_CRITERIA, criterionColumn } from '../sums/columns';
import { dailySource, monthGrain, monthsCondition, scopeCondition, sumsSource } from '../sums/read-sums';

/**
 * How many responses came in, per day of a period, from daily_counts (one indexed read; never the
 * responses table but for the unfolded tail, see read-sums.ts). Every day of the period is listed, with 0 where
 * nothing came, so a chart's gaps are real gaps.
 */
export async function responsesPerDay(db: Kysely<Database>, scope: Scope, period: ResolvedPeriod): Promise<{ day: DayKey; responses: number }[]> {
	const { rows } = await sql<{ day: string; responses: number | string }>`
		select to_char(s.day, 'YYYY-MM-DD') as day, sum(s.responses) as responses
		from ${await dailySource(db, scope)} s
		where ${scopeCondition(scope)}
			and s.day between ${period.first}::date and ${period.last}::date
		group by s.day`.execute(db);
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
 * rows of estimate_sums, one query), every month listed. What the criterion trends show; the
 * share and its interval come from src/lib/sipas's estimateCriterion.
 */
export async function criterionMonths(db: Kysely<Database>, scope: Scope, from: MonthKey, to: MonthKey): Promise<Map<string, CriterionMonth[]>> {
	const column = (key: string, count: string) => `s.${criterionColumn(key, count as 'v1')}`;
	const totals = sql.raw(
		COUNTED_CRITERIA.flatMap(({ key, column: code }) => [
			`sum(${['v1', 'v2', 'v3', 'v4', 'v5'].map((c) => column(key, c)).join(' + ')}) as ${code}_n`,
			`sum(${column(key, 'v4')} + ${column(key, 'v5')}) as ${code}_s`
		]).join(',\n\t\t\t')
	);
	const { rows } = await sql<Record<string, number | string | null> & { month: string }>`
		select to_char(s.period_start, 'YYYY-MM') as month,
			${totals}
		from ${await sumsSource(db, scope)} s
		where ${scopeCondition(scope)}
			and ${monthsCondition(from, to, monthGrain(scope))}
		group by s.period_start`.execute(db);
	const months = monthsBetween(from, to);
	const byMonth = new Map(rows.map((row) => [row.month, row]));
	const result = new Map<string, CriterionMonth[]>();
	for (const { key, column: code } of COUNTED_CRITERIA) {
		const series = months.map((month) => {
			const row = byMonth.get(month);
			return { month, n: Number(row?.[`${code}_n`] ?? 0), satisfied: Number(row?.[`${code}_s`] ?? 0) };
		});
		// A criterion never answered in these months is absent, as before (no rows, no trend).
		if (series.some((m) => m.n > 0)) result.set(key, series);
	}
	return result;
}
