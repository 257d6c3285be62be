import {
	DIMENSION_KEYS,
	changePoints,
	estimateDimension,
	estimateIndex,
	indexDefinition,
	judgeStatus,
	type DimensionKey,
	type EstimateCell,
	type EstimationSums,
	type IndexKey,
	type JudgedEstimate
} from '../../sipas';
import type { GoalsForYear } from '../goals/load-goals';

/**
 * A cell as the engine returns it: the eight fields of EstimateCell and the linearised variance V
 * of SIPAS.md §4 behind its interval, which comparing two periods needs (§10). The API, the
 * exports and the report tables show only the eight fields (plainCell).
 */
export interface EngineCell extends EstimateCell {
	/** V of the estimate; null when n < 2 or there is no estimate. */
	variance: number | null;
}

export interface IndexCell extends EngineCell {
	/** Dimensions of the index with no answer in the period; when any, estimate is null. */
	missingDimensions: DimensionKey[];
}

export interface EstimateSet {
	dimensions: Record<DimensionKey, EngineCell>;
	overall: IndexCell;
	service: IndexCell;
	policy: IndexCell;
}

/** An estimate judged against its goals (SIPAS.md §4: change in points, status from the interval). */
export function judgedCell(estimate: JudgedEstimate, baseline: number | null, target: number | null, minimumSample: number): EstimateCell {
	const tooFew = estimate.p === null || estimate.n < minimumSample;
	return {
		n: estimate.n,
		estimate: estimate.p,
		ci_low: estimate.interval?.lower ?? null,
		ci_high: estimate.interval?.upper ?? null,
		baseline,
		target,
		change_pp: changePoints(estimate.p, baseline),
		status: target === null ? (tooFew ? 'insufficient' : null) : judgeStatus(estimate, target, minimumSample)
	};
}

/** Every dimension and index of one set of sums, judged against the goals of the period's year. */
export function estimateSet(sums: EstimationSums, goals: GoalsForYear, minimumSample: number): EstimateSet {
	const dimensions = Object.fromEntries(
		DIMENSION_KEYS.map((key) => {
			const estimate = estimateDimension(sums.dimensions[key]);
			return [key, Object.assign(judgedCell(estimate, goals.baseline[key], goals.target[key], minimumSample), { variance: estimate.variance })];
		})
	) as Record<DimensionKey, EngineCell>;
	const index = (key: IndexKey): IndexCell => {
		const estimate = estimateIndex(sums, indexDefinition(key));
		return Object.assign(judgedCell(estimate, goals.baseline[key], goals.target[key], minimumSample), {
			variance: estimate.variance,
			missingDimensions: estimate.missingDimensions as DimensionKey[]
		});
	};
	return { dimensions, overall: index('overall'), service: index('service'), policy: index('policy') };
}

/** The cell of a dimension or an index in a set (an index's carries missingDimensions). */
export function cellForKey(set: EstimateSet, key: DimensionKey | IndexKey): EngineCell & Partial<Pick<IndexCell, 'missingDimensions'>> {
	return key === 'overall' || key === 'service' || key === 'policy' ? set[key] : set.dimensions[key];
}

/** Only the eight fields of a cell, as the API, the report and the exports show it (without missingDimensions). */
export function plainCell(cell: EstimateCell): EstimateCell {
	const { n, estimate, ci_low, ci_high, baseline, target, change_pp, status } = cell;
	return { n, estimate, ci_low, ci_high, baseline, target, change_pp, status };
}
