/**
 * A direct, unoptimised computation of the dimension and index estimates from per-response counts,
 * written as literally as SIPAS.md §4 reads (e_rd, z_r). It exists to prove in tests that the
 * sums-based path of estimate.ts computes the same thing; it is also handy for checking SQL
 * aggregates. Not for production use: it needs every response in memory.
 */

import type { IndexDefinition } from '../../src/lib/sipas/dimensions';
import { intervalFromVariance, type DimensionEstimate, type IndexEstimate } from '../../src/lib/sipas/estimate';
import type { ResponseCounts } from '../../src/lib/sipas/sums';

function countsIn(response: ResponseCounts, dimension: string): { y: number; m: number } {
	const c = response[dimension];
	return c && c.m > 0 ? c : { y: 0, m: 0 };
}

function totals(responses: readonly ResponseCounts[], dimension: string): { n: number; Y: number; M: number } {
	let n = 0;
	let Y = 0;
	let M = 0;
	for (const r of responses) {
		const { y, m } = countsIn(r, dimension);
		if (m === 0) continue;
		n += 1;
		Y += y;
		M += m;
	}
	return { n, Y, M };
}

export function referenceDimensionEstimate(responses: readonly ResponseCounts[], dimension: string): DimensionEstimate {
	const { n, Y, M } = totals(responses, dimension);
	if (n === 0) return { p: null, n, variance: null, effectiveN: null, interval: null };
	const p = Y / M;
	if (n < 2) return { p, n, variance: null, effectiveN: null, interval: null };

	let sumE2 = 0;
	for (const r of responses) {
		const { y, m } = countsIn(r, dimension);
		const e = y - p * m;
		sumE2 += e * e;
	}
	const variance = ((n / (n - 1)) * sumE2) / (M * M);
	return { p, n, variance, ...intervalFromVariance(p, n, variance) };
}

export function referenceIndexEstimate(responses: readonly ResponseCounts[], index: IndexDefinition): IndexEstimate {
	const dims = index.dimensions.map((key) => ({ key, ...totals(responses, key) }));
	const n = responses.filter((r) => index.dimensions.some((d) => countsIn(r, d).m > 0)).length;
	const missingDimensions = dims.filter((d) => d.n === 0).map((d) => d.key);
	if (dims.length === 0 || missingDimensions.length > 0) {
		return { p: null, n, variance: null, effectiveN: null, interval: null, missingDimensions };
	}

	const D = dims.length;
	const pOf = dims.map((d) => d.Y / d.M);
	const p = pOf.reduce((a, b) => a + b, 0) / D;
	if (n < 2) return { p, n, variance: null, effectiveN: null, interval: null, missingDimensions: [] };

	let sumZ2 = 0;
	for (const r of responses) {
		let z = 0;
		dims.forEach((d, i) => {
			const { y, m } = countsIn(r, d.key);
			z += (y - pOf[i]! * m) / d.M;
		});
		z /= D;
		sumZ2 += z * z;
	}
	const variance = (n / (n - 1)) * sumZ2;
	return { p, n, variance, ...intervalFromVariance(p, n, variance), missingDimensions: [] };
}

/** A response with its §7 weight w. */
export interface WeightedResponse {
	counts: ResponseCounts;
	weight: number;
}

/**
 * SIPAS.md §7 read literally, response by response: p = Σw·y/Σw·m, e = y − p·m,
 * V = n/(n−1)·Σw²e²/(Σw·m)², n counting responses with w > 0 and m > 0.
 */
export function referenceWeightedDimension(responses: readonly WeightedResponse[], dimension: string): DimensionEstimate {
	const kept = responses.filter((r) => r.weight > 0 && countsIn(r.counts, dimension).m > 0);
	const n = kept.length;
	if (n === 0) return { p: null, n, variance: null, effectiveN: null, interval: null };
	const WY = kept.reduce((t, r) => t + r.weight * countsIn(r.counts, dimension).y, 0);
	const WM = kept.reduce((t, r) => t + r.weight * countsIn(r.counts, dimension).m, 0);
	const p = WY / WM;
	if (n < 2) return { p, n, variance: null, effectiveN: null, interval: null };
	let sum = 0;
	for (const r of kept) {
		const { y, m } = countsIn(r.counts, dimension);
		const e = y - p * m;
		sum += r.weight * r.weight * e * e;
	}
	const variance = ((n / (n - 1)) * sum) / (WM * WM);
	return { p, n, variance, ...intervalFromVariance(p, n, variance) };
}

/** §7's weighted index, literally: z_r = (1/D)·Σ_d w_r·e_rd/M_d, M_d = Σw·m, V = n/(n−1)·Σz². */
export function referenceWeightedIndex(responses: readonly WeightedResponse[], index: IndexDefinition): IndexEstimate {
	const kept = responses.filter((r) => r.weight > 0);
	const n = kept.filter((r) => index.dimensions.some((d) => countsIn(r.counts, d).m > 0)).length;
	const dims = index.dimensions.map((key) => {
		let Y = 0;
		let M = 0;
		for (const r of kept) {
			const { y, m } = countsIn(r.counts, key);
			Y += r.weight * y;
			M += r.weight * m;
		}
		return { key, Y, M };
	});
	const missingDimensions = dims.filter((d) => d.M === 0).map((d) => d.key);
	if (missingDimensions.length > 0) return { p: null, n, variance: null, effectiveN: null, interval: null, missingDimensions };
	const D = dims.length;
	const pOf = dims.map((d) => d.Y / d.M);
	const p = pOf.reduce((a, b) => a + b, 0) / D;
	if (n < 2) return { p, n, variance: null, effectiveN: null, interval: null, missingDimensions: [] };
	let sumZ2 = 0;
	for (const r of kept) {
		let z = 0;
		dims.forEach((d, i) => {
			const { y, m } = countsIn(r.counts, d.key);
			z += (r.weight * (y - pOf[i]! * m)) / d.M;
		});
		z /= D;
		sumZ2 += z * z;
	}
	const variance = (n / (n - 1)) * sumZ2;
	return { p, n, variance, ...intervalFromVariance(p, n, variance), missingDimensions: [] };
}
