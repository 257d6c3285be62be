/**
 * Is a change between two periods beyond chance? (SIPAS.md §10.) Two periods A and B that share no
 * days, in the same scope, each with its estimate p and linearised variance V of §4:
 *   d = p_A − p_B,  s = √(V_A + V_B),  interval d ± z·s,  z-score d/s;
 * beyond chance when |d/s| ≥ z (1,959964) and both periods have at least the minimum sample.
 * Pure arithmetic: proportions in [0, 1] in and out; points appear only when shown (format.ts).
 *
 * Not for the change against the 2023 baseline: the baseline is a published figure, not a sample
 * of ours, and the status against the target already uses the interval.
 */

import { DEFAULT_MINIMUM_SAMPLE } from './status';
import { Z95, type Interval } from './wilson';

/** What the test needs of one period's estimate (a dimension or an index, §4 or §7). */
export interface PeriodSample {
	/** The estimate, a proportion; null when nothing was answered. */
	readonly p: number | null;
	/** Linearised variance of p (§4); null when n < 2. */
	readonly variance: number | null;
	/** Responses behind the estimate (the n the minimum sample applies to). */
	readonly n: number;
}

/**
 * beyond_chance: |d/s| ≥ z with both samples large enough.
 * within_chance: both samples large enough, |d/s| < z.
 * too_few: either period has no estimate, no variance, or fewer responses than the minimum sample;
 * the movement is not tested, so the page says so rather than calling it within chance.
 */
export type ChangeVerdict = 'beyond_chance' | 'within_chance' | 'too_few';

export interface PeriodChange {
	/** d = p_A − p_B, a proportion (× 100 for points); null when either estimate is missing. */
	readonly difference: number | null;
	/** s = √(V_A + V_B); null when either variance is missing. */
	readonly standardError: number | null;
	/** d/s; null when d or s is missing, or s = 0. */
	readonly z: number | null;
	/** d ± z·s (not clipped: a difference may be negative); null when d or s is missing. */
	readonly interval: Interval | null;
	readonly verdict: ChangeVerdict;
}

/**
 * The change from period B (earlier) to period A (later). Where both variances are 0 (every
 * response in both periods equally satisfied, e.g. all satisfied), s = 0: a difference of exactly
 * 0 is within chance, any other is beyond it; z is then null.
 */
export function changeBetweenPeriods(a: PeriodSample, b: PeriodSample, minimumSample: number = DEFAULT_MINIMUM_SAMPLE): PeriodChange {
	const difference = a.p === null || b.p === null ? null : a.p - b.p;
	const standardError = a.variance === null || b.variance === null ? null : Math.sqrt(a.variance + b.variance);
	const interval =
		difference === null || standardError === null
			? null
			: { lower: difference - Z95 * standardError, upper: difference + Z95 * standardError };
	const z = difference === null || standardError === null || standardError === 0 ? null : difference / standardError;
	const enough = a.n >= minimumSample && b.n >= minimumSample;
	let verdict: ChangeVerdict;
	if (difference === null || standardError === null || !enough) verdict = 'too_few';
	else if (standardError === 0) verdict = difference === 0 ? 'within_chance' : 'beyond_chance';
	else verdict = Math.abs(difference / standardError) >= Z95 ? 'beyond_chance' : 'within_chance';
	return { difference, standardError, z, interval, verdict };
}
