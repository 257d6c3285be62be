/**
 * Weighting by the dossier register (SIPAS.md §7, post-stratification): pure arithmetic over the
 * same additive sums as §4 (sums.ts), read per cell h = (channel, procedure field).
 *
 * The weight is constant inside a cell, so every weighted sum is Σ_h w_h·S_h or Σ_h w_h²·S_h of the
 * cell sums S_h: the first-order sums give the estimates, the second-order ones their variance.
 * Nothing here needs a single response.
 */

import type { IndexDefinition } from './dimensions';
import {
	intervalFromVariance,
	scaledCrossResidual,
	selfPair,
	type CriterionEstimate,
	type DimensionEstimate,
	type IndexEstimate
} from './estimate';
import {
	emptyDimensionSums,
	emptyPairSums,
	emptySums,
	pairKey,
	type CriteriaSums,
	type EstimationSums
} from './sums';
import { wilson } from './wilson';

/** The minimum cell size k of §7 when none is configured. */
export const DEFAULT_MINIMUM_CELL = 10;

/** One cell h as the register and the sums see it. */
export interface StratumCount {
	/** The cell's key (e.g. 'online|3'); null for responses with no cell (no procedure field). */
	cell: string | null;
	/** N_h: frame dossiers in the cell (0 for responses with no cell). */
	frame: number;
	/** n_h: responses of the cell that answered at least one criterion of the seven dimensions. */
	responses: number;
}

export interface StratumWeights {
	/** w_h for every kept cell, by key. A cell not listed here takes the residual weight. */
	kept: Map<string, number>;
	/** The residual cell R: frame dossiers and answering responses outside kept cells. */
	residual: {
		frame: number;
		responses: number;
		/** N_R/n_R when both are above 0; 0 otherwise (N_R = 0: responses outside the register). */
		weight: number;
	};
	/** N: every frame dossier of the period and scope. */
	frame: number;
	/** 1 − N_R/N when the residual frame has no response to stand for it (N_R > 0, n_R = 0); else 1. Null when N = 0. */
	coverage: number | null;
	/**
	 * Answering responses that carry no weight: those of the residual when N_R = 0 (outside the
	 * register). Reported as a count, not estimated.
	 */
	unweighted: number;
}

/**
 * Which cells are kept and every weight (§7): a cell is kept when N_h ≥ 1 and n_h ≥ k; all the
 * rest, and responses with no cell, form one residual cell R.
 */
export function stratumWeights(strata: readonly StratumCount[], minimumCell: number = DEFAULT_MINIMUM_CELL): StratumWeights {
	const byCell = new Map<string | null, { frame: number; responses: number }>();
	for (const s of strata) {
		// A cell may come in several parts (the register's and the sums'); they add up.
		const total = byCell.get(s.cell) ?? { frame: 0, responses: 0 };
		total.frame += s.frame;
		total.responses += s.responses;
		byCell.set(s.cell, total);
	}
	const kept = new Map<string, number>();
	let frame = 0;
	let residualFrame = 0;
	let residualResponses = 0;
	for (const [cell, { frame: N, responses: n }] of byCell) {
		frame += N;
		if (cell !== null && N >= 1 && n >= minimumCell && n > 0) kept.set(cell, N / n);
		else {
			residualFrame += N;
			residualResponses += n;
		}
	}
	const weight = residualFrame > 0 && residualResponses > 0 ? residualFrame / residualResponses : 0;
	const unrepresented = residualFrame > 0 && residualResponses === 0 ? residualFrame : 0;
	return {
		kept,
		residual: { frame: residualFrame, responses: residualResponses, weight },
		frame,
		coverage: frame > 0 ? 1 - unrepresented / frame : null,
		unweighted: residualFrame === 0 ? residualResponses : 0
	};
}

/** The weight of a cell's responses (kept cell, else the residual's). */
export function weightOf(weights: StratumWeights, cell: string | null): number {
	return (cell !== null ? weights.kept.get(cell) : undefined) ?? weights.residual.weight;
}

/** The sums of a set of responses with every value multiplied by `factor` (counts n included). */
export function scaleSums(sums: EstimationSums, factor: number): EstimationSums {
	const scale = <T extends object>(record: Readonly<Record<string, T>>): Record<string, T> =>
		Object.fromEntries(
			Object.entries(record).map(([key, value]) => [
				key,
				Object.fromEntries(Object.entries(value).map(([field, v]) => [field, (v as number) * factor])) as T
			])
		);
	return { dimensions: scale(sums.dimensions), pairs: scale(sums.pairs), indexes: scale(sums.indexes) };
}

/**
 * Σ w·S (estimates), Σ w²·S (variances) and the plain sums of responses with w > 0 (their n
 * counts the responses of §7's "n_d counts responses with w > 0").
 */
export interface WeightedSums {
	first: EstimationSums;
	second: EstimationSums;
	counted: EstimationSums;
}

/** One cell's sums and its weight. */
export interface WeightedPart {
	weight: number;
	sums: EstimationSums;
}

export function weightedSums(parts: readonly WeightedPart[]): WeightedSums {
	const first = emptySums();
	const second = emptySums();
	const counted = emptySums();
	for (const { weight, sums } of parts) {
		if (!(weight > 0)) continue;
		addScaledSums(first, sums, weight);
		addScaledSums(second, sums, weight * weight);
		addScaledSums(counted, sums, 1);
	}
	return { first, second, counted };
}

/**
 * target += factor × source, in place: a report adds hundreds of cell sums, and copying every
 * record at each step (mergeSums) would cost more than the arithmetic.
 */
export function addScaledSums(target: EstimationSums, source: EstimationSums, factor: number): void {
	const add = <T extends object>(into: Record<string, T>, from: Readonly<Record<string, T>>, empty: () => T) => {
		for (const key in from) {
			const value = from[key]!;
			const sum = (into[key] ??= empty()) as Record<string, number>;
			for (const field in value) sum[field]! += (value as Record<string, number>)[field]! * factor;
		}
	};
	add(target.dimensions, source.dimensions, emptyDimensionSums);
	add(target.pairs, source.pairs, emptyPairSums);
	add(target.indexes, source.indexes, () => ({ n: 0 }));
}

const NO_ESTIMATE = { p: null, variance: null, effectiveN: null, interval: null } as const;

/**
 * Weighted dimension d: p = Σw·y / Σw·m; V = n/(n−1) · Σw²·e² / (Σw·m)² with e = y − p·m, so
 *   M²·Σw²e² = M²·Σw²y² − 2·Y·M·Σw²ym + Y²·Σw²m²   (Y = Σw·y, M = Σw·m)
 * which is estimate.ts's scaledCrossResidual with the first-order Y, M and the second-order sums.
 */
export function weightedDimension(sums: WeightedSums, key: string): DimensionEstimate {
	const first = sums.first.dimensions[key];
	const second = sums.second.dimensions[key];
	const n = sums.counted.dimensions[key]?.n ?? 0;
	if (!first || !second || n === 0 || first.sumM === 0) return { ...NO_ESTIMATE, n };
	const p = first.sumY / first.sumM;
	if (n < 2) return { ...NO_ESTIMATE, p, n };
	const M2 = first.sumM * first.sumM;
	const variance = (n / (n - 1)) * (Math.max(0, scaledCrossResidual(first, first, selfPair(second))) / (M2 * M2));
	return { p, n, variance, ...intervalFromVariance(p, n, variance) };
}

/**
 * Weighted index: O = mean of the weighted p_d; z_r = (1/D)·Σ_d w_r·e_rd / M_d with M_d = Σw·m;
 *   Σ z_r² = (1/D²) Σ_a Σ_b Σ_r w_r²·e_ra·e_rb / (M_a·M_b)
 * as estimateIndex in estimate.ts, the cross products taken from the second-order sums.
 */
export function weightedIndex(sums: WeightedSums, index: IndexDefinition): IndexEstimate {
	const n = sums.counted.indexes[index.key]?.n ?? 0;
	const answered = index.dimensions.flatMap((key) => {
		const first = sums.first.dimensions[key];
		const second = sums.second.dimensions[key];
		return first && second && first.sumM > 0 ? [{ key, first, second }] : [];
	});
	const missingDimensions = index.dimensions.filter((key) => !answered.some((d) => d.key === key));
	if (answered.length === 0 || missingDimensions.length > 0) return { ...NO_ESTIMATE, n, missingDimensions };
	const D = answered.length;
	const p = answered.reduce((total, d) => total + d.first.sumY / d.first.sumM, 0) / D;
	if (n < 2) return { ...NO_ESTIMATE, p, n, missingDimensions: [] };

	let sumZ2TimesD2 = 0;
	for (let i = 0; i < D; i++) {
		const a = answered[i]!;
		const Ma = a.first.sumM;
		sumZ2TimesD2 += scaledCrossResidual(a.first, a.first, selfPair(a.second)) / (Ma * Ma * Ma * Ma);
		for (let j = i + 1; j < D; j++) {
			const b = answered[j]!;
			const Mb = b.first.sumM;
			const cross = sums.second.pairs[pairKey(a.key, b.key)] ?? emptyPairSums();
			const [x, y] = a.key < b.key ? [a.first, b.first] : [b.first, a.first];
			sumZ2TimesD2 += (2 * scaledCrossResidual(x, y, cross)) / (Ma * Mb * Ma * Mb);
		}
	}
	const variance = (n / (n - 1)) * Math.max(0, sumZ2TimesD2 / (D * D));
	return { p, n, variance, ...intervalFromVariance(p, n, variance), missingDimensions: [] };
}

/** A weighted criterion, with Kish's effective sample size behind its interval. */
export interface WeightedCriterionEstimate extends CriterionEstimate {
	/** n_K = (Σw·a)² / Σw²·a; null when nobody with a weight answered. */
	kishN: number | null;
}

/**
 * Weighted criterion c: p = Σw·s / Σw·a (a = 1 when answered), interval W(p, n_K) with Kish's
 * n_K = (Σw·a)² / Σw²·a. `n` and `satisfied` stay the unweighted counts of responses with w > 0.
 */
export function weightedCriterion(parts: readonly { weight: number; criteria: CriteriaSums }[], key: string): WeightedCriterionEstimate {
	let wa = 0;
	let ws = 0;
	let w2a = 0;
	let n = 0;
	let satisfied = 0;
	for (const { weight, criteria } of parts) {
		const c = criteria[key];
		if (!c || !(weight > 0)) continue;
		wa += weight * c.n;
		ws += weight * c.satisfied;
		w2a += weight * weight * c.n;
		n += c.n;
		satisfied += c.satisfied;
	}
	if (wa === 0) return { p: null, n, satisfied, interval: null, kishN: null };
	const p = ws / wa;
	const kishN = (wa * wa) / w2a;
	return { p, n, satisfied, interval: wilson(p, kishN), kishN };
}

/** deff = V(weighted) / V(unweighted, §4); null when either is missing or the unweighted one is 0. */
export function designEffect(weightedVariance: number | null, unweightedVariance: number | null): number | null {
	if (weightedVariance === null || unweightedVariance === null || !(unweightedVariance > 0)) return null;
	return weightedVariance / unweightedVariance;
}
