/**
 * Additive sufficient statistics for the estimates of SIPAS.md §4.
 *
 * Every estimate (criterion, dimension, index, with its interval) is a function of a handful of
 * sums over responses. Sums over disjoint sets of responses simply add, so they can be computed per
 * day × counter × unit, stored as rows in pre-aggregated tables, and merged for any period and
 * scope without touching individual responses again. All objects here are plain JSON: numbers keyed
 * by dimension, pair or index key strings.
 */

import { INDEXES, type IndexDefinition } from './dimensions';
import { isAnswered, isSatisfied, type Answer } from './answers';

/** One response's counts in one dimension: m = criteria answered, y = of those, satisfied. */
export interface DimensionCounts {
	readonly y: number;
	readonly m: number;
}

/** One response's counts, keyed by dimension key. A missing key or m = 0 means "did not answer". */
export type ResponseCounts = Readonly<Record<string, DimensionCounts>>;

/** Sums over the responses that answered the dimension (m > 0). */
export interface DimensionSums {
	/** Responses with m > 0. */
	n: number;
	sumM: number;
	sumY: number;
	sumY2: number;
	sumYM: number;
	sumM2: number;
}

/**
 * Cross products for an unordered pair of dimensions (a, b), a being the key that sorts first (see
 * pairKey). Only responses that answered both contribute (otherwise every product is 0).
 */
export interface PairSums {
	/** Σ y_a·y_b */
	sumYY: number;
	/** Σ y_a·m_b */
	sumYM: number;
	/** Σ m_a·y_b */
	sumMY: number;
	/** Σ m_a·m_b */
	sumMM: number;
}

export interface IndexSums {
	/** Responses with any answer in the index's dimensions. */
	n: number;
}

export interface EstimationSums {
	/** Keyed by dimension key. */
	dimensions: Record<string, DimensionSums>;
	/** Keyed by pairKey(a, b). */
	pairs: Record<string, PairSums>;
	/**
	 * Keyed by index key. Needed separately because "answered any of these dimensions" cannot be
	 * recovered from per-dimension and per-pair counts.
	 */
	indexes: Record<string, IndexSums>;
}

/** Satisfied and answered counts for one criterion. */
export interface CriterionSums {
	/** Responses that answered the criterion (1–5). */
	n: number;
	/** Of those, answers 4 or 5. */
	satisfied: number;
}

/** Keyed by criterion key (PA1…PK4), which carries across survey versions. */
export type CriteriaSums = Record<string, CriterionSums>;

const PAIR_SEPARATOR = '|';

/** The canonical key of an unordered dimension pair: the two keys in sort order, joined by "|". */
export function pairKey(a: string, b: string): string {
	if (a === b) throw new RangeError(`a pair needs two different dimensions, got ${a} twice`);
	return a < b ? `${a}${PAIR_SEPARATOR}${b}` : `${b}${PAIR_SEPARATOR}${a}`;
}

/** The two dimension keys of a pair key, in the order its PairSums fields refer to. */
export function splitPairKey(key: string): [first: string, second: string] {
	const parts = key.split(PAIR_SEPARATOR);
	const [first, second] = parts;
	if (parts.length !== 2 || first === undefined || second === undefined) throw new RangeError(`not a pair key: ${key}`);
	return [first, second];
}

export function emptySums(): EstimationSums {
	return { dimensions: {}, pairs: {}, indexes: {} };
}

export function emptyDimensionSums(): DimensionSums {
	return { n: 0, sumM: 0, sumY: 0, sumY2: 0, sumYM: 0, sumM2: 0 };
}

export function emptyPairSums(): PairSums {
	return { sumYY: 0, sumYM: 0, sumMY: 0, sumMM: 0 };
}

function checkCounts(dimension: string, c: DimensionCounts): void {
	const valid = Number.isInteger(c.y) && Number.isInteger(c.m) && c.y >= 0 && c.y <= c.m;
	if (!valid) throw new RangeError(`invalid counts for ${dimension}: y=${c.y}, m=${c.m}`);
}

/**
 * Adds one response to `sums` in place (accumulating thousands of responses should not copy).
 * `indexes` names the indices whose response count n is kept; by default overall, service, policy.
 */
export function accumulateResponse(
	sums: EstimationSums,
	response: ResponseCounts,
	indexes: readonly IndexDefinition[] = INDEXES
): void {
	const answered = Object.entries(response).filter(([dimension, c]) => {
		checkCounts(dimension, c);
		return c.m > 0;
	});

	for (const [dimension, { y, m }] of answered) {
		const d = (sums.dimensions[dimension] ??= emptyDimensionSums());
		d.n += 1;
		d.sumM += m;
		d.sumY += y;
		d.sumY2 += y * y;
		d.sumYM += y * m;
		d.sumM2 += m * m;
	}

	for (let i = 0; i < answered.length; i++) {
		for (let j = i + 1; j < answered.length; j++) {
			const [keyI, countsI] = answered[i]!;
			const [keyJ, countsJ] = answered[j]!;
			// Orient the pair so that `a` is the key that sorts first, matching pairKey.
			const [a, b] = keyI < keyJ ? [countsI, countsJ] : [countsJ, countsI];
			const p = (sums.pairs[pairKey(keyI, keyJ)] ??= emptyPairSums());
			p.sumYY += a.y * b.y;
			p.sumYM += a.y * b.m;
			p.sumMY += a.m * b.y;
			p.sumMM += a.m * b.m;
		}
	}

	for (const index of indexes) {
		if (!answered.some(([dimension]) => index.dimensions.includes(dimension))) continue;
		const s = (sums.indexes[index.key] ??= { n: 0 });
		s.n += 1;
	}
}

/** The sums of a list of responses. */
export function sumResponses(
	responses: Iterable<ResponseCounts>,
	indexes: readonly IndexDefinition[] = INDEXES
): EstimationSums {
	const sums = emptySums();
	for (const response of responses) accumulateResponse(sums, response, indexes);
	return sums;
}

function addFields<T extends object>(target: T, source: Readonly<T>): void {
	for (const field of Object.keys(source) as (keyof T)[]) {
		(target[field] as number) += source[field] as number;
	}
}

function mergeRecords<T extends object>(
	a: Readonly<Record<string, T>>,
	b: Readonly<Record<string, T>>,
	empty: () => T
): Record<string, T> {
	const merged: Record<string, T> = {};
	for (const record of [a, b]) {
		for (const [key, value] of Object.entries(record)) addFields((merged[key] ??= empty()), value);
	}
	return merged;
}

/** The sums of two disjoint sets of responses together. Neither argument is modified. */
export function mergeSums(a: EstimationSums, b: EstimationSums): EstimationSums {
	return {
		dimensions: mergeRecords(a.dimensions, b.dimensions, emptyDimensionSums),
		pairs: mergeRecords(a.pairs, b.pairs, emptyPairSums),
		indexes: mergeRecords(a.indexes, b.indexes, () => ({ n: 0 }))
	};
}

/** Adds one response's answers (criterion key → answer) to per-criterion counts, in place. */
export function accumulateCriteria(sums: CriteriaSums, answers: Readonly<Record<string, Answer>>): void {
	for (const [criterion, answer] of Object.entries(answers)) {
		if (!isAnswered(answer)) continue;
		const c = (sums[criterion] ??= { n: 0, satisfied: 0 });
		c.n += 1;
		if (isSatisfied(answer)) c.satisfied += 1;
	}
}

/** Per-criterion counts of two disjoint sets of responses together. Neither argument is modified. */
export function mergeCriteriaSums(a: CriteriaSums, b: CriteriaSums): CriteriaSums {
	return mergeRecords(a, b, () => ({ n: 0, satisfied: 0 }));
}
