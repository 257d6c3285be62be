/**
 * The estimates feature: the estimation engine of SIPAS.md §4 over the pre-aggregated sums. A scope,
 * a period and the request's Judging in; dimension and index cells with interval, baseline, target,
 * change and status out (query.ts, cells.ts); periods as sets of local days (periods.ts). Pages,
 * the API, the report and the exports import it from this file. It reads the sums through
 * sums/read-sums.ts, never raw answers, and loads no goals on its own: a use case loads them once
 * (loadJudging) and passes them to every estimate it asks for.
 */
export {
	estimateByGroup,
	estimateCriteria,
	estimateMonths,
	estimatePeriod,
	dimensionOfCriterion,
	loadJudging,
	type CriterionEstimateRow,
	type EstimateOptions,
	type Judging,
	type GroupCell,
	type GroupEstimate,
	type PeriodEstimate
} from './query';
export type { EstimateCell } from '../../sipas';
export { cellForKey, plainCell, type EngineCell, type IndexCell, type EstimateSet } from './cells';
export { periodsForMonths, resolvePeriod, type Period, type PeriodKind, type ResolvedPeriod } from './periods';
export {
	estimateCriteriaWeighted,
	estimateMonthsWeighted,
	estimatePeriodWeighted,
	weightedCellForKey,
	type DualPeriodEstimate,
	type WeightedCell,
	type WeightedEstimateSet,
	type WeightedIndexCell,
	type Weighting,
	type WeightingOptions
} from './weighted';
