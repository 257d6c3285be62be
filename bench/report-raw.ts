/**
 * The baseline of the report benchmark: the same monthly numbers computed the straightforward way,
 * by one SQL aggregation over raw answers (no pre-aggregated sums), with SIPAS.md §4 written
 * literally — per response y and m, p = Σy/Σm, residuals e = y − p·m, z_r = (1/D)·Σ e/M — and
 * finished in JS with src/lib/sipas (interval at the effective sample size, status, change).
 */
import { sql, type Kysely } from 'kysely';
import { INDEXES, intervalFromVariance, type DimensionEstimate, type IndexEstimate } from '../src/lib/sipas';
import type { Database } from '../src/lib/server/db/schema';
import type { ApiPeriod } from '../src/lib/server/report/estimates-api';
import { judgedCell, plainCell } from '../src/lib/server/estimates/cells';
import { CODED_DIMENSIONS, CODED_INDEXES } from '../src/lib/server/sums/columns';
import { goalsForYear, loadGoals } from '../src/lib/server/goals/load-goals';
import { addMonths, startOfLocalMonth, type MonthKey } from '../src/lib/sipas/calendar';

type Row = Record<string, number | string | null>;

/** The raw-answer query for months `from`…`to` of the agency, or of one counter. */
function rawQuery(agencyId: number, counterId: number | null, from: MonthKey, to: MonthKey) {
	const codes = CODED_DIMENSIONS.map((d) => d.code);
	const perResponse = CODED_DIMENSIONS.flatMap(({ key, code }) => [
		`count(*) filter (where c.dimension_key = '${key}' and a.value between 1 and 5) as ${code}_m`,
		`count(*) filter (where c.dimension_key = '${key}' and a.value >= 4) as ${code}_y`
	]);
	const shares = codes.flatMap((d) => [
		`count(*) filter (where ${d}_m > 0) as ${d}_n`,
		`sum(${d}_m)::float8 as ${d}_total_m`,
		`sum(${d}_y)::float8 / nullif(sum(${d}_m), 0) as ${d}_p`
	]);
	const residual = (d: string) => `(r.${d}_y - s.${d}_p * r.${d}_m)`;
	const residuals = [
		...codes.map((d) => `sum(${residual(d)} ^ 2) as ${d}_e2`),
		...CODED_INDEXES.flatMap(({ key, codes: dims }) => [
			`count(*) filter (where ${dims.map((d) => `r.${d}_m`).join(' + ')} > 0) as ${key}_n`,
			`sum(((${dims.map((d) => `${residual(d)} / nullif(s.${d}_total_m, 0)`).join(' + ')}) / ${dims.length}) ^ 2) as ${key}_z2`
		])
	];
	const counter = counterId === null ? sql`` : sql`and r.counter_id = ${counterId}`;
	return sql<Row>`
		with per_response as materialized (
			select to_char(r.submitted_at at time zone 'Asia/Ho_Chi_Minh', 'YYYY-MM') as month,
				${sql.raw(perResponse.join(',\n\t\t\t\t'))}
			from responses r
			left join answers a on a.response_id = r.id
			left join criteria c on c.id = a.criterion_id
			where r.agency_id = ${agencyId} and not (r.flagged_spam or r.flagged_misuse) ${counter}
				and r.submitted_at >= ${startOfLocalMonth(from)}::timestamptz
				and r.submitted_at < ${startOfLocalMonth(addMonths(to, 1))}::timestamptz
			group by r.id
		),
		shares as (
			select month, count(*) as responses, ${sql.raw(shares.join(', '))}
			from per_response group by month
		),
		residuals as (
			select r.month, ${sql.raw(residuals.join(', '))}
			from per_response r join shares s on s.month = r.month
			group by r.month
		)
		select * from shares join residuals using (month) order by month`;
}

const num = (row: Row, column: string) => (row[column] === null ? null : Number(row[column]));

/** V_d = n/(n−1)·Σe²/M², interval W(p, n*) — §4 as written. */
function dimensionFrom(row: Row, code: string): DimensionEstimate {
	const n = num(row, `${code}_n`)!;
	const p = num(row, `${code}_p`);
	if (n === 0 || p === null) return { p: null, n, variance: null, effectiveN: null, interval: null };
	if (n < 2) return { p, n, variance: null, effectiveN: null, interval: null };
	const M = num(row, `${code}_total_m`)!;
	const variance = ((n / (n - 1)) * num(row, `${code}_e2`)!) / (M * M);
	return { p, n, variance, ...intervalFromVariance(p, n, variance) };
}

/** O = mean of p_d; V_O = n/(n−1)·Σz²; interval W(O, n*). */
function indexFrom(row: Row, key: string, codes: readonly string[], keys: readonly string[]): IndexEstimate {
	const n = num(row, `${key}_n`)!;
	const missingDimensions = keys.filter((_, i) => num(row, `${codes[i]}_p`) === null);
	if (missingDimensions.length) return { p: null, n, variance: null, effectiveN: null, interval: null, missingDimensions };
	const p = codes.reduce((total, code) => total + num(row, `${code}_p`)!, 0) / codes.length;
	if (n < 2) return { p, n, variance: null, effectiveN: null, interval: null, missingDimensions: [] };
	const variance = (n / (n - 1)) * num(row, `${key}_z2`)!;
	return { p, n, variance, ...intervalFromVariance(p, n, variance), missingDimensions: [] };
}

/** Each month from `from` to `to` computed from raw answers, in the API's shape. */
export async function rawMonthlyReport(
	db: Kysely<Database>,
	agencyId: number,
	counterId: number | null,
	from: MonthKey,
	to: MonthKey,
	minimumSample: number
): Promise<ApiPeriod[]> {
	const [{ rows }, goals] = await Promise.all([rawQuery(agencyId, counterId, from, to).execute(db), loadGoals(db, agencyId)]);
	return rows.map((row) => {
		const forYear = goalsForYear(goals, Number(String(row.month).slice(0, 4)));
		const cell = (estimate: DimensionEstimate, key: keyof typeof forYear.baseline) =>
			plainCell(judgedCell(estimate, forYear.baseline[key], forYear.target[key], minimumSample));
		const indexes = Object.fromEntries(
			INDEXES.map((index) => {
				const codes = CODED_INDEXES.find((i) => i.key === index.key)!.codes;
				return [index.key, cell(indexFrom(row, index.key, codes, index.dimensions), index.key)];
			})
		);
		return {
			period: String(row.month),
			dimensions: Object.fromEntries(CODED_DIMENSIONS.map(({ key, code }) => [key, cell(dimensionFrom(row, code), key)])),
			overall: indexes.overall!,
			service: indexes.service!,
			policy: indexes.policy!
		};
	});
}
