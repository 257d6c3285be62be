/**
 * How one stored answer counts (SIPAS.md §4): "answered" means 1–5, "satisfied" means 4 or 5;
 * N/A ("Không áp dụng", stored as null) and a skipped statement count in neither numerator nor
 * denominator.
 */

import type { ResponseCounts } from './sums';

/** 1–5; null for N/A; undefined when the respondent skipped the statement. */
export type Answer = number | null | undefined;

export function isAnswered(answer: Answer): answer is number {
	return typeof answer === 'number' && Number.isInteger(answer) && answer >= 1 && answer <= 5;
}

export function isSatisfied(answer: Answer): boolean {
	return answer === 4 || answer === 5;
}

/**
 * Turns one response's answers (criterion key → answer) into its per-dimension counts:
 * m = criteria of the dimension it answered, y = of those, satisfied. Criteria whose dimension is
 * unknown are ignored; dimensions with nothing answered are left out (m = 0 does not count).
 */
export function countResponse(
	answers: Readonly<Record<string, Answer>>,
	dimensionOf: (criterionKey: string) => string | undefined
): ResponseCounts {
	const counts: Record<string, { y: number; m: number }> = {};
	for (const [criterionKey, answer] of Object.entries(answers)) {
		if (!isAnswered(answer)) continue;
		const dimension = dimensionOf(criterionKey);
		if (dimension === undefined) continue;
		const c = (counts[dimension] ??= { y: 0, m: 0 });
		c.m += 1;
		if (isSatisfied(answer)) c.y += 1;
	}
	return counts;
}
