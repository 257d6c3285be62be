/**
 * The estimation engine (SIPAS.md §4 over pre-aggregated sums): what pages, the API and other
 * features import. Writing: applyToSums, reflagResponses, rebuildSums. Reading: estimatePeriod,
 * estimateMonths, estimateCriteria, estimateByGroup, with periods from periods.ts.
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
export { cellForKey, plainCell, type EstimateCell, type IndexCell, type EstimateSet } from './cells';
export { periodsForMonths, resolvePeriod, type Period, type PeriodKind, type ResolvedPeriod } from './periods';
