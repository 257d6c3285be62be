import type { Kysely } from 'kysely';
import {
	DIMENSION_KEYS,
	designEffect,
	indexDefinition,
	stratumWeights,
	weightOf,
	weightedDimension,
	weightedIndex,
	type DimensionKey,
	type IndexKey,
	type StratumCount,
	type StratumWeights,
	type WeightedCriterionEstimate,
	type WeightedSums,
	weightedCriterion
} from '../../sipas';
import { LOW_RESPONSE_RATE, rateCount, type RateCount } from '../../sipas/response-rate';
import type { MonthKey } from '../../sipas/calendar';
import type { Database } from '../db/schema';
import { goalsByYear, goalsForYear, type GoalsForYear } from '../goals/load-goals';
import { criteriaSumsOf, readCriterionCountsByCell, readMonthlyStratumSums } from '../sums/read-sums';
import { OVERALL_N_AT, RESPONSES_AT, addVector, addWeighted, emptyVector, emptyVectors, sumsOfVector, type SumsVector } from '../sums/vectors';
import type { Scope } from '../scope/scope';
import { estimateSet, judgedCell, type EngineCell, type EstimateSet } from './cells';
import { periodsForMonths, resolvePeriod, type Period, type PeriodKind, type ResolvedPeriod } from './periods';
import type { Judging, PeriodEstimate } from './query';
import { readFrameCounts, type FrameCell } from './register-frame';

/**
 * Estimates weighted by the dossier register (SIPAS.md §7) beside the unweighted ones (§4), for
 * the Report API's weighting=register, the leader's report, the public page and the exports.
 *
 * Two queries per request, whatever the number of periods: the pre-aggregated sums per month and
 * (channel, procedure field) cell, and the register's frame per month and cell. Each period then
 * merges its months per cell, weighs the cells (src/lib/sipas/weighting.ts) and computes both
 * estimates from the same sums, so the unweighted one is exactly estimateMonths'. No raw answer is
 * read.
 */

/** A weighted cell: the EngineCell of the weighted estimate and its design effect. */
export interface WeightedCell extends EngineCell {
	/** V(weighted) / V(unweighted); null where either is missing. */
	deff: number | null;
}

export interface WeightedIndexCell extends WeightedCell {
	missingDimensions: DimensionKey[];
}

export interface WeightedEstimateSet {
	dimensions: Record<DimensionKey, WeightedCell>;
	overall: WeightedIndexCell;
	service: WeightedIndexCell;
	policy: WeightedIndexCell;
}

/** What the weighting of one period rests on (the API's period fields of weighting=register). */
export interface Weighting {
	/** N: register dossiers returned in the period, in the scope. */
	frame_dossiers: number;
	/** 1 − N_R/N when frame dossiers have no response to stand for them; 1 when all are represented; null without a frame. */
	coverage: number | null;
	/** n_R: answering responses outside kept cells (those with no cell included). */
	residual_responses: number;
	/** Answering responses with weight 0: outside the register (N_R = 0). Counted, not estimated. */
	unweighted_responses: number;
	/** Cells (channel, procedure field) kept with their own weight. */
	kept_cells: number;
	/** k, the minimum cell size used. */
	minimum_cell: number;
	/** §8 over the same frame: dossiers returned in the period with a response, whenever submitted. */
	response_rate: RateCount;
	/** The response rate is under 10%: every weighted estimate says so. */
	low_response_rate: boolean;
}

export interface DualPeriodEstimate {
	unweighted: PeriodEstimate;
	weighted: WeightedEstimateSet;
	weighting: Weighting;
	/** Each cell's weight, for the weighted criteria of the same period (estimateCriteriaWeighted). */
	weights: StratumWeights;
}

export interface WeightingOptions {
	/** k of §7 (config MINIMUM_CELL). */
	minimumCell: number;
}

/** One period's sums per cell (vectors: sums/vectors.ts), and its frame per cell. */
interface PeriodCells {
	sums: ReadonlyMap<string | null, SumsVector>;
	frame: ReadonlyMap<string, FrameCell>;
}

function mergePeriodCells(
	period: ResolvedPeriod,
	sumsByMonth: ReadonlyMap<MonthKey, ReadonlyMap<string | null, SumsVector>>,
	frameByMonth: ReadonlyMap<MonthKey, ReadonlyMap<string, FrameCell>>
): PeriodCells {
	// A period of one month is that month's cells as read (dualEstimate adds them up, never alters
	// them): no copy of hundreds of vectors for a monthly series.
	if (period.months.length === 1) {
		const month = period.months[0]!;
		return { sums: sumsByMonth.get(month) ?? new Map(), frame: frameByMonth.get(month) ?? new Map() };
	}
	const sums = new Map<string | null, SumsVector>();
	const frame = new Map<string, FrameCell>();
	for (const month of period.months) {
		for (const [cell, vector] of sumsByMonth.get(month) ?? []) {
			let total = sums.get(cell);
			if (!total) sums.set(cell, (total = emptyVector()));
			addVector(total, vector);
		}
		for (const [cell, counts] of frameByMonth.get(month) ?? []) {
			const total = frame.get(cell) ?? { frame: 0, responded: 0 };
			frame.set(cell, { frame: total.frame + counts.frame, responded: total.responded + counts.responded });
		}
	}
	return { sums, frame };
}

/**
 * Both estimates of one period from its cells: Σ S (unweighted), and for §7 Σ w·S, Σ w²·S and the
 * plain sums of responses with w > 0 (src/lib/sipas/weighting.ts's WeightedSums), added as vectors.
 */
export function dualEstimate(period: ResolvedPeriod, cells: PeriodCells, goals: GoalsForYear, minimumSample: number, minimumCell: number): DualPeriodEstimate {
	const strata: StratumCount[] = [];
	for (const [cell, vector] of cells.sums) strata.push({ cell, frame: 0, responses: vector[OVERALL_N_AT]! });
	for (const [cell, counts] of cells.frame) strata.push({ cell, frame: counts.frame, responses: 0 });
	const weights = stratumWeights(strata, minimumCell);

	// Σ S, Σ w·S, Σ w²·S and Σ S over w > 0, in one pass over each cell.
	const [all, first, second, counted] = emptyVectors(4) as [SumsVector, SumsVector, SumsVector, SumsVector];
	for (const [cell, vector] of cells.sums) {
		const weight = weightOf(weights, cell);
		if (weight > 0) addWeighted(vector, weight, all, first, second, counted);
		else addVector(all, vector);
	}
	const unweightedSet = estimateSet(sumsOfVector(all), goals, minimumSample);
	const ws: WeightedSums = { first: sumsOfVector(first), second: sumsOfVector(second), counted: sumsOfVector(counted) };
	const weighted = weightedSet(ws, unweightedSet, goals, minimumSample);

	let invited = 0;
	let responded = 0;
	for (const counts of cells.frame.values()) {
		invited += counts.frame;
		responded += counts.responded;
	}
	const rate = rateCount(invited, responded);
	return {
		unweighted: { period, n: all[RESPONSES_AT]!, baselineYear: goals.baselineYear, targetYears: goals.targetYears, ...unweightedSet },
		weighted,
		weighting: {
			frame_dossiers: weights.frame,
			coverage: weights.coverage,
			residual_responses: weights.residual.responses,
			unweighted_responses: weights.unweighted,
			kept_cells: weights.kept.size,
			minimum_cell: minimumCell,
			response_rate: rate,
			low_response_rate: rate.rate !== null && rate.rate < LOW_RESPONSE_RATE
		},
		weights
	};
}

/**
 * The weighted cells, judged with the unweighted n (§7: "minimum sample and status use the
 * unweighted n"), with deff against the unweighted variance.
 */
function weightedSet(ws: WeightedSums, unweighted: EstimateSet, goals: GoalsForYear, minimumSample: number): WeightedEstimateSet {
	const cell = (
		estimate: { p: number | null; variance: number | null; interval: { lower: number; upper: number } | null },
		n: number,
		key: DimensionKey | IndexKey,
		unweightedVariance: number | null
	): WeightedCell =>
		Object.assign(judgedCell({ p: estimate.p, n, interval: estimate.interval }, goals.baseline[key], goals.target[key], minimumSample), {
			variance: estimate.variance,
			deff: designEffect(estimate.variance, unweightedVariance)
		});
	const dimensions = Object.fromEntries(
		DIMENSION_KEYS.map((key) => {
			const u = unweighted.dimensions[key];
			return [key, cell(weightedDimension(ws, key), u.n, key, u.variance)];
		})
	) as Record<DimensionKey, WeightedCell>;
	const index = (key: IndexKey): WeightedIndexCell => {
		const estimate = weightedIndex(ws, indexDefinition(key));
		const u = unweighted[key];
		return Object.assign(cell(estimate, u.n, key, u.variance), { missingDimensions: estimate.missingDimensions as DimensionKey[] });
	};
	return { dimensions, overall: index('overall'), service: index('service'), policy: index('policy') };
}

function checkGoals(judging: Judging, scope: Scope): void {
	if (judging.goals.agencyId !== scope.agencyId) {
		throw new Error(`goals of agency ${judging.goals.agencyId} cannot judge a scope of agency ${scope.agencyId}`);
	}
}

async function readCells(db: Kysely<Database>, scope: Scope, first: MonthKey, last: MonthKey) {
	return Promise.all([readMonthlyStratumSums(db, scope, first, last), readFrameCounts(db, scope, first, last)]);
}

/** estimateMonths with both estimates per period: the series of the API's weighting=register. */
export async function estimateMonthsWeighted(
	db: Kysely<Database>,
	scope: Scope,
	from: MonthKey,
	to: MonthKey,
	kind: PeriodKind,
	judging: Judging,
	options: WeightingOptions
): Promise<DualPeriodEstimate[]> {
	checkGoals(judging, scope);
	const periods = periodsForMonths(from, to, kind).map(resolvePeriod);
	if (periods.length === 0) return [];
	const first = periods.map((p) => p.months[0]!).reduce((a, b) => (a < b ? a : b));
	const last = periods.map((p) => p.months.at(-1)!).reduce((a, b) => (a > b ? a : b));
	const [sums, frame] = await readCells(db, scope, first, last);
	const forYear = goalsByYear(judging.goals);
	return periods.map((period) =>
		dualEstimate(period, mergePeriodCells(period, sums, frame), forYear(period.year), judging.minimumSample, options.minimumCell)
	);
}

/** Both estimates of one period of whole months (month, quarter, year to date, rolling three months). */
export async function estimatePeriodWeighted(
	db: Kysely<Database>,
	scope: Scope,
	period: Exclude<Period, { kind: 'range' }>,
	judging: Judging,
	options: WeightingOptions
): Promise<DualPeriodEstimate> {
	checkGoals(judging, scope);
	const resolved = resolvePeriod(period);
	const [sums, frame] = await readCells(db, scope, resolved.months[0]!, resolved.months.at(-1)!);
	return dualEstimate(resolved, mergePeriodCells(resolved, sums, frame), goalsForYear(judging.goals, resolved.year), judging.minimumSample, options.minimumCell);
}

/** The weighted cell of a dimension or an index. */
export function weightedCellForKey(set: WeightedEstimateSet, key: DimensionKey | IndexKey): WeightedCell & Partial<Pick<WeightedIndexCell, 'missingDimensions'>> {
	return key === 'overall' || key === 'service' || key === 'policy' ? set[key] : set.dimensions[key];
}

/**
 * §7's weighted criterion for every criterion answered in the period: p = Σw·s / Σw·a with Kish's
 * n_K behind its interval, each cell weighted as in the period's weighted dimensions (`weights` of
 * estimatePeriodWeighted for the same scope and period). Read from the answer counts per cell.
 */
export async function estimateCriteriaWeighted(
	db: Kysely<Database>,
	scope: Scope,
	period: Exclude<Period, { kind: 'range' }>,
	weights: StratumWeights
): Promise<Map<string, WeightedCriterionEstimate>> {
	const byCell = await readCriterionCountsByCell(db, scope, resolvePeriod(period));
	const parts = [...byCell].map(([cell, counts]) => ({ weight: weightOf(weights, cell), criteria: criteriaSumsOf(counts) }));
	const keys = new Set([...byCell.values()].flatMap((counts) => [...counts.keys()]));
	return new Map([...keys].map((key) => [key, weightedCriterion(parts, key)]));
}
