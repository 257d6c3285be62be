/**
 * Comparing counters, units and officials fairly (SIPAS.md §9): empirical-Bayes shrinkage with a
 * DerSimonian–Laird random-effects variance (Morris 1983). A group with few answers is pulled
 * towards the common mean in proportion to how noisy it is, so a ranking is not led by chance.
 */

import { Z95 } from './wilson';

export interface GroupSample<Id = string | number> {
	id: Id;
	/** The group's estimate p_g (§4); null without one. */
	p: number | null;
	/** Its linearised variance V_g (§4); null when n_g < 2. */
	variance: number | null;
	n: number;
}

export interface ShrunkGroup<Id = string | number> {
	id: Id;
	/** The raw estimate and n stay visible beside the shrunk one. */
	p: number;
	n: number;
	/** V_g as used (V_g = p̄(1 − p̄)/n_g where §4's was 0). */
	variance: number;
	/** B_g = τ²/(τ² + V_g); null when there was no shrinkage (fewer than 3 groups). */
	factor: number | null;
	/** p̃_g = μ* + B_g·(p_g − μ*); null with fewer than 3 groups. */
	shrunk: number | null;
	lower: number | null;
	upper: number | null;
	/** The upper end of the shrunk interval is under μ*. */
	clearlyBelow: boolean;
	/** 1 = highest shrunk estimate; null with fewer than 3 groups. */
	rank: number | null;
}

/**
 * - 'too_few': fewer than 3 groups with n ≥ 2; raw values only.
 * - 'no_difference': τ² = 0, every p̃ = μ*: the groups do not differ beyond chance.
 * - 'differ': τ² > 0.
 */
export type ShrinkageVerdict = 'too_few' | 'no_difference' | 'differ';

export interface Shrinkage<Id = string | number> {
	verdict: ShrinkageVerdict;
	/** μ*, the random-effects mean; null with fewer than 3 groups. */
	mean: number | null;
	/** τ², the between-group variance; null with fewer than 3 groups. */
	tau2: number | null;
	/** Groups compared, best shrunk estimate first (by raw p with fewer than 3 groups). */
	groups: ShrunkGroup<Id>[];
	/** Groups left out: no estimate or n < 2. */
	leftOut: Id[];
}

/** Below this many groups nothing is compared. */
export const MINIMUM_GROUPS = 3;

/**
 * Shrinks every group towards μ* (§9). `scopeEstimate` is p̄, the scope's own estimate, which
 * stands in for a group whose §4 variance is 0 (all satisfied, or none).
 */
export function shrinkGroups<Id>(samples: readonly GroupSample<Id>[], scopeEstimate: number | null, z: number = Z95): Shrinkage<Id> {
	const leftOut: Id[] = [];
	const groups: { id: Id; p: number; n: number; variance: number }[] = [];
	for (const g of samples) {
		if (g.p === null || g.n < 2) {
			leftOut.push(g.id);
			continue;
		}
		const pBar = scopeEstimate ?? g.p;
		const variance = g.variance !== null && g.variance > 0 ? g.variance : (pBar * (1 - pBar)) / g.n;
		groups.push({ id: g.id, p: g.p, n: g.n, variance });
	}

	const raw = (): ShrunkGroup<Id>[] =>
		groups
			.map((g) => ({ ...g, factor: null, shrunk: null, lower: null, upper: null, clearlyBelow: false, rank: null }))
			.sort((a, b) => b.p - a.p);
	if (groups.length < MINIMUM_GROUPS) return { verdict: 'too_few', mean: null, tau2: null, groups: raw(), leftOut };

	// Every group at 0% or 100% with the scope at the same value: nothing varies, nothing to weigh.
	if (groups.some((g) => !(g.variance > 0))) {
		const mean = scopeEstimate ?? groups[0]!.p;
		return { verdict: 'no_difference', mean, tau2: 0, groups: finish(groups, mean, 0, z), leftOut };
	}

	const G = groups.length;
	let S1 = 0;
	let S2 = 0;
	let weightedP = 0;
	for (const g of groups) {
		S1 += 1 / g.variance;
		S2 += 1 / (g.variance * g.variance);
		weightedP += g.p / g.variance;
	}
	const mu = weightedP / S1;
	const Q = groups.reduce((total, g) => total + (g.p - mu) ** 2 / g.variance, 0);
	const tau2 = Math.max(0, (Q - (G - 1)) / (S1 - S2 / S1));
	let numerator = 0;
	let denominator = 0;
	for (const g of groups) {
		numerator += g.p / (g.variance + tau2);
		denominator += 1 / (g.variance + tau2);
	}
	const mean = numerator / denominator;
	return { verdict: tau2 > 0 ? 'differ' : 'no_difference', mean, tau2, groups: finish(groups, mean, tau2, z), leftOut };
}

/** B_g, p̃_g, its interval clipped to [0, 1], "clearly below" and the rank by p̃_g. */
function finish<Id>(groups: readonly { id: Id; p: number; n: number; variance: number }[], mean: number, tau2: number, z: number): ShrunkGroup<Id>[] {
	const shrunk = groups.map((g) => {
		const factor = tau2 > 0 ? tau2 / (tau2 + g.variance) : 0;
		const value = mean + factor * (g.p - mean);
		const half = z * Math.sqrt(factor * g.variance);
		const upper = Math.min(1, value + half);
		return {
			...g,
			factor,
			shrunk: value,
			lower: Math.max(0, value - half),
			upper,
			clearlyBelow: upper < mean,
			rank: 0
		};
	});
	shrunk.sort((a, b) => b.shrunk - a.shrunk || b.n - a.n);
	shrunk.forEach((g, i) => (g.rank = i + 1));
	return shrunk;
}
