import { sql, type RawBuilder } from 'kysely';
import {
	CODED_DIMENSIONS,
	CODED_INDEXES,
	COUNTED_CRITERIA,
	CRITERION_COUNT_COLUMNS,
	DIMENSION_PAIRS,
	KEY_COLUMNS,
	SUMS_COLUMNS,
	criterionColumn,
	dimensionColumn,
	indexColumn,
	pairColumn
} from './columns';

/**
 * The SQL that turns stored responses into rows of estimate_sums and daily_counts (SIPAS.md §4).
 * Set-based, one statement each: the per-response counts — y (satisfied) and m (answered) per
 * dimension, and each reference criterion's answer — come from one GROUP BY over the responses'
 * answers, and every sum is an aggregate of those.
 *
 * - sumsRowsQuery: the rows, as a subquery shaped like estimate_sums. Reports read it over the
 *   unfolded tail, beside the folded rows (read-sums.ts).
 * - foldSumsQuery: adds (sign 1) or takes away (sign −1) responses' rows: the folder, the paper
 *   import, moderation, and (into empty tables) the rebuild. Rows in key order, ON CONFLICT adding
 *   to the existing row, so concurrent writers lock shared rows in one order and cannot deadlock.
 *
 * The rendered SQL is kept beside this file in sql/ (write-sums.test.ts regenerates it). Identifiers
 * come only from the typed constants of columns.ts, so sql.raw is safe; filters and the sign are
 * bound parameters.
 */

const list = (items: readonly string[], separator = ',\n\t\t') => sql.raw(items.join(separator));
const KEYS = KEY_COLUMNS.join(', ');
const DAILY_KEYS = 'day, agency_id, counter_id, procedure_field_id, channel, source, excluded, verified';

/** The responses and the key their sums are kept under; the day is Asia/Ho_Chi_Minh's. */
function chosen(responseFilter: RawBuilder<unknown>): RawBuilder<unknown> {
	return sql`chosen as (
	select r.id, r.agency_id, r.counter_id, r.procedure_field_id, r.channel, r.source,
		r.flagged_misuse or r.flagged_spam as excluded,
		r.dossier_id is not null as verified,
		(r.submitted_at at time zone 'Asia/Ho_Chi_Minh')::date as day
	from responses r
	where ${responseFilter}
)`;
}

/**
 * One row per response: m and y per dimension, and per counted criterion its answer as a code
 * (1–5, 0 for N/A, -1 when skipped). N/A (NULL) and skipped criteria count in neither m nor y; a
 * response without answers has m = 0 everywhere and still counts in `responses`.
 */
const counted = sql`counted as (
	select chosen.id, chosen.day, chosen.agency_id, chosen.counter_id, chosen.procedure_field_id, chosen.channel,
		chosen.source, chosen.excluded, chosen.verified,
		${list(PER_RESPONSE_COUNTS())}
	from chosen
	left join (
		select a.response_id, c.dimension_key, c.key, a.value from answers a join criteria c on c.id = a.criterion_id
	) as a on a.response_id = chosen.id
	group by chosen.id, chosen.day, chosen.agency_id, chosen.counter_id, chosen.procedure_field_id, chosen.channel,
		chosen.source, chosen.excluded, chosen.verified
)`;

/**
 * estimate_sums rows of the chosen responses, in three grains, each value multiplied by `sign`:
 * month rows under the full key; cell rows, the month of the whole agency per channel, procedure
 * field and excluded (what agency-wide and weighted reports read); day rows under agency, counter
 * and excluded. Key columns a grain does not carry are NULL.
 */
function rows(sign: 1 | -1): RawBuilder<unknown> {
	// The sign is written into the text (one of two constants), so the only parameters are the filter's.
	const values = list(SUMS_COLUMNS.map((column) => `${sign === 1 ? '' : '-1 * '}${SUM_EXPRESSIONS[column]} as ${column}`));
	// Cell rows add up month rows (a few per batch) rather than aggregating every response again:
	// the aggregates over the responses are what folding costs (one more set of them made the
	// folder half as slow again).
	const monthTotals = list(SUMS_COLUMNS.map((column) => `sum(${column})::bigint as ${column}`));
	return sql`month_rows as (
	select 'month'::text as grain, date_trunc('month', day::timestamp)::date as period_start, agency_id, counter_id,
		procedure_field_id, channel, source, excluded, verified,
		${values}
	from counted
	group by 2, agency_id, counter_id, procedure_field_id, channel, source, excluded, verified
),
rows as (
	select * from month_rows
	union all
	select 'cell', period_start, agency_id, null::int, procedure_field_id, channel, null::text, excluded, null::boolean,
		${monthTotals}
	from month_rows
	group by period_start, agency_id, procedure_field_id, channel, excluded
	union all
	select 'day', day, agency_id, counter_id, null::int, null::text, null::text, excluded, null::boolean,
		${values}
	from counted
	group by day, agency_id, counter_id, excluded
)`;
}

/** The estimate_sums rows of the responses the filter (on alias r) selects, as a subquery. */
export function sumsRowsQuery(responseFilter: RawBuilder<unknown>): RawBuilder<unknown> {
	return sql`(with ${chosen(responseFilter)},
${counted},
${rows(1)}
select * from rows)`;
}

/**
 * Adds (sign 1) or takes away (sign −1) the sums and daily counts of the responses the filter (on
 * alias r) selects. Rows emptied by a subtraction are left at zero for the caller to delete.
 */
export function foldSumsQuery(responseFilter: RawBuilder<unknown>, sign: 1 | -1): RawBuilder<unknown> {
	return sql`with ${chosen(responseFilter)},
${counted},
${rows(sign)},
sums as (
	insert into estimate_sums (${sql.raw(KEYS)},
		${list(SUMS_COLUMNS)})
	select * from rows
	-- Rows in key order, so that concurrent writers lock shared rows in the same order.
	order by ${sql.raw(KEYS)}
	on conflict (${sql.raw(KEYS)}) do update set
		${list(SUMS_COLUMNS.map((column) => `${column} = estimate_sums.${column} + excluded.${column}`))}
	returning 1
)
insert into daily_counts (${sql.raw(DAILY_KEYS)}, responses)
select ${sql.raw(DAILY_KEYS)}, ${sql.raw(String(sign))} * count(*)
from chosen
group by ${sql.raw(DAILY_KEYS)}
order by ${sql.raw(DAILY_KEYS)}
on conflict (${sql.raw(DAILY_KEYS)}) do update set responses = daily_counts.responses + excluded.responses`;
}

/** Per response: d_m and d_y per dimension, and each counted criterion's answer code. */
function PER_RESPONSE_COUNTS(): string[] {
	return [
		...CODED_DIMENSIONS.flatMap(({ key, code }) => [
			`count(*) filter (where a.dimension_key = '${key}' and a.value between 1 and 5)::int as ${code}_m`,
			`count(*) filter (where a.dimension_key = '${key}' and a.value >= 4)::int as ${code}_y`
		]),
		...COUNTED_CRITERIA.map(({ key, column }) => `coalesce(max(coalesce(a.value, 0)) filter (where a.key = '${key}'), -1)::int as ${column}`)
	];
}

/** Each estimate_sums column as an aggregate over the per-response rows of `counted`. */
const SUM_EXPRESSIONS: Readonly<Record<string, string>> = Object.fromEntries([
	['responses', 'count(*)'],
	...CODED_INDEXES.map(({ key, codes }) => [
		indexColumn(key),
		`count(*) filter (where ${codes.map((code) => `${code}_m`).join(' + ')} > 0)`
	]),
	...CODED_DIMENSIONS.flatMap(({ code }) => [
		[dimensionColumn(code, 'n'), `count(*) filter (where ${code}_m > 0)`],
		[dimensionColumn(code, 'm'), `sum(${code}_m)`],
		[dimensionColumn(code, 'y'), `sum(${code}_y)`],
		[dimensionColumn(code, 'y2'), `sum(${code}_y * ${code}_y)`],
		[dimensionColumn(code, 'ym'), `sum(${code}_y * ${code}_m)`],
		[dimensionColumn(code, 'm2'), `sum(${code}_m * ${code}_m)`]
	]),
	...DIMENSION_PAIRS.flatMap(({ code, a, b }) => [
		[pairColumn(code, 'yy'), `sum(${a.code}_y * ${b.code}_y)`],
		[pairColumn(code, 'ym'), `sum(${a.code}_y * ${b.code}_m)`],
		[pairColumn(code, 'my'), `sum(${a.code}_m * ${b.code}_y)`],
		[pairColumn(code, 'mm'), `sum(${a.code}_m * ${b.code}_m)`]
	]),
	...COUNTED_CRITERIA.flatMap(({ key, column }) =>
		CRITERION_COUNT_COLUMNS.map((count, i) => [criterionColumn(key, count), `count(*) filter (where ${column} = ${count === 'na' ? 0 : i + 1})`])
	)
]);

/** The daily_counts rows of the responses the filter (on alias r) selects, as a subquery. */
export function dailyRowsQuery(responseFilter: RawBuilder<unknown>): RawBuilder<unknown> {
	return sql`(with ${chosen(responseFilter)}
select ${sql.raw(DAILY_KEYS)}, count(*) as responses from chosen group by ${sql.raw(DAILY_KEYS)})`;
}
