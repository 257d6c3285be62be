/**
 * The estimates of SIPAS.md §4, computed from additive sums (sums.ts) only, so that the same code
 * serves one counter-day or a whole year merged from pre-aggregated rows.
 *
 * Every p here is a proportion in [0, 1]; percent is a matter of display (format.ts).
 */

import type { IndexDefinition } from './dimensions';
import type { CriterionSums, DimensionSums, EstimationSums, PairSums } from './sums';
import { pairKey, emptyPairSums } from './sums';
import { wilson, type Interval } from './wilson';

export interface CriterionEstimate {
	/** Share satisfied among those who answered; null when nobody answered. */
	readonly p: number | null;
	/** Responses that answered the criterion. */
	readonly n: number;
	readonly satisfied: number;
	readonly interval: Interval | null;
}

export interface DimensionEstimate {
	/** Satisfied answers / all answers in the dimension; null when nothing was answered. */
	readonly p: number | null;
	/** Responses that answered at least one criterion of the dimension. */
	readonly n: number;
	/** Linearised variance of p; null when n < 2. */
	readonly variance: number | null;
	/** n* = p(1−p)/V, the sample size a simple proportion with that variance would have. */
	readonly effectiveN: number | null;
	readonly interval: Interval | null;
}

export interface IndexEstimate extends DimensionEstimate {
	/** Dimensions of the index with no answer in the period; when any, there is no estimate. */
	readonly missingDimensions: readonly string[];
}

const NO_ESTIMATE = { p: null, variance: null, effectiveN: null, interval: null } as const;

/**
 * Criterion c: p_c = satisfied / answered, Wilson interval on n_c. A criterion is a simple
 * proportion, so (unlike a dimension) one answer already gives an interval, just a very wide one.
 */
export function estimateCriterion(sums: CriterionSums | undefined): CriterionEstimate {
	const n = sums?.n ?? 0;
	const satisfied = sums?.satisfied ?? 0;
	if (n === 0) return { p: null, n, satisfied, interval: null };
	const p = satisfied / n;
	return { p, n, satisfied, interval: wilson(p, n) };
}

/**
 * From a variance to n* and the Wilson interval. Shared by the sums-based and reference paths.
 *
 * §4: where V = 0 use n* = n. V = 0 means every response has exactly the same share satisfied
 * (all satisfied, none, or e.g. exactly one of two everywhere), so p(1−p)/V is undefined. p = 0
 * or p = 1 forces V = 0 mathematically, so it is treated the same way even if rounding left a
 * speck of variance — otherwise n* would be 0 and the interval meaningless.
 */
export function intervalFromVariance(p: number, n: number, variance: number): { effectiveN: number; interval: Interval } {
	const degenerate = variance <= 0 || p === 0 || p === 1;
	const effectiveN = degenerate ? n : (p * (1 - p)) / variance;
	return { effectiveN, interval: wilson(p, effectiveN) };
}

/**
 * M_a·M_b · Σ_r e_ra·e_rb for dimensions a and b (a = b gives M²·Σe²), with e_rd = y_rd − p_d·m_rd:
 *   Σ e_a e_b = Σ y_a y_b − p_b Σ y_a m_b − p_a Σ m_a y_b + p_a p_b Σ m_a m_b
 * Multiplying by M_a·M_b (p_d = Y_d/M_d) leaves only products of integer counts, which floating
 * point adds exactly for any realistic volume. That keeps an exactly-zero variance exactly zero
 * and avoids the cancellation the p-form suffers when Σy², 2pΣym and p²Σm² are nearly equal.
 */
export function scaledCrossResidual(
	a: Pick<DimensionSums, 'sumY' | 'sumM'>,
	b: Pick<DimensionSums, 'sumY' | 'sumM'>,
	cross: PairSums
): number {
	return (
		a.sumM * b.sumM * cross.sumYY -
		a.sumM * b.sumY * cross.sumYM -
		a.sumY * b.sumM * cross.sumMY +
		a.sumY * b.sumY * cross.sumMM
	);
}

/** A dimension's own sums seen as the "pair" (d, d), for the diagonal of the index variance. */
export function selfPair(d: DimensionSums): PairSums {
	return { sumYY: d.sumY2, sumYM: d.sumYM, sumMY: d.sumYM, sumMM: d.sumM2 };
}

/**
 * Dimension d: p_d = ΣY/ΣM; V_d = n/(n−1) · Σe²/M² with Σe² = Σy² − 2pΣym + p²Σm²;
 * interval W(p_d, n*_d). Fewer than two responses give no variance, hence no interval.
 */
export function estimateDimension(sums: DimensionSums | undefined): DimensionEstimate {
	const n = sums?.n ?? 0;
	if (!sums || n === 0 || sums.sumM === 0) return { ...NO_ESTIMATE, n };
	const p = sums.sumY / sums.sumM;
	if (n < 2) return { ...NO_ESTIMATE, p, n };

	const M2 = sums.sumM * sums.sumM;
	// Σe²/M² = (M²·Σe²)/M⁴; max(0, …) only guards rounding at extreme volumes.
	const sumE2OverM2 = Math.max(0, scaledCrossResidual(sums, sums, selfPair(sums))) / (M2 * M2);
	const variance = (n / (n - 1)) * sumE2OverM2;
	return { p, n, variance, ...intervalFromVariance(p, n, variance) };
}

/**
 * Index (overall, service or policy) over D dimensions: O = mean of p_d, reported only when every
 * dimension has at least one answer.
 *
 * V_O = n/(n−1) · Σ_r z_r², z_r = (1/D) Σ_d e_rd/M_d. Expanding the square,
 *   Σ_r z_r² = (1/D²) Σ_a Σ_b Σ_r e_ra·e_rb / (M_a·M_b)
 *            = (1/D²) Σ_a Σ_b C_ab / (M_a·M_b)²,  C_ab = M_a·M_b·Σ_r e_ra·e_rb (scaledCrossResidual)
 * where the diagonal comes from each dimension's own sums and every unordered pair a ≠ b appears
 * twice. A response that skipped d has y_rd = m_rd = 0, so it contributes nothing to d's terms,
 * which is exactly "e_rd = 0 where r did not answer d".
 */
export function estimateIndex(sums: EstimationSums, index: IndexDefinition): IndexEstimate {
	const n = sums.indexes[index.key]?.n ?? 0;
	const answered = index.dimensions.flatMap((key) => {
		const d = sums.dimensions[key];
		return d && d.n > 0 && d.sumM > 0 ? [{ key, sums: d }] : [];
	});
	const missingDimensions = index.dimensions.filter((key) => !answered.some((d) => d.key === key));
	if (answered.length === 0 || missingDimensions.length > 0) return { ...NO_ESTIMATE, n, missingDimensions };
	if (n === 0) {
		// Every dimension has answers, so some response answered; the sums were built without this index.
		throw new Error(`sums carry no response count for index ${index.key}; accumulate with its definition`);
	}

	const D = answered.length;
	const p = answered.reduce((total, d) => total + d.sums.sumY / d.sums.sumM, 0) / D;
	if (n < 2) return { ...NO_ESTIMATE, p, n, missingDimensions: [] };

	let sumZ2TimesD2 = 0;
	for (let i = 0; i < D; i++) {
		const a = answered[i]!;
		const Ma = a.sums.sumM;
		sumZ2TimesD2 += scaledCrossResidual(a.sums, a.sums, selfPair(a.sums)) / (Ma * Ma * Ma * Ma);
		for (let j = i + 1; j < D; j++) {
			const b = answered[j]!;
			const Mb = b.sums.sumM;
			// PairSums are oriented by key order; put the dimension that sorts first in the `a` slot.
			const cross = sums.pairs[pairKey(a.key, b.key)] ?? emptyPairSums();
			const [first, second] = a.key < b.key ? [a.sums, b.sums] : [b.sums, a.sums];
			sumZ2TimesD2 += (2 * scaledCrossResidual(first, second, cross)) / (Ma * Mb * Ma * Mb);
		}
	}
	const variance = (n / (n - 1)) * Math.max(0, sumZ2TimesD2 / (D * D));
	return { p, n, variance, ...intervalFromVariance(p, n, variance), missingDimensions: [] };
}

/** Each dimension's estimate, keyed as given. */
export function estimateDimensions(sums: EstimationSums, keys: readonly string[]): Record<string, DimensionEstimate> {
	return Object.fromEntries(keys.map((key) => [key, estimateDimension(sums.dimensions[key])]));
}
