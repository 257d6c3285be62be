import { DIMENSIONS, INDEXES, type DimensionKey, type IndexKey } from '../../sipas';
import { CRITERIA } from '../seed/sipas-reference';
import type {
	CriterionSumsColumn,
	DimensionCode,
	DimensionSumName,
	EstimateSumsColumn,
	PairCode,
	PairSumName,
	SumsKey
} from '../db/schema';

/**
 * The one typed source of estimate_sums' wide column list (migrations/…_003 and …_007):
 * every query that writes or reads the sums generates its column list from here, so a column can
 * neither be forgotten in one query nor spelled two ways.
 */

/** A dimension's code is the two-letter prefix of its criterion keys (PA1 → pa). */
export const DIMENSION_CODE: Readonly<Record<DimensionKey, DimensionCode>> = {
	policy_accountability: 'pa',
	policy_participation: 'pp',
	service_access: 'sa',
	procedures: 'tt',
	civil_servants: 'cc',
	service_results: 'kq',
	feedback_handling: 'pk'
};

/** Dimensions with their codes, in questionnaire order (the order the pair columns follow). */
export const CODED_DIMENSIONS: readonly { key: DimensionKey; code: DimensionCode }[] = DIMENSIONS.map((d) => ({
	key: d.key,
	code: DIMENSION_CODE[d.key]
}));

export const DIMENSION_SUM_NAMES: readonly DimensionSumName[] = ['n', 'm', 'y', 'y2', 'ym', 'm2'];
export const PAIR_SUM_NAMES: readonly PairSumName[] = ['yy', 'ym', 'my', 'mm'];

/** An unordered pair of dimensions, a before b in questionnaire order: columns a_b_yy … a_b_mm. */
export interface DimensionPair {
	code: PairCode;
	a: { key: DimensionKey; code: DimensionCode };
	b: { key: DimensionKey; code: DimensionCode };
}

export const DIMENSION_PAIRS: readonly DimensionPair[] = CODED_DIMENSIONS.flatMap((a, i) =>
	CODED_DIMENSIONS.slice(i + 1).map((b) => ({ code: `${a.code}_${b.code}` as PairCode, a, b }))
);

/** The indices with the codes of their dimensions. */
export const CODED_INDEXES: readonly { key: IndexKey; codes: readonly DimensionCode[] }[] = INDEXES.map((index) => ({
	key: index.key,
	codes: (index.dimensions as readonly DimensionKey[]).map((key) => DIMENSION_CODE[key])
}));

export const dimensionColumn = (code: DimensionCode, sum: DimensionSumName): EstimateSumsColumn => `${code}_${sum}`;
export const pairColumn = (pair: PairCode, sum: PairSumName): EstimateSumsColumn => `${pair}_${sum}`;
export const indexColumn = (index: IndexKey): EstimateSumsColumn => `${index}_n`;

/** Every value column of estimate_sums, in the migration's order. */
export const ESTIMATE_SUMS_COLUMNS: readonly EstimateSumsColumn[] = [
	'responses',
	...CODED_INDEXES.map((index) => indexColumn(index.key)),
	...CODED_DIMENSIONS.flatMap((d) => DIMENSION_SUM_NAMES.map((sum) => dimensionColumn(d.code, sum))),
	...DIMENSION_PAIRS.flatMap((pair) => PAIR_SUM_NAMES.map((sum) => pairColumn(pair.code, sum)))
];

/** The columns every sums row is keyed by (the unique index of estimate_sums). */
export const KEY_COLUMNS: readonly (keyof SumsKey)[] = [
	'grain',
	'period_start',
	'agency_id',
	'counter_id',
	'procedure_field_id',
	'channel',
	'source',
	'excluded',
	'verified'
];

/** Key columns a day row carries; the others are NULL there (the migration's CHECK). */
export const DAY_KEY_COLUMNS = ['agency_id', 'counter_id', 'excluded'] as const;

/** Key columns a cell row leaves NULL (it carries agency, procedure field, channel and excluded). */
export const NOT_IN_CELL_ROWS = ['counter_id', 'source', 'verified'] as const;

/** The key columns a day row leaves NULL: a scope that filters on one of them cannot read day rows. */
export const MONTH_ONLY_KEY_COLUMNS = ['procedure_field_id', 'channel', 'source', 'verified'] as const;

/** The answer counts kept per criterion: value 1…5 and N/A. */
export const CRITERION_COUNT_COLUMNS = ['v1', 'v2', 'v3', 'v4', 'v5', 'na'] as const;
export type CriterionCountColumn = (typeof CRITERION_COUNT_COLUMNS)[number];

/**
 * The criteria whose answers are counted one by one: the reference questionnaire's keys, which
 * every survey version keeps (survey/versions.ts). A criterion under another key still counts in
 * its dimension's sums, not in a criterion table.
 */
export const COUNTED_CRITERIA: readonly { key: string; column: string }[] = CRITERIA.map((c) => ({ key: c.key, column: c.key.toLowerCase() }));

export const criterionColumn = (criterionKey: string, count: CriterionCountColumn): CriterionSumsColumn =>
	`${criterionKey.toLowerCase()}_${count}` as CriterionSumsColumn;

/** Every answer-count column of estimate_sums, criterion by criterion. */
export const CRITERION_SUMS_COLUMNS: readonly CriterionSumsColumn[] = COUNTED_CRITERIA.flatMap((c) =>
	CRITERION_COUNT_COLUMNS.map((count) => criterionColumn(c.key, count))
);

/** Every value column of estimate_sums: the §4 sums, then the answer counts. */
export const SUMS_COLUMNS: readonly (EstimateSumsColumn | CriterionSumsColumn)[] = [...ESTIMATE_SUMS_COLUMNS, ...CRITERION_SUMS_COLUMNS];
