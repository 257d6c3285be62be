import { sql, type Kysely, type RawBuilder } from 'kysely';
import { pairKey, type CriteriaSums, type EstimationSums } from '../../sipas';
import type { Database, EstimateSumsColumn } from '../db/schema';
import type { Scope } from '../scope/scope';
import {
	CODED_DIMENSIONS,
	CODED_INDEXES,
	CRITERION_COUNT_COLUMNS,
	DIMENSION_PAIRS,
	ESTIMATE_SUMS_COLUMNS,
	dimensionColumn,
	indexColumn,
	pairColumn,
	type CriterionCountColumn
} from './columns';
import type { MonthKey } from '../../sipas/calendar';
import type { ResolvedPeriod } from '../estimates/periods';

/**
 * Reading the pre-aggregated sums: SUM over the rows of a period and scope, in SQL, never over
 * raw answers. Each function is one query; grouping (by month, unit or counter) happens in the
 * same query, so a 24-month series is one round trip.
 */

export interface SumsRow {
	/** The group's key: a month 'yyyy-mm', a unit or counter id, or null without grouping. */
	group: string | number | null;
	/** All responses in the group, answered or not. */
	responses: number;
	sums: EstimationSums;
}

export type Grouping = 'none' | 'month' | 'unit' | 'counter' | 'monthStratum';

/** The conditions of a scope on estimate_sums or criterion_sums (alias s); the dashboard's own reads use it too. */
export function scopeCondition(scope: Scope): RawBuilder<unknown> {
	const conditions = [sql`s.agency_id = ${scope.agencyId}`];
	if (scope.unitId !== undefined) {
		conditions.push(sql`s.counter_id in (select id from counters where unit_id = ${scope.unitId} and agency_id = ${scope.agencyId})`);
	}
	if (scope.counterId !== undefined) conditions.push(sql`s.counter_id = ${scope.counterId}`);
	if (scope.procedureFieldId !== undefined) conditions.push(sql`s.procedure_field_id = ${scope.procedureFieldId}`);
	if (scope.channel !== undefined) conditions.push(sql`s.channel = ${scope.channel}`);
	if (scope.source !== undefined) conditions.push(sql`s.source = ${scope.source}`);
	if (!scope.includeExcluded) conditions.push(sql`not s.excluded`);
	return sql.join(conditions, sql` and `);
}

/** The rows of one period: its whole months from month rows, the days around them from day rows. */
function periodCondition(period: ResolvedPeriod): RawBuilder<unknown> {
	const parts: RawBuilder<unknown>[] = [];
	if (period.months.length) {
		parts.push(sql`(s.grain = 'month' and s.period_start between ${`${period.months[0]}-01`}::date and ${`${period.months.at(-1)}-01`}::date)`);
	}
	for (const days of period.days) parts.push(sql`(s.grain = 'day' and s.period_start between ${days.from}::date and ${days.to}::date)`);
	return sql`(${sql.join(parts, sql` or `)})`;
}

/** Month rows from `from` to `to`, both included. */
function monthsCondition(from: MonthKey, to: MonthKey): RawBuilder<unknown> {
	return sql`s.grain = 'month' and s.period_start between ${`${from}-01`}::date and ${`${to}-01`}::date`;
}

const GROUP_KEY: Record<Grouping, RawBuilder<unknown>> = {
	none: sql`null::text`,
	// The date itself ('yyyy-mm-01'): grouping by it is cheaper than by a formatted string.
	month: sql`s.period_start`,
	unit: sql`c.unit_id`,
	counter: sql`s.counter_id`,
	// The month 'yyyy-mm' then SIPAS.md §7's cell 'channel|field': 'yyyy-mm#online|3', or just
	// 'yyyy-mm#' for rows without a channel or a procedure field (no cell).
	monthStratum: sql`to_char(s.period_start, 'YYYY-MM') || '#' || coalesce(s.channel || '|' || s.procedure_field_id::text, '')`
};

async function readEstimateSums(
	db: Kysely<Database>,
	scope: Scope,
	rows: RawBuilder<unknown>,
	grouping: Grouping
): Promise<SumsRow[]> {
	const totals = sql.raw(ESTIMATE_SUMS_COLUMNS.map((column) => `sum(s.${column}) as ${column}`).join(',\n\t\t'));
	const join = grouping === 'unit' ? sql`join counters c on c.id = s.counter_id` : sql``;
	const result = await sql<Record<EstimateSumsColumn, number> & { group_key: string | number | null }>`
		select ${GROUP_KEY[grouping]} as group_key,
			${totals}
		from estimate_sums s ${join}
		where ${scopeCondition(scope)} and ${rows}
		group by 1
		order by 1`.execute(db);
	return result.rows.map((row) => ({ group: row.group_key, responses: Number(row.responses), sums: sumsOfRow(row) }));
}

/** The sums of one period and scope (one row; zeros when nothing was submitted). */
export async function readPeriodSums(db: Kysely<Database>, scope: Scope, period: ResolvedPeriod): Promise<SumsRow> {
	const [row] = await readEstimateSums(db, scope, periodCondition(period), 'none');
	return row && row.responses > 0 ? row : { group: null, responses: 0, sums: sumsOfRow({}) };
}

/** The sums of each month from `from` to `to` that has rows, keyed 'yyyy-mm'. */
export async function readMonthlySums(db: Kysely<Database>, scope: Scope, from: MonthKey, to: MonthKey): Promise<Map<MonthKey, SumsRow>> {
	const rows = await readEstimateSums(db, scope, monthsCondition(from, to), 'month');
	return new Map(rows.map((row) => [String(row.group).slice(0, 7), row]));
}

/** The sums of one period per unit or per counter that has rows. */
export async function readGroupSums(db: Kysely<Database>, scope: Scope, period: ResolvedPeriod, by: 'unit' | 'counter'): Promise<SumsRow[]> {
	return readEstimateSums(db, scope, periodCondition(period), by);
}

/**
 * The sums of each month from `from` to `to` per §7 weighting cell (channel, procedure field):
 * month 'yyyy-mm' → cell key ('online|3', or null for rows without a cell) → sums.
 */
export async function readMonthlyStratumSums(
	db: Kysely<Database>,
	scope: Scope,
	from: MonthKey,
	to: MonthKey
): Promise<Map<MonthKey, Map<string | null, SumsRow>>> {
	const rows = await readEstimateSums(db, scope, monthsCondition(from, to), 'monthStratum');
	const byMonth = new Map<MonthKey, Map<string | null, SumsRow>>();
	for (const row of rows) {
		const [month, cell] = String(row.group).split('#') as [MonthKey, string];
		let cells = byMonth.get(month);
		if (!cells) byMonth.set(month, (cells = new Map()));
		cells.set(cell === '' ? null : cell, { ...row, group: cell === '' ? null : cell });
	}
	return byMonth;
}

export type AnswerCounts = Record<CriterionCountColumn, number>;

/** Per criterion key: how many answers of each value (1–5) and N/A, in one period and scope. */
export async function readCriterionCounts(db: Kysely<Database>, scope: Scope, period: ResolvedPeriod): Promise<Map<string, AnswerCounts>> {
	const totals = sql.raw(CRITERION_COUNT_COLUMNS.map((column) => `sum(s.${column}) as ${column}`).join(', '));
	const result = await sql<AnswerCounts & { criterion_key: string }>`
		select s.criterion_key, ${totals}
		from criterion_sums s
		where ${scopeCondition(scope)} and ${periodCondition(period)}
		group by s.criterion_key`.execute(db);
	return new Map(
		result.rows.map((row) => [
			row.criterion_key,
			Object.fromEntries(CRITERION_COUNT_COLUMNS.map((column) => [column, Number(row[column])])) as AnswerCounts
		])
	);
}

/** Satisfied (4–5) and answered (1–5) per criterion, as src/lib/sipas counts them. */
export function criteriaSumsOf(counts: ReadonlyMap<string, AnswerCounts>): CriteriaSums {
	const sums: CriteriaSums = {};
	for (const [key, c] of counts) sums[key] = { n: c.v1 + c.v2 + c.v3 + c.v4 + c.v5, satisfied: c.v4 + c.v5 };
	return sums;
}

/**
 * estimate_sums columns → the EstimationSums of src/lib/sipas. The columns name pairs in
 * questionnaire order (a_b_ym = Σ y_a·m_b), src/lib/sipas orients a pair by the sort order of the
 * dimension keys (pairKey); where the two orders differ, ym and my swap.
 */
export function sumsOfRow(row: Partial<Record<EstimateSumsColumn, number | string | null>>): EstimationSums {
	const value = (column: EstimateSumsColumn) => Number(row[column] ?? 0);
	const sums: EstimationSums = { dimensions: {}, pairs: {}, indexes: {} };
	for (const { key, code } of CODED_DIMENSIONS) {
		const n = value(dimensionColumn(code, 'n'));
		if (n === 0) continue;
		sums.dimensions[key] = {
			n,
			sumM: value(dimensionColumn(code, 'm')),
			sumY: value(dimensionColumn(code, 'y')),
			sumY2: value(dimensionColumn(code, 'y2')),
			sumYM: value(dimensionColumn(code, 'ym')),
			sumM2: value(dimensionColumn(code, 'm2'))
		};
	}
	for (const { code, a, b } of DIMENSION_PAIRS) {
		const ym = value(pairColumn(code, 'ym'));
		const my = value(pairColumn(code, 'my'));
		const aFirst = a.key < b.key;
		sums.pairs[pairKey(a.key, b.key)] = {
			sumYY: value(pairColumn(code, 'yy')),
			sumYM: aFirst ? ym : my,
			sumMY: aFirst ? my : ym,
			sumMM: value(pairColumn(code, 'mm'))
		};
	}
	for (const { key } of CODED_INDEXES) sums.indexes[key] = { n: value(indexColumn(key)) };
	return sums;
}
