/** z for a two-sided 95% interval, as fixed by SIPAS.md §4. */
export const Z95 = 1.959964;

export interface Interval {
	/** Lower bound, a proportion in [0, 1]. */
	readonly lower: number;
	/** Upper bound, a proportion in [0, 1]. */
	readonly upper: number;
}

/**
 * Wilson score interval W(p, n) = (p + z²/2n ± z·√(p(1−p)/n + z²/4n²)) / (1 + z²/n).
 *
 * n need not be an integer: dimension and index intervals pass an effective sample size n*.
 * Wilson rather than p ± z·se because it stays inside [0, 1] and is sensible at p = 0 or 1 and for
 * small n, which is common for a single counter in a single month.
 */
export function wilson(p: number, n: number, z: number = Z95): Interval {
	if (!(n > 0)) throw new RangeError(`Wilson interval needs n > 0, got ${n}`);
	if (!(p >= 0 && p <= 1)) throw new RangeError(`Wilson interval needs 0 ≤ p ≤ 1, got ${p}`);
	const z2 = z * z;
	const centre = p + z2 / (2 * n);
	const halfWidth = z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
	const denominator = 1 + z2 / n;
	// Mathematically the interval lies inside [0, 1] and reaches 0 exactly at p = 0 and 1 exactly at
	// p = 1; the clamps and the exact ends only remove rounding dust (−1e−17, 0.9999999999999999).
	return {
		lower: p === 0 ? 0 : Math.max(0, (centre - halfWidth) / denominator),
		upper: p === 1 ? 1 : Math.min(1, (centre + halfWidth) / denominator)
	};
}
