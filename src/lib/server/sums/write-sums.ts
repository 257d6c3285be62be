import { sql, type RawBuilder } from 'kysely';
import {
	CODED_DIMENSIONS,
	CODED_INDEXES,
	CRITERION_COUNT_COLUMNS,
	DIMENSION_PAIRS,
	ESTIMATE_SUMS_COLUMNS,
	KEY_COLUMNS,
	dimensionColumn,
	indexColumn,
	pairColumn
} from './columns';
import type { EstimateSumsColumn } from '../db/schema';

/**
 * The statements that write estimate_sums and criterion_sums from responses' stored answers
 * (SIPAS.md §4), at day and month grain. Set-based and one round trip each: the per-response counts
 * y (satisfied answers) and m (answered) per dimension come from one GROUP BY over the responses'
 * answers joined to their criteria, and every sum of §4 is an aggregate of those.
 *
 * Two shapes of the same sums, from the same column expressions:
 * - upsertSumsQuery, for applyToSums: adds (sign 1) or takes away (sign −1) a few responses, on the
 *   submission's hot path, concurrently with other writers. As lean as it can be: one aggregation
 *   per table, rows in key order, ON CONFLICT adding to the existing row.
 * - insertSumsQuery, for rebuildSums: writes rows that cannot exist yet, for a month of responses
 *   at a time: the answers are read once, sums are made per day and the month's added from the
 *   days, which is several times faster on hundreds of thousands of answers.
 *
 * The rendered SQL of both is kept beside this file in sql/ (write-sums.test.ts regenerates it) so
 * that review reads real SQL, not string building. Identifiers come only from the typed constants
 * of columns.ts, so sql.raw is safe here; the response filter and the sign are bound parameters.
 */

const KEYS = KEY_COLUMNS.join(', ');
/** The key without its grain and period: what a day's and its month's rows share. */
const DAY_KEYS = 'agency_id, counter_id, procedure_field_id, channel, source, excluded';
const MONTH_OF_DAY = "date_trunc('month', day::timestamp)::date";
const list = (items: readonly string[], separator = ',\n\t\t') => sql.raw(items.join(separator));
const addExcluded = (table: string, columns: readonly string[], separator?: string) =>
	list(columns.map((column) => `${column} = ${table}.${column} + excluded.${column}`), separator);

/** The responses and the key their sums are kept under; the day is Asia/Ho_Chi_Minh's. */
function chosen(responseFilter: RawBuilder<unknown>, sign: 1 | -1): RawBuilder<unknown> {
	return sql`chosen as (
	-- sign: 1 adds these responses, -1 takes them away; constant, so grouping by it changes nothing.
	select r.id, r.agency_id, r.counter_id, r.procedure_field_id, r.channel, r.source,
		r.flagged_misuse or r.flagged_spam as excluded,
		(r.submitted_at at time zone 'Asia/Ho_Chi_Minh')::date as day,
		${sign}::int as sign
	from responses r
	where ${responseFilter}
)`;
}

/** One row per response with its m and y per dimension, from `answers` (alias a, with dimension_key). */
function counted(answers: RawBuilder<unknown>): RawBuilder<unknown> {
	return sql`counted as (
	-- m = criteria of the dimension answered (1-5), y = of those, satisfied (4-5). N/A (NULL) and
	-- skipped criteria count in neither; a response without answers has m = 0 everywhere.
	select chosen.id, chosen.day, chosen.agency_id, chosen.counter_id, chosen.procedure_field_id, chosen.channel,
		chosen.source, chosen.excluded, chosen.sign,
		${list(PER_RESPONSE_COUNTS)}
	from chosen
	${answers}
	group by chosen.id, chosen.day, chosen.agency_id, chosen.counter_id, chosen.procedure_field_id, chosen.channel,
		chosen.source, chosen.excluded, chosen.sign
)`;
}

/** Answers of each value per criterion, as aggregates over rows of `answers` (alias a). */
const ANSWER_COUNTS = [
	'count(*) filter (where a.value = 1)',
	'count(*) filter (where a.value = 2)',
	'count(*) filter (where a.value = 3)',
	'count(*) filter (where a.value = 4)',
	'count(*) filter (where a.value = 5)',
	'count(*) filter (where a.value is null)'
];

/** Adds (sign 1) or takes away (sign −1) the sums of the responses the filter (on alias r) selects. */
export function upsertSumsQuery(responseFilter: RawBuilder<unknown>, sign: 1 | -1): RawBuilder<unknown> {
	// Both grains of a response, side by side.
	const grains = sql.raw(`cross join lateral (values ('day', day), ('month', ${MONTH_OF_DAY})) as g (grain, period_start)`);
	return sql`with ${chosen(responseFilter, sign)},
${counted(sql`left join (
		select a.response_id, c.dimension_key, a.value from answers a join criteria c on c.id = a.criterion_id
	) as a on a.response_id = chosen.id`)},
estimates as (
	insert into estimate_sums (${sql.raw(KEYS)},
		${list(ESTIMATE_SUMS_COLUMNS)})
	select g.grain, g.period_start, ${sql.raw(DAY_KEYS)},
		${list(ESTIMATE_SUMS_COLUMNS.map((column) => `sign * ${ESTIMATE_SUM_EXPRESSIONS[column]}`))}
	from counted
	${grains}
	group by ${sql.raw(KEYS)}, sign
	-- Rows in key order, so that concurrent writers lock shared rows in the same order.
	order by ${sql.raw(KEYS)}
	on conflict (${sql.raw(KEYS)}) do update set
		${addExcluded('estimate_sums', ESTIMATE_SUMS_COLUMNS)}
	returning 1
)
insert into criterion_sums (${sql.raw(KEYS)}, criterion_key, ${list(CRITERION_COUNT_COLUMNS, ', ')})
select g.grain, g.period_start, ${sql.raw(DAY_KEYS)}, c.key,
	${list(ANSWER_COUNTS.map((count) => `sign * ${count}`), ',\n\t')}
from chosen
join answers a on a.response_id = chosen.id
join criteria c on c.id = a.criterion_id
${grains}
group by ${sql.raw(KEYS)}, c.key, sign
order by ${sql.raw(KEYS)}, c.key
on conflict (${sql.raw(KEYS)}, criterion_key) do update set
	${addExcluded('criterion_sums', CRITERION_COUNT_COLUMNS, ',\n\t')}`;
}

/** Writes the sums of the responses the filter selects into rows that do not exist yet. */
export function insertSumsQuery(responseFilter: RawBuilder<unknown>): RawBuilder<unknown> {
	return sql`with ${chosen(responseFilter, 1)},
answered as materialized (
	-- The answers, read once for both tables, with their response's key: value 1-5, or NULL for
	-- N/A; a skipped criterion has no row.
	select a.response_id, chosen.day, ${sql.raw(DAY_KEYS.split(', ').map((key) => `chosen.${key}`).join(', '))},
		c.key as criterion_key, c.dimension_key, a.value
	from chosen
	join answers a on a.response_id = chosen.id
	join criteria c on c.id = a.criterion_id
),
${counted(sql`left join answered a on a.response_id = chosen.id`)},
estimate_days as (
	-- The sums per day and key; a month's sums are the sums of its days.
	select day, ${sql.raw(DAY_KEYS)},
		${list(ESTIMATE_SUMS_COLUMNS.map((column) => `${ESTIMATE_SUM_EXPRESSIONS[column]} as ${column}`))}
	from counted
	group by day, ${sql.raw(DAY_KEYS)}
),
estimates as (
	insert into estimate_sums (${sql.raw(KEYS)},
		${list(ESTIMATE_SUMS_COLUMNS)})
	select 'day', day, ${sql.raw(DAY_KEYS)},
		${list(ESTIMATE_SUMS_COLUMNS)}
	from estimate_days
	union all
	select 'month', ${sql.raw(MONTH_OF_DAY)}, ${sql.raw(DAY_KEYS)},
		${list(ESTIMATE_SUMS_COLUMNS.map((column) => `sum(${column})`))}
	from estimate_days
	group by ${sql.raw(MONTH_OF_DAY)}, ${sql.raw(DAY_KEYS)}
	returning 1
),
criterion_days as (
	select day, ${sql.raw(DAY_KEYS)}, a.criterion_key,
		${list(ANSWER_COUNTS.map((count, i) => `${count} as ${CRITERION_COUNT_COLUMNS[i]}`))}
	from answered a
	group by day, ${sql.raw(DAY_KEYS)}, a.criterion_key
)
insert into criterion_sums (${sql.raw(KEYS)}, criterion_key, ${list(CRITERION_COUNT_COLUMNS, ', ')})
select 'day', day, ${sql.raw(DAY_KEYS)}, criterion_key, ${list(CRITERION_COUNT_COLUMNS, ', ')}
from criterion_days
union all
select 'month', ${sql.raw(MONTH_OF_DAY)}, ${sql.raw(DAY_KEYS)}, criterion_key,
	${list(CRITERION_COUNT_COLUMNS.map((column) => `sum(${column})`), ', ')}
from criterion_days
group by ${sql.raw(MONTH_OF_DAY)}, ${sql.raw(DAY_KEYS)}, criterion_key`;
}

/** Per response and dimension: d_m and d_y, over its answers (alias a, with dimension_key). */
const PER_RESPONSE_COUNTS: readonly string[] = CODED_DIMENSIONS.flatMap(({ key, code }) => [
	`count(*) filter (where a.dimension_key = '${key}' and a.value between 1 and 5)::int as ${code}_m`,
	`count(*) filter (where a.dimension_key = '${key}' and a.value >= 4)::int as ${code}_y`
]);

/** Each estimate_sums column as an aggregate over the per-response counts of `counted`. */
const ESTIMATE_SUM_EXPRESSIONS: Readonly<Record<EstimateSumsColumn, string>> = Object.fromEntries([
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
	])
]);
