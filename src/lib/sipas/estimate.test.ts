import { describe, it, expect } from 'vitest';
import { DIMENSION_KEYS, INDEXES, indexDefinition, type IndexDefinition } from './dimensions';
import { countResponse, type Answer } from './answers';
import { emptySums, mergeSums, sumResponses, type ResponseCounts } from './sums';
import { estimateCriterion, estimateDimension, estimateIndex, type DimensionEstimate } from './estimate';
import { referenceDimensionEstimate, referenceIndexEstimate } from '../../../tests/helpers/sipas-reference';
import { wilson } from './wilson';
import { randomInt, seededRandom } from '../../../tests/helpers/random';

const overall = indexDefinition('overall');

/** Everyone answers every dimension the same way. */
function uniform(n: number, counts: { y: number; m: number }): ResponseCounts[] {
	return Array.from({ length: n }, () => Object.fromEntries(DIMENSION_KEYS.map((d) => [d, counts])));
}

describe('edge cases', () => {
	it('no answers at all: no estimate anywhere, every dimension missing', () => {
		const sums = emptySums();
		expect(estimateCriterion(undefined)).toEqual({ p: null, n: 0, satisfied: 0, interval: null });
		expect(estimateDimension(sums.dimensions.procedures)).toEqual({ p: null, n: 0, variance: null, effectiveN: null, interval: null });
		const index = estimateIndex(sums, overall);
		expect(index.p).toBeNull();
		expect(index.interval).toBeNull();
		expect(index.missingDimensions).toEqual(DIMENSION_KEYS);
	});

	it('all N/A: the same as no answers', () => {
		const allNA: Record<string, Answer> = { SA1: null, SA2: null, TT1: null };
		const responses = Array.from({ length: 40 }, () => countResponse(allNA, (c) => (c.startsWith('SA') ? 'service_access' : 'procedures')));
		const sums = sumResponses(responses);
		expect(sums).toEqual(emptySums());
		expect(estimateDimension(sums.dimensions.service_access).p).toBeNull();
	});

	it('p = 0: variance 0, so n* = n and the interval is W(0, n)', () => {
		const e = estimateDimension(sumResponses(uniform(40, { y: 0, m: 3 })).dimensions.procedures);
		expect(e.p).toBe(0);
		expect(e.variance).toBe(0);
		expect(e.effectiveN).toBe(40);
		expect(e.interval).toEqual(wilson(0, 40));
		expect(e.interval!.lower).toBe(0);
	});

	it('p = 1: variance 0, so n* = n and the interval is W(1, n)', () => {
		const sums = sumResponses(uniform(40, { y: 3, m: 3 }));
		const e = estimateDimension(sums.dimensions.procedures);
		expect(e.p).toBe(1);
		expect(e.variance).toBe(0);
		expect(e.effectiveN).toBe(40);
		expect(e.interval).toEqual(wilson(1, 40));
		expect(e.interval!.upper).toBe(1);
		const index = estimateIndex(sums, overall);
		expect(index.p).toBe(1);
		expect(index.variance).toBe(0);
		expect(index.effectiveN).toBe(40);
	});

	it('0 < p < 1 with every response exactly alike: variance exactly 0, n* = n', () => {
		// Each response is one-third satisfied, so every e_rd = 0.
		const sums = sumResponses(uniform(35, { y: 1, m: 3 }));
		const e = estimateDimension(sums.dimensions.civil_servants);
		expect(e.p).toBeCloseTo(1 / 3, 15);
		expect(e.variance).toBe(0);
		expect(e.effectiveN).toBe(35);
		expect(estimateIndex(sums, overall).variance).toBe(0);
	});

	it('one response: an estimate but no variance and no interval', () => {
		const sums = sumResponses(uniform(1, { y: 2, m: 3 }));
		const e = estimateDimension(sums.dimensions.procedures);
		expect(e).toEqual({ p: 2 / 3, n: 1, variance: null, effectiveN: null, interval: null });
		const index = estimateIndex(sums, overall);
		expect(index.p).toBeCloseTo(2 / 3, 15);
		expect(index.n).toBe(1);
		expect(index.interval).toBeNull();
		expect(index.missingDimensions).toEqual([]);
	});

	it('a criterion answered once still has a (wide) Wilson interval', () => {
		expect(estimateCriterion({ n: 1, satisfied: 1 }).interval).toEqual(wilson(1, 1));
	});

	it('an index with a dimension nobody answered: no estimate, and it names the dimension', () => {
		const responses = uniform(50, { y: 2, m: 3 }).map(({ feedback_handling: _, ...rest }) => rest);
		const sums = sumResponses(responses);
		expect(estimateIndex(sums, overall)).toMatchObject({ p: null, interval: null, missingDimensions: ['feedback_handling'] });
		expect(estimateIndex(sums, indexDefinition('service')).missingDimensions).toEqual(['feedback_handling']);
		// The policy index does not need feedback_handling.
		expect(estimateIndex(sums, indexDefinition('policy')).p).toBeCloseTo(2 / 3, 15);
	});

	it('an index of a single dimension has the same variance as that dimension', () => {
		const responses: ResponseCounts[] = [
			{ a: { y: 1, m: 2 } },
			{ a: { y: 2, m: 2 } },
			{ a: { y: 0, m: 1 } },
			{ a: { y: 3, m: 4 } }
		];
		const single = { key: 'a-only', dimensions: ['a'] };
		const sums = sumResponses(responses, [single]);
		expect(estimateIndex(sums, single).variance).toBeCloseTo(estimateDimension(sums.dimensions.a).variance!, 15);
	});

	it('refuses sums that were built without the index, rather than guessing its n', () => {
		const sums = sumResponses(uniform(5, { y: 1, m: 2 }), []);
		expect(() => estimateIndex(sums, overall)).toThrow(/overall/);
	});
});

// ---------------------------------------------------------------------------------------------
// Randomized: the sums-based path equals the direct computation of SIPAS.md §4.

/** Criteria per dimension, as in questionnaire version 1 (PA1–PA3, PP1–PP3, SA1–SA4, …). */
const CRITERIA_PER_DIMENSION = [3, 3, 4, 5, 6, 3, 4];
const CRITERION_DIMENSION = new Map<string, string>(
	DIMENSION_KEYS.flatMap((d, i) => Array.from({ length: CRITERIA_PER_DIMENSION[i]! }, (_, k) => [`${d}#${k + 1}`, d] as [string, string]))
);

/**
 * One period's responses: the share satisfied and how often each dimension is skipped or marked
 * N/A vary by dataset, including the extremes (nobody satisfied, everybody satisfied, a dimension
 * nobody answers), so the cases where the arithmetic is most fragile come up often.
 */
function randomPeriod(random: () => number): ResponseCounts[] {
	const size = randomInt(random, 0, 80);
	const pick = <T>(options: readonly T[]) => options[randomInt(random, 0, options.length - 1)]!;
	const satisfiedShare = new Map<string, number>(DIMENSION_KEYS.map((d) => [d, pick([0, 1, 0.5, random(), random(), random()])]));
	const skipShare = new Map<string, number>(DIMENSION_KEYS.map((d) => [d, random() < 0.05 ? 1 : pick([0, 0.2, 0.6, 0.97])]));
	return Array.from({ length: size }, () => {
		const answers: Record<string, Answer> = {};
		for (const [criterion, d] of CRITERION_DIMENSION) {
			const u = random();
			if (u < skipShare.get(d)!) answers[criterion] = pick([null, undefined]);
			else answers[criterion] = random() < satisfiedShare.get(d)! ? pick([4, 5]) : pick([1, 2, 3]);
		}
		return countResponse(answers, (c) => CRITERION_DIMENSION.get(c));
	});
}

function expectClose(actual: number | null | undefined, expected: number | null | undefined, tolerance: number, what: string) {
	if (expected === null || expected === undefined) {
		expect(actual, what).toBe(expected);
		return;
	}
	expect(actual, what).not.toBeNull();
	expect(Math.abs(actual! - expected), `${what}: ${actual} vs ${expected}`).toBeLessThanOrEqual(tolerance);
}

function expectSameEstimate(viaSums: DimensionEstimate, direct: DimensionEstimate, what: string) {
	expect(viaSums.n, `${what} n`).toBe(direct.n);
	expectClose(viaSums.p, direct.p, 1e-12, `${what} p`);
	expectClose(viaSums.variance, direct.variance, 1e-12, `${what} variance`);
	// n* = p(1−p)/V magnifies tiny differences in V when V is tiny, so compare it relatively.
	expectClose(viaSums.effectiveN, direct.effectiveN, 1e-12 * Math.max(1, direct.effectiveN ?? 0), `${what} n*`);
	expectClose(viaSums.interval?.lower, direct.interval?.lower, 1e-12, `${what} lower`);
	expectClose(viaSums.interval?.upper, direct.interval?.upper, 1e-12, `${what} upper`);
}

describe('sums-based estimates equal the direct computation (seeded, 400 periods)', () => {
	const SEED = 20240701;
	const random = seededRandom(SEED);
	const periods = Array.from({ length: 400 }, () => randomPeriod(random));
	// Besides the three real indices, some arbitrary subsets, to exercise D = 1…7 and key order.
	const extraIndexes: IndexDefinition[] = [
		{ key: 'one', dimensions: ['procedures'] },
		{ key: 'unsorted', dimensions: ['service_results', 'civil_servants', 'policy_participation'] },
		{ key: 'reversed', dimensions: [...DIMENSION_KEYS].reverse() }
	];
	const indexes = [...INDEXES, ...extraIndexes];

	it('covers the interesting cases', () => {
		const estimates = periods.flatMap((responses) => DIMENSION_KEYS.map((d) => referenceDimensionEstimate(responses, d)));
		expect(estimates.some((e) => e.p === null)).toBe(true);
		expect(estimates.some((e) => e.p === 0 && e.interval)).toBe(true);
		expect(estimates.some((e) => e.p === 1 && e.interval)).toBe(true);
		expect(estimates.some((e) => e.n === 1)).toBe(true);
		expect(estimates.filter((e) => e.interval && e.p! > 0 && e.p! < 1).length).toBeGreaterThan(1000);
		const overallEstimates = periods.map((responses) => referenceIndexEstimate(responses, overall));
		expect(overallEstimates.some((e) => e.p === null)).toBe(true);
		expect(overallEstimates.filter((e) => e.interval).length).toBeGreaterThan(200);
	});

	it('for every dimension', () => {
		periods.forEach((responses, i) => {
			const sums = sumResponses(responses, indexes);
			for (const d of DIMENSION_KEYS) {
				expectSameEstimate(estimateDimension(sums.dimensions[d]), referenceDimensionEstimate(responses, d), `period ${i} ${d}`);
			}
		});
	});

	it('for every index', () => {
		periods.forEach((responses, i) => {
			const sums = sumResponses(responses, indexes);
			for (const index of indexes) {
				const viaSums = estimateIndex(sums, index);
				const direct = referenceIndexEstimate(responses, index);
				expect(viaSums.missingDimensions, `period ${i} ${index.key} missing`).toEqual(direct.missingDimensions);
				expectSameEstimate(viaSums, direct, `period ${i} ${index.key}`);
			}
		});
	});

	it('merging the sums of two halves equals the sums of the whole', () => {
		periods.forEach((responses) => {
			const cut = randomInt(random, 0, responses.length);
			const merged = mergeSums(sumResponses(responses.slice(0, cut), indexes), sumResponses(responses.slice(cut), indexes));
			// Sums of integer counts are exact, so equality is exact too.
			expect(merged).toEqual(sumResponses(responses, indexes));
		});
	});

	it('merging many small pieces (e.g. one per day) equals the whole', () => {
		const responses = periods.flat();
		let merged = emptySums();
		for (let start = 0; start < responses.length; start += 37) {
			merged = mergeSums(merged, sumResponses(responses.slice(start, start + 37), indexes));
		}
		const whole = sumResponses(responses, indexes);
		expect(merged).toEqual(whole);
		expectSameEstimate(estimateIndex(merged, overall), referenceIndexEstimate(responses, overall), 'all periods overall');
	});
});
