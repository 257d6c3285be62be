/**
 * SIPAS estimation arithmetic (SIPAS.md §4): pure functions, no database or framework imports.
 * Proportions are in [0, 1] throughout; percent appears only in format.ts and in changePoints.
 */

export { Z95, wilson, type Interval } from './wilson';
export {
	DIMENSIONS,
	DIMENSION_KEYS,
	INDEXES,
	dimensionsOfKind,
	indexDefinition,
	isDimensionKey,
	type DimensionKey,
	type DimensionKind,
	type IndexDefinition,
	type IndexKey
} from './dimensions';
export { countResponse, isAnswered, isSatisfied, type Answer } from './answers';
export {
	accumulateCriteria,
	accumulateResponse,
	emptyDimensionSums,
	emptyPairSums,
	emptySums,
	mergeCriteriaSums,
	mergeSums,
	pairKey,
	splitPairKey,
	sumResponses,
	type CriteriaSums,
	type CriterionSums,
	type DimensionCounts,
	type DimensionSums,
	type EstimationSums,
	type IndexSums,
	type PairSums,
	type ResponseCounts
} from './sums';
export {
	estimateCriterion,
	estimateDimension,
	estimateDimensions,
	estimateIndex,
	intervalFromVariance,
	type CriterionEstimate,
	type DimensionEstimate,
	type IndexEstimate
} from './estimate';
export {
	DEFAULT_MINIMUM_SAMPLE,
	STATUSES,
	STATUS_LABELS,
	changePoints,
	judgeStatus,
	meanOfDimensions,
	goalForYear,
	type JudgedEstimate,
	type Status
} from './status';
export type { EstimateCell } from './estimate-cell';
export { changeBetweenPeriods, type ChangeVerdict, type PeriodChange, type PeriodSample } from './period-change';
export {
	MINUS,
	NO_VALUE,
	formatChange,
	formatChangeInterval,
	formatDate,
	formatDecimal,
	formatInterval,
	formatMonth,
	formatPercent
} from './format';
export {
	DEFAULT_MINIMUM_CELL,
	addScaledSums,
	designEffect,
	scaleSums,
	stratumWeights,
	weightOf,
	weightedCriterion,
	weightedDimension,
	weightedIndex,
	weightedSums,
	type StratumCount,
	type StratumWeights,
	type WeightedCriterionEstimate,
	type WeightedPart,
	type WeightedSums
} from './weighting';
export { MINIMUM_GROUPS, shrinkGroups, type GroupSample, type Shrinkage, type ShrinkageVerdict, type ShrunkGroup } from './shrinkage';
