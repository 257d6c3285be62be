/**
 * Reading an estimate against its baseline and target (SIPAS.md §4). Estimates, baselines and
 * targets are all proportions in [0, 1] here; the database keeps goals as percents (83.26), so
 * divide by 100 when loading them.
 */

import type { Locale } from '../i18n';
import type { Interval } from './wilson';

/** In the order a report lists them, best first. */
export const STATUSES = ['met', 'on_track', 'below', 'clearly_below', 'insufficient'] as const;
export type Status = (typeof STATUSES)[number];

export const STATUS_LABELS: Readonly<Record<Locale, Readonly<Record<Status, string>>>> = {
	vi: {
		met: 'Đạt mục tiêu',
		on_track: 'Có khả năng đạt',
		below: 'Chưa đạt',
		clearly_below: 'Không đạt',
		insufficient: 'Chưa đủ mẫu'
	},
	en: {
		met: 'Target met',
		on_track: 'On track',
		below: 'Below target',
		clearly_below: 'Clearly below target',
		insufficient: 'Too few responses'
	}
};

/** Below this many responses no status other than "insufficient" is given; configurable. */
export const DEFAULT_MINIMUM_SAMPLE = 30;

/** What judging needs from a dimension, index (or criterion) estimate. */
export interface JudgedEstimate {
	readonly p: number | null;
	readonly n: number;
	readonly interval: Interval | null;
}

/**
 * Status of an estimate against target T, from its interval [L, U]:
 *   met           L ≥ T
 *   on_track      p ≥ T > L
 *   below         p < T ≤ U
 *   clearly_below U < T
 *   insufficient  no estimate, or n below the minimum sample
 * The checks run in that order, so every estimate gets exactly one status even if rounding ever put
 * p outside its own interval.
 *
 * An estimate with n ≥ minimum but no interval cannot occur with a minimum of 2 or more (an
 * interval exists from n = 2). If the minimum is configured below 2 it can, and then the estimate
 * is "insufficient": without an interval there is no telling met from on_track or below from
 * clearly_below, and claiming either would overstate a one-response estimate.
 */
export function judgeStatus(estimate: JudgedEstimate, target: number, minimumSample: number = DEFAULT_MINIMUM_SAMPLE): Status {
	const { p, n, interval } = estimate;
	if (p === null || n < minimumSample || interval === null) return 'insufficient';
	if (interval.lower >= target) return 'met';
	if (p >= target) return 'on_track';
	if (interval.upper >= target) return 'below';
	return 'clearly_below';
}

/**
 * change = p − B in percentage points (0.8545 − 0.8420 → 1.25). Rounded to 12 significant digits
 * to drop the binary noise of the subtraction (1.2499999999999956), so that a change that is
 * exactly half a hundredth rounds for display the way hand arithmetic would.
 */
export function changePoints(p: number | null, baseline: number | null | undefined): number | null {
	if (p === null || baseline === null || baseline === undefined) return null;
	return Number(((p - baseline) * 100).toPrecision(12));
}

/**
 * A baseline or target from a {year: value} map: the value of `year`, else of the latest earlier
 * year; null when no year at or before `year` has one. For targets this is SIPAS.md §4's "a year
 * without a target of its own uses the latest earlier year's"; baselines ask it for the year before
 * the period's (goalsForYear in src/lib/server/goals).
 */
export function goalForYear<T>(byYear: Readonly<Record<number, T>>, year: number): T | null {
	let bestYear = -Infinity;
	let best: T | null = null;
	for (const [key, value] of Object.entries(byYear) as [string, T][]) {
		const y = Number(key);
		if (value === null || value === undefined || !Number.isInteger(y)) continue;
		if (y <= year && y > bestYear) {
			bestYear = y;
			best = value;
		}
	}
	return best;
}

/**
 * An index's default baseline or target: the mean of its dimensions' values (overall 2023:
 * 83,97%). Null if any dimension lacks a value, because a mean over some dimensions would be a
 * different index.
 */
export function meanOfDimensions(values: readonly (number | null | undefined)[]): number | null {
	if (values.length === 0) return null;
	let total = 0;
	for (const value of values) {
		if (value === null || value === undefined) return null;
		total += value;
	}
	return total / values.length;
}
