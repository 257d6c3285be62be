import { sql, type Kysely, type RawBuilder } from 'kysely';
import { pairKey, type CriteriaSums, type EstimationSums } from '../../sipas';
import type { Database, EstimateSumsColumn } from '../db/schema';
import { prepared } from '../db/prepared';
import type { Scope } from '../scope/scope';
import {
	CODED_DIMENSIONS,
	CODED_INDEXES,
	COUNTED_CRITERIA,
	CRITERION_COUNT_COLUMNS,
	DIMENSION_PAIRS,
	ESTIMATE_SUMS_COLUMNS,
	KEY_COLUMNS,
	MONTH_ONLY_KEY_COLUMNS,
	NOT_IN_CELL_ROWS,
	SUMS_COLUMNS,
	criterionColumn,
	dimensionColumn,
	indexColumn,
	pairColumn,
	type CriterionCountColumn
} from './columns';
import { dailyRowsQuery, sumsRowsQuery } from './write-sums';
import { addVector, sumsOfVector, vectorColumns, vectorsOfArrayText, vectorOfRow, type SumsVector } from './vectors';
import { monthsBetween, type MonthKey } from '../../sipas/calendar';
import type { ResolvedPeriod } from '../estimates/periods';

/**
 * Reading the pre-aggregated sums: SUM over the rows of a period and scope, in SQL. Each function
 * is one query; grouping (by month, unit or counter) happens in the same query, so a 24-month
 * series is one round trip.
 *
 * Exact at every moment: responses the folder has not folded yet (folder.ts) are summed from
 * their answers in the same statement, beside the folded rows (sumsSource). That tail is a few
 * responses at most seconds old, found through a partial index; when an agency has none (one
 * probe of that index first) the statement reads estimate_sums alone. A response accepted before
 * the probe is either still unfolded then (so the tail is read) or already in estimate_sums.
 */

export interface SumsRow {
	/** The group's key: a month 'yyyy-mm', a unit or counter id, or null without grouping. */
	group: string | number | null;
	/** All responses in the group, answered or not. */
	responses: number;
	sums: EstimationSums;
}

export type Grouping = 'none' | 'month' | 'unit' | 'counter';

/** The conditions of a scope on estimate_sums or daily_counts (alias s); the dashboard's own reads use it too. */
export function scopeCondition(scope: Scope): RawBuilder<unknown> {
	const conditions = [sql`s.agency_id = ${scope.agencyId}`];
	if (scope.unitId !== undefined) {
		conditions.push(sql`s.counter_id in (select id from counters where unit_id = ${scope.unitId} and agency_id = ${scope.agencyId})`);
	}
	if (scope.counterId !== undefined) conditions.push(sql`s.counter_id = ${scope.counterId}`);
	if (scope.procedureFieldId !== undefined) conditions.push(sql`s.procedure_field_id = ${scope.procedureFieldId}`);
	if (scope.channel !== undefined) conditions.push(sql`s.channel = ${scope.channel}`);
	if (scope.source !== undefined) conditions.push(sql`s.source = ${scope.source}`);
	if (scope.verified !== undefined) conditions.push(sql`s.verified = ${scope.verified}`);
	if (!scope.includeExcluded) conditions.push(sql`not s.excluded`);
	return sql.join(conditions, sql` and `);
}

/**
 * Whether a scope can read day rows, which carry only the agency, counter and excluded: not when
 * it narrows to a procedure field, channel, source or verified responses. Such a scope reads whole
 * months only (the dashboard's filter form refuses a custom range of days with it).
 */
export function dayRowsServe(scope: Scope): boolean {
	const narrowed: Record<(typeof MONTH_ONLY_KEY_COLUMNS)[number], unknown> = {
		procedure_field_id: scope.procedureFieldId,
		channel: scope.channel,
		source: scope.source,
		verified: scope.verified
	};
	return MONTH_ONLY_KEY_COLUMNS.every((column) => narrowed[column] === undefined);
}

/**
 * The rows a scope reads its whole months from: cell rows (the whole agency per channel, procedure
 * field and excluded: a few dozen a month) unless the scope narrows to a unit, counter, source or
 * verified responses, or the reading groups by unit or counter; then month rows (the full key).
 */
export function monthGrain(scope: Scope, grouping: Grouping = 'none'): 'month' | 'cell' {
	const narrowed: Record<(typeof NOT_IN_CELL_ROWS)[number], unknown> = {
		counter_id: scope.counterId ?? scope.unitId,
		source: scope.source,
		verified: scope.verified
	};
	const cellRowsServe = NOT_IN_CELL_ROWS.every((column) => narrowed[column] === undefined) && grouping !== 'unit' && grouping !== 'counter';
	return cellRowsServe ? 'cell' : 'month';
}

/** Whether the agency has responses the folder has not folded yet (one probe of a partial index). */
async function hasTail(db: Kysely<Database>, agencyId: number): Promise<boolean> {
	const { rows } = await sql<{ tail: boolean }>`
		select exists (select 1 from responses where agency_id = ${agencyId} and not folded) as tail`.execute(db);
	return rows[0]?.tail ?? false;
}

const SOURCE_COLUMNS = sql.raw([...KEY_COLUMNS, ...SUMS_COLUMNS].join(', '));

/** The rows to sum, as a FROM item: estimate_sums, with the agency's unfolded tail when it has one. */
export async function sumsSource(db: Kysely<Database>, scope: Scope): Promise<RawBuilder<unknown>> {
	if (!(await hasTail(db, scope.agencyId))) return sql`estimate_sums`;
	return sql`(
		select ${SOURCE_COLUMNS} from estimate_sums where agency_id = ${scope.agencyId}
		union all
		select ${SOURCE_COLUMNS} from ${sumsRowsQuery(sql`not r.folded and r.agency_id = ${scope.agencyId}`)} as tail
	)`;
}

/** daily_counts as a FROM item, with the agency's unfolded tail when it has one. */
export async function dailySource(db: Kysely<Database>, scope: Scope): Promise<RawBuilder<unknown>> {
	if (!(await hasTail(db, scope.agencyId))) return sql`daily_counts`;
	const columns = sql.raw('day, agency_id, counter_id, procedure_field_id, channel, source, excluded, verified, responses');
	return sql`(
		select ${columns} from daily_counts where agency_id = ${scope.agencyId}
		union all
		select ${columns} from ${dailyRowsQuery(sql`not r.folded and r.agency_id = ${scope.agencyId}`)} as tail
	)`;
}

/** The rows of one period: its whole months from month or cell rows (monthGrain), the days around them from day rows. */
function periodCondition(period: ResolvedPeriod, scope: Scope, grouping: Grouping = 'none'): RawBuilder<unknown> {
	if (period.days.length && !dayRowsServe(scope)) {
		throw new RangeError(`a range of days (${period.label}) cannot be narrowed to a procedure field, channel, source or verified responses`);
	}
	const parts: RawBuilder<unknown>[] = [];
	if (period.months.length) parts.push(sql`(${monthsCondition(period.months[0]!, period.months.at(-1)!, monthGrain(scope, grouping))})`);
	for (const days of period.days) parts.push(sql`(s.grain = 'day' and s.period_start between ${days.from}::date and ${days.to}::date)`);
	return sql`(${sql.join(parts, sql` or `)})`;
}

/** Rows of one month grain from `from` to `to`, both included. */
export function monthsCondition(from: MonthKey, to: MonthKey, grain: 'month' | 'cell'): RawBuilder<unknown> {
	return sql`s.grain = ${grain} and s.period_start between ${`${from}-01`}::date and ${`${to}-01`}::date`;
}

/**
 * What each grouping groups by: a plain column (grouping by an expression, such as a formatted
 * month, costs more than the aggregation itself at a million responses).
 */
const GROUP_KEY: Record<Grouping, RawBuilder<unknown>> = {
	none: sql`null::text`,
	// The date itself ('yyyy-mm-01').
	month: sql`s.period_start`,
	unit: sql`c.unit_id`,
	counter: sql`s.counter_id`
};

const SUM_TOTALS = sql.raw(ESTIMATE_SUMS_COLUMNS.map((column) => `sum(s.${column}) as ${column}`).join(',\n\t\t'));

async function readEstimateSums(
	db: Kysely<Database>,
	scope: Scope,
	rows: RawBuilder<unknown>,
	grouping: Grouping
): Promise<SumsRow[]> {
	const join = grouping === 'unit' ? sql`join counters c on c.id = s.counter_id` : sql``;
	const result = await prepared(sql<Record<EstimateSumsColumn, number> & { group_key: string | number | null }>`
		select ${GROUP_KEY[grouping]} as group_key,
			${SUM_TOTALS}
		from ${await sumsSource(db, scope)} s ${join}
		where ${scopeCondition(scope)} and ${rows}
		group by 1
		order by 1`).execute(db);
	return result.rows.map((row) => ({ group: row.group_key, responses: Number(row.responses), sums: sumsOfRow(row) }));
}

/** The sums of one period and scope (one row; zeros when nothing was submitted). */
export async function readPeriodSums(db: Kysely<Database>, scope: Scope, period: ResolvedPeriod): Promise<SumsRow> {
	const [row] = await readEstimateSums(db, scope, periodCondition(period, scope), 'none');
	return row && row.responses > 0 ? row : { group: null, responses: 0, sums: sumsOfRow({}) };
}

/** The sums of each month from `from` to `to` that has rows, keyed 'yyyy-mm'. */
export async function readMonthlySums(db: Kysely<Database>, scope: Scope, from: MonthKey, to: MonthKey): Promise<Map<MonthKey, SumsRow>> {
	const rows = await readEstimateSums(db, scope, monthsCondition(from, to, monthGrain(scope)), 'month');
	return new Map(rows.map((row) => [String(row.group).slice(0, 7), row]));
}

/** The sums of one period per unit or per counter that has rows. */
export async function readGroupSums(db: Kysely<Database>, scope: Scope, period: ResolvedPeriod, by: 'unit' | 'counter'): Promise<SumsRow[]> {
	return readEstimateSums(db, scope, periodCondition(period, scope, by), by);
}

/**
 * The sums of each month from `from` to `to` per §7 weighting cell (channel, procedure field), as
 * vectors: month 'yyyy-mm' → cell key ('online|3', or null for rows without a cell) → sums. The rows
 * are read as they are, each as one array (vectorsOfArrayText), and added up here: cell rows are
 * already one per month, cell and excluded, and a counter's month rows a few dozen a month, so
 * adding them in JS costs less than grouping them in SQL and sending one column per value.
 *
 * A counter's or a unit's year or more of month rows is read as two halves at once, on two
 * connections: the same prepared statement with other months. Writing each row's 130 values as
 * text is most of that statement's work (a counter's two years: 950 rows, about 7 ms), done on one
 * core per statement; halves took 13.5 ms for the whole weighted series in place of 17.7. The
 * agency's cell rows (500 for two years, about 3 ms) gain nothing measurable from it.
 */
export async function readMonthlyStratumSums(
	db: Kysely<Database>,
	scope: Scope,
	from: MonthKey,
	to: MonthKey
): Promise<Map<MonthKey, Map<string | null, SumsVector>>> {
	const source = await sumsSource(db, scope);
	const grain = monthGrain(scope);
	const months = monthsBetween(from, to);
	const half = Math.ceil(months.length / 2);
	const ranges: [MonthKey, MonthKey][] =
		grain === 'month' && months.length >= SPLIT_FROM_MONTHS ? [[from, months[half - 1]!], [months[half]!, to]] : [[from, to]];
	const parts = await Promise.all(ranges.map(([first, last]) => readStratumRows(db, scope, source, monthsCondition(first, last, grain))));
	return new Map(parts.flatMap((part) => [...part]));
}

/** A series of month rows this long or longer is read in two halves (readMonthlyStratumSums). */
const SPLIT_FROM_MONTHS = 12;

async function readStratumRows(
	db: Kysely<Database>,
	scope: Scope,
	source: RawBuilder<unknown>,
	months: RawBuilder<unknown>
): Promise<Map<MonthKey, Map<string | null, SumsVector>>> {
	const result = await prepared(sql<{ month: string; channel: string | null; field: number | null; sums: string }>`
		select s.period_start as month, s.channel, s.procedure_field_id as field, ${sql.raw(vectorColumns('s'))} as sums
		from ${source} s
		where ${scopeCondition(scope)} and ${months}`).execute(db);
	const byMonth = new Map<MonthKey, Map<string | null, SumsVector>>();
	const vectors = vectorsOfArrayText(result.rows.map((row) => row.sums));
	for (const [i, row] of result.rows.entries()) {
		const month = String(row.month).slice(0, 7);
		const cell = row.channel !== null && row.field !== null ? `${row.channel}|${row.field}` : null;
		let cells = byMonth.get(month);
		if (!cells) byMonth.set(month, (cells = new Map()));
		const vector = vectors[i]!;
		const total = cells.get(cell);
		if (total) addVector(total, vector);
		else cells.set(cell, vector);
	}
	return byMonth;
}

export type AnswerCounts = Record<CriterionCountColumn, number>;

/** Per criterion key: how many answers of each value (1–5) and N/A, in one period and scope. */
export async function readCriterionCounts(db: Kysely<Database>, scope: Scope, period: ResolvedPeriod): Promise<Map<string, AnswerCounts>> {
	return (await readCriterionCountsBy(db, scope, period, false)).get(null) ?? new Map();
}

/**
 * readCriterionCounts per §7 weighting cell (channel, procedure field): cell key ('online|3', or
 * null for responses without a cell) → criterion key → counts. For the weighted criteria (§7).
 */
export async function readCriterionCountsByCell(
	db: Kysely<Database>,
	scope: Scope,
	period: ResolvedPeriod
): Promise<Map<string | null, Map<string, AnswerCounts>>> {
	return readCriterionCountsBy(db, scope, period, true);
}

const CRITERION_TOTALS = sql.raw(
	COUNTED_CRITERIA.flatMap(({ key }) => CRITERION_COUNT_COLUMNS.map((count) => `sum(s.${criterionColumn(key, count)}) as ${criterionColumn(key, count)}`)).join(', ')
);

async function readCriterionCountsBy(
	db: Kysely<Database>,
	scope: Scope,
	period: ResolvedPeriod,
	byCell: boolean
): Promise<Map<string | null, Map<string, AnswerCounts>>> {
	const result = await prepared(sql<Record<string, number | string | null> & { channel: string | null; field: number | null }>`
		select ${byCell ? sql`s.channel, s.procedure_field_id as field,` : sql`null as channel, null as field,`} ${CRITERION_TOTALS}
		from ${await sumsSource(db, scope)} s
		where ${scopeCondition(scope)} and ${periodCondition(period, scope)}
		${byCell ? sql`group by s.channel, s.procedure_field_id` : sql``}`).execute(db);
	const byKey = new Map<string | null, Map<string, AnswerCounts>>();
	for (const row of result.rows) {
		const cell = row.channel !== null && row.field !== null ? `${row.channel}|${row.field}` : null;
		const counts = byKey.get(cell) ?? new Map<string, AnswerCounts>();
		byKey.set(cell, counts);
		for (const { key } of COUNTED_CRITERIA) {
			const c = Object.fromEntries(CRITERION_COUNT_COLUMNS.map((count) => [count, Number(row[criterionColumn(key, count)] ?? 0)])) as AnswerCounts;
			// A criterion nobody reached in the period is absent, as it has no answers to show.
			if (CRITERION_COUNT_COLUMNS.some((count) => c[count] > 0)) counts.set(key, c);
		}
	}
	return byKey;
}

/** Satisfied (4–5) and answered (1–5) per criterion, as src/lib/sipas counts them. */
export function criteriaSumsOf(counts: ReadonlyMap<string, AnswerCounts>): CriteriaSums {
	const sums: CriteriaSums = {};
	for (const [key, c] of counts) sums[key] = { n: c.v1 + c.v2 + c.v3 + c.v4 + c.v5, satisfied: c.v4 + c.v5 };
	return sums;
}

/** estimate_sums columns → the EstimationSums of src/lib/sipas (through a vector: vectors.ts). */
export function sumsOfRow(row: Partial<Record<EstimateSumsColumn, number | string | null>>): EstimationSums {
	return sumsOfVector(vectorOfRow(row));
}
