import { sql, type Kysely } from 'kysely';
import {
	DIMENSION_KEYS,
	emptySums,
	estimateCriterion,
	mergeSums,
	type DimensionKey,
	type EstimateCell,
	type EstimationSums,
	type Interval
} from '../../sipas';
import type { Database } from '../db/schema';
import { estimateSet, type EngineCell, type EstimateSet } from './cells';
import { DIMENSION_CODE } from '../sums/columns';
import { goalsByYear, goalsForYear, loadGoals, type Goals, type GoalsForYear } from '../goals/load-goals';
import type { MonthKey } from '../../sipas/calendar';
import { periodsForMonths, resolvePeriod, type Period, type PeriodKind, type ResolvedPeriod } from './periods';
import {
	criteriaSumsOf,
	readCriterionCounts,
	readGroupSums,
	readMonthlySums,
	readPeriodSums
} from '../sums/read-sums';
import type { Scope } from '../scope/scope';

/**
 * The estimates the report, the dashboard and the API show (SIPAS.md §4), read from the
 * pre-aggregated sums and computed with src/lib/sipas. Every function takes the database, a scope
 * (always inside one agency), a period and, where cells are judged, the request's Judging (goals
 * loaded once); none reads raw answers.
 */

export interface EstimateOptions {
	/** Below this many responses a cell's status is 'insufficient' (config MINIMUM_SAMPLE). */
	minimumSample: number;
}

/**
 * What judges the estimates of one request: the agency's baselines and targets and the minimum
 * sample. A use case loads it once (loadJudging) and passes it to every estimate it asks for, so
 * a report of six tables reads the goals once.
 */
export interface Judging extends EstimateOptions {
	goals: Goals;
}

export async function loadJudging(db: Kysely<Database>, agencyId: number, options: EstimateOptions): Promise<Judging> {
	return { ...options, goals: await loadGoals(db, agencyId) };
}

/** The goals of one agency never judge another's responses. */
function goalsOfScope(judging: Judging, scope: Scope): Goals {
	if (judging.goals.agencyId !== scope.agencyId) {
		throw new Error(`goals of agency ${judging.goals.agencyId} cannot judge a scope of agency ${scope.agencyId}`);
	}
	return judging.goals;
}

export interface PeriodEstimate extends EstimateSet {
	period: ResolvedPeriod;
	/** Every response counted in the period and scope, whatever it answered. */
	n: number;
	/** The year of the baselines used (2023 for the plan's periods); null if none applies. */
	baselineYear: number | null;
	/** The years of the targets used (GoalsForYear.targetYears): [2024] for 2026 judged by 2024's targets. */
	targetYears: number[];
}

/** Dimensions and indices of one period and scope, with baselines, targets, change and status. */
export async function estimatePeriod(db: Kysely<Database>, scope: Scope, period: Period, judging: Judging): Promise<PeriodEstimate> {
	const goals = goalsOfScope(judging, scope);
	const resolved = resolvePeriod(period);
	const row = await readPeriodSums(db, scope, resolved);
	return periodEstimate(resolved, row.responses, row.sums, goalsForYear(goals, resolved.year), judging);
}

/**
 * A series of periods for the months `from` to `to` (see periodsForMonths: each month, the year
 * to date or the rolling three months at each month, or each quarter). One query reads every
 * month the series needs, grouped by month; the periods are then merged in memory.
 */
export async function estimateMonths(
	db: Kysely<Database>,
	scope: Scope,
	from: MonthKey,
	to: MonthKey,
	kind: PeriodKind,
	judging: Judging
): Promise<PeriodEstimate[]> {
	const goals = goalsOfScope(judging, scope);
	const periods = periodsForMonths(from, to, kind).map(resolvePeriod);
	if (periods.length === 0) return [];
	const firstMonth = periods.map((p) => p.months[0]!).reduce((a, b) => (a < b ? a : b));
	const lastMonth = periods.map((p) => p.months.at(-1)!).reduce((a, b) => (a > b ? a : b));
	const monthly = await readMonthlySums(db, scope, firstMonth, lastMonth);
	const forYear = goalsByYear(goals);
	return periods.map((period) => {
		let sums: EstimationSums = emptySums();
		let responses = 0;
		for (const month of period.months) {
			const row = monthly.get(month);
			if (!row) continue;
			sums = mergeSums(sums, row.sums);
			responses += row.responses;
		}
		return periodEstimate(period, responses, sums, forYear(period.year), judging);
	});
}

function periodEstimate(period: ResolvedPeriod, n: number, sums: EstimationSums, forYear: GoalsForYear, options: EstimateOptions): PeriodEstimate {
	return { period, n, baselineYear: forYear.baselineYear, targetYears: forYear.targetYears, ...estimateSet(sums, forYear, options.minimumSample) };
}

export interface CriterionEstimateRow {
	/** PA1 … PK4 */
	key: string;
	dimension: DimensionKey;
	/** Responses that answered the criterion (1–5). */
	n: number;
	satisfied: number;
	/** Share satisfied (4–5) among those who answered; null when nobody did. */
	p: number | null;
	/** Wilson 95% interval on n; null when nobody answered. */
	interval: Interval | null;
	/** Answers of each value, and N/A ("Không áp dụng"). */
	distribution: { 1: number; 2: number; 3: number; 4: number; 5: number; na: number };
}

/**
 * Every criterion answered (or marked N/A) in the period and scope, in questionnaire order of
 * dimensions, then by number (PA1, PA2, …, PK4).
 */
export async function estimateCriteria(db: Kysely<Database>, scope: Scope, period: Period): Promise<CriterionEstimateRow[]> {
	const counts = await readCriterionCounts(db, scope, resolvePeriod(period));
	const sums = criteriaSumsOf(counts);
	const rows: CriterionEstimateRow[] = [];
	for (const [key, c] of counts) {
		const dimension = dimensionOfCriterion(key);
		if (!dimension) continue;
		const estimate = estimateCriterion(sums[key]);
		rows.push({
			key,
			dimension,
			n: estimate.n,
			satisfied: estimate.satisfied,
			p: estimate.p,
			interval: estimate.interval,
			distribution: { 1: c.v1, 2: c.v2, 3: c.v3, 4: c.v4, 5: c.v5, na: c.na }
		});
	}
	return rows.sort((a, b) => criterionOrder(a) - criterionOrder(b));
}

const CODE_TO_DIMENSION = new Map(Object.entries(DIMENSION_CODE).map(([key, code]) => [code, key as DimensionKey]));

/** A criterion key's dimension, from its two-letter prefix (PA1 → policy_accountability). */
export function dimensionOfCriterion(criterionKey: string): DimensionKey | undefined {
	return CODE_TO_DIMENSION.get(criterionKey.slice(0, 2).toLowerCase() as never);
}

function criterionOrder(row: { key: string; dimension: DimensionKey }): number {
	return DIMENSION_KEYS.indexOf(row.dimension) * 100 + Number(row.key.slice(2));
}

export interface GroupCell extends EngineCell {
	/** The group's share of all answers in the dimension (M_group / M_all). */
	share: number | null;
	/**
	 * How much the group moves the dimension's estimate: share × (p_group − p_all), a fraction.
	 * The agency estimate would be higher by −pullDown if this group did as well as the whole, so
	 * the most negative values are the groups that pull the dimension down most. Over all groups
	 * the values add up to 0. Null when the group has no answers in the dimension.
	 */
	pullDown: number | null;
}

export interface GroupEstimate {
	/** units.id or counters.id */
	id: number;
	/** The counter's code (the unit has none). */
	code: string | null;
	name: string;
	/** Responses of the group in the period. */
	n: number;
	dimensions: Record<DimensionKey, GroupCell>;
	overall: EstimateSet['overall'];
}

/**
 * Per unit or per counter of the scope: its dimension cells and overall index, and how much each
 * group pulls each dimension down (GroupCell.pullDown). Groups without responses are left out;
 * sorted by name. To list who pulls a dimension down most, sort by dimensions[key].pullDown.
 */
export async function estimateByGroup(
	db: Kysely<Database>,
	scope: Scope,
	period: Period,
	by: 'unit' | 'counter',
	judging: Judging
): Promise<GroupEstimate[]> {
	const goals = goalsOfScope(judging, scope);
	const resolved = resolvePeriod(period);
	const [rows, names] = await Promise.all([readGroupSums(db, scope, resolved, by), groupNames(db, scope.agencyId, by)]);
	const forYear = goalsForYear(goals, resolved.year);
	const all = rows.reduce((total, row) => mergeSums(total, row.sums), emptySums());

	return rows
		.map((row) => {
			const id = Number(row.group);
			const set = estimateSet(row.sums, forYear, judging.minimumSample);
			const dimensions = Object.fromEntries(
				DIMENSION_KEYS.map((key) => [key, { ...set.dimensions[key], ...pullOf(row.sums, all, key) }])
			) as Record<DimensionKey, GroupCell>;
			const name = names.get(id);
			return { id, code: name?.code ?? null, name: name?.name ?? String(id), n: row.responses, dimensions, overall: set.overall };
		})
		.sort((a, b) => a.name.localeCompare(b.name, 'vi'));
}

function pullOf(group: EstimationSums, all: EstimationSums, key: DimensionKey): Pick<GroupCell, 'share' | 'pullDown'> {
	const g = group.dimensions[key];
	const a = all.dimensions[key];
	if (!g || !a || g.sumM === 0 || a.sumM === 0) return { share: null, pullDown: null };
	const share = g.sumM / a.sumM;
	return { share, pullDown: share * (g.sumY / g.sumM - a.sumY / a.sumM) };
}

async function groupNames(db: Kysely<Database>, agencyId: number, by: 'unit' | 'counter'): Promise<Map<number, { name: string; code: string | null }>> {
	const rows =
		by === 'unit'
			? await db.selectFrom('units').select(['id', 'name', sql<null>`null`.as('code')]).where('agency_id', '=', agencyId).execute()
			: await db.selectFrom('counters').select(['id', 'name', 'code']).where('agency_id', '=', agencyId).execute();
	return new Map(rows.map((row) => [row.id, { name: row.name, code: row.code }]));
}

