/** SIPAS.md §7: the worked example to every printed digit, the edge cases, and the properties. */
import { describe, it, expect } from 'vitest';
import { countResponse, type Answer } from './answers';
import { DIMENSION_KEYS, indexDefinition } from './dimensions';
import { estimateDimension, estimateIndex } from './estimate';
import { formatInterval, formatPercent } from './format';
import { accumulateCriteria, sumResponses, type CriteriaSums, type ResponseCounts } from './sums';
import {
	designEffect,
	stratumWeights,
	weightOf,
	weightedCriterion,
	weightedDimension,
	weightedIndex,
	weightedSums,
	type StratumCount
} from './weighting';
import { wilson } from './wilson';
import {
	referenceWeightedDimension,
	referenceWeightedIndex,
	type WeightedResponse
} from '../../../tests/helpers/sipas-reference';
import { randomInt, seededRandom } from '../../../tests/helpers/random';

const D = 'service_access';
const dimensionOf = () => D;
const answersC: Record<string, Answer>[] = [
	{ C1: 5, C2: 4 }, // r1
	{ C1: 3, C2: null }, // r2
	{ C1: 4, C2: 2 }, // r3
	{ C1: null, C2: null } // r4, answered nothing
];
const answersO: Record<string, Answer>[] = [
	{ C1: 5, C2: 5 }, // r5
	{ C1: 2, C2: 4 } // r6
];

function criteriaOf(answers: Record<string, Answer>[]): CriteriaSums {
	const sums: CriteriaSums = {};
	for (const a of answers) accumulateCriteria(sums, a);
	return sums;
}

describe('SIPAS.md §7 worked example (k = 1, one procedure field)', () => {
	const sumsC = sumResponses(answersC.map((a) => countResponse(a, dimensionOf)));
	const sumsO = sumResponses(answersO.map((a) => countResponse(a, dimensionOf)));
	const strata: StratumCount[] = [
		{ cell: 'in_person|1', frame: 20, responses: sumsC.indexes.overall!.n },
		{ cell: 'online|1', frame: 80, responses: sumsO.indexes.overall!.n }
	];
	const weights = stratumWeights(strata, 1);
	const wC = weightOf(weights, 'in_person|1');
	const wO = weightOf(weights, 'online|1');
	const weighted = weightedSums([
		{ weight: wC, sums: sumsC },
		{ weight: wO, sums: sumsO }
	]);

	it('n_C = 3 (r4 answered nothing), n_O = 2, w_C = 20/3, w_O = 40; everything covered', () => {
		expect(strata.map((s) => s.responses)).toEqual([3, 2]);
		expect(wC).toBe(20 / 3);
		expect(wO).toBe(40);
		expect(weights.residual).toEqual({ frame: 0, responses: 0, weight: 0 });
		expect(weights.frame).toBe(100);
		expect(weights.coverage).toBe(1);
		expect(weights.unweighted).toBe(0);
	});

	const unweighted = estimateDimension(sumResponses([...answersC, ...answersO].map((a) => countResponse(a, dimensionOf))).dimensions[D]);

	it('dimension unweighted (n = 5): p = 66,67%, V = 0,024005, n* = 9,257, interval 35,79%–87,77%', () => {
		expect(unweighted.n).toBe(5);
		expect(formatPercent(unweighted.p)).toBe('66,67%');
		expect(unweighted.variance!.toFixed(6)).toBe('0.024005');
		expect(unweighted.effectiveN!.toFixed(3)).toBe('9.257');
		expect(formatInterval(unweighted.interval)).toBe('35,79%–87,77%');
	});

	const e = weightedDimension(weighted, D);

	it('dimension weighted: p = 140/193,33 = 72,41%, V = 0,028571, n* = 6,992, interval 36,69%–92,24%', () => {
		expect(weighted.first.dimensions[D]!.sumY).toBeCloseTo(140, 12);
		expect(weighted.first.dimensions[D]!.sumM.toFixed(2)).toBe('193.33');
		expect(e.n).toBe(5);
		expect(e.p).toBeCloseTo(140 / (580 / 3), 15);
		expect(formatPercent(e.p)).toBe('72,41%');
		expect(e.variance!.toFixed(6)).toBe('0.028571');
		expect(e.effectiveN!.toFixed(3)).toBe('6.992');
		expect(formatInterval(e.interval)).toBe('36,69%–92,24%');
	});

	it('deff = 1,190', () => {
		expect(designEffect(e.variance, unweighted.variance)!.toFixed(3)).toBe('1.190');
	});

	const criteria = [
		{ weight: wC, criteria: criteriaOf(answersC) },
		{ weight: wO, criteria: criteriaOf(answersO) }
	];

	it('criterion 1 weighted: 53,33%, n_K = 3,000, interval 14,03%–88,89%', () => {
		const c = weightedCriterion(criteria, 'C1');
		expect(formatPercent(c.p)).toBe('53,33%');
		expect(c.kishN!.toFixed(3)).toBe('3.000');
		expect(formatInterval(c.interval)).toBe('14,03%–88,89%');
		expect(c.n).toBe(5);
		expect(c.satisfied).toBe(3);
	});

	it('criterion 2 weighted: 92,86%, n_K = 2,649, interval 35,30%–99,68%', () => {
		const c = weightedCriterion(criteria, 'C2');
		expect(formatPercent(c.p)).toBe('92,86%');
		expect(c.kishN!.toFixed(3)).toBe('2.649');
		expect(formatInterval(c.interval)).toBe('35,30%–99,68%');
	});

	it('the response-by-response reading of §7 agrees', () => {
		const responses: WeightedResponse[] = [
			...answersC.map((a) => ({ counts: countResponse(a, dimensionOf), weight: wC })),
			...answersO.map((a) => ({ counts: countResponse(a, dimensionOf), weight: wO }))
		];
		const direct = referenceWeightedDimension(responses, D);
		expect(direct.p).toBeCloseTo(e.p!, 14);
		expect(direct.variance).toBeCloseTo(e.variance!, 14);
		expect(direct.n).toBe(e.n);
	});
});

describe('cells, the residual and coverage', () => {
	it('a cell under k joins the residual, which takes N_R/n_R', () => {
		const w = stratumWeights(
			[
				{ cell: 'in_person|1', frame: 50, responses: 12 },
				{ cell: 'online|1', frame: 300, responses: 4 }, // under k = 10
				{ cell: 'postal|1', frame: 30, responses: 6 } // under k too
			],
			10
		);
		expect([...w.kept]).toEqual([['in_person|1', 50 / 12]]);
		expect(w.residual).toEqual({ frame: 330, responses: 10, weight: 33 });
		expect(weightOf(w, 'online|1')).toBe(33);
		expect(weightOf(w, 'postal|1')).toBe(33);
		expect(w.coverage).toBe(1);
	});

	it('an empty residual: every cell kept, N_R = n_R = 0, weight 0 and nothing unweighted', () => {
		const w = stratumWeights([{ cell: 'a', frame: 10, responses: 10 }], 10);
		expect(w.residual).toEqual({ frame: 0, responses: 0, weight: 0 });
		expect(w.coverage).toBe(1);
		expect(w.unweighted).toBe(0);
	});

	it('N_R > 0 with n_R = 0: those dossiers are unrepresented, coverage = 1 − N_R/N', () => {
		const w = stratumWeights(
			[
				{ cell: 'in_person|1', frame: 60, responses: 20 },
				{ cell: 'online|1', frame: 40, responses: 0 }
			],
			10
		);
		expect(w.residual).toEqual({ frame: 40, responses: 0, weight: 0 });
		expect(w.coverage).toBeCloseTo(0.6, 15);
		expect(w.unweighted).toBe(0);
	});

	it('responses outside the register (N_R = 0): weight 0, reported as a count', () => {
		const w = stratumWeights(
			[
				{ cell: 'in_person|1', frame: 60, responses: 20 },
				{ cell: 'online|2', frame: 0, responses: 7 }, // a field the register never returned
				{ cell: null, frame: 0, responses: 3 } // no procedure field: no cell
			],
			10
		);
		expect(w.residual).toEqual({ frame: 0, responses: 10, weight: 0 });
		expect(weightOf(w, 'online|2')).toBe(0);
		expect(weightOf(w, null)).toBe(0);
		expect(w.unweighted).toBe(10);
		expect(w.coverage).toBe(1);
	});

	it('responses with no cell count in the residual beside small cells', () => {
		const w = stratumWeights(
			[
				{ cell: 'in_person|1', frame: 60, responses: 20 },
				{ cell: 'online|1', frame: 40, responses: 2 },
				{ cell: null, frame: 0, responses: 3 }
			],
			10
		);
		expect(w.residual).toEqual({ frame: 40, responses: 5, weight: 8 });
		expect(weightOf(w, null)).toBe(8);
	});

	it('no register at all: no frame, no coverage', () => {
		const w = stratumWeights([{ cell: 'in_person|1', frame: 0, responses: 20 }], 10);
		expect(w.frame).toBe(0);
		expect(w.coverage).toBeNull();
		expect(weightOf(w, 'in_person|1')).toBe(0);
	});

	it('parts of one cell add up before the cell is judged', () => {
		const w = stratumWeights(
			[
				{ cell: 'a', frame: 30, responses: 0 },
				{ cell: 'a', frame: 0, responses: 10 }
			],
			10
		);
		expect(weightOf(w, 'a')).toBe(3);
	});

	it('the weighted estimate of responses all outside the register is none', () => {
		const sums = sumResponses([{ [D]: { y: 1, m: 1 } }, { [D]: { y: 0, m: 1 } }]);
		const e = weightedDimension(weightedSums([{ weight: 0, sums }]), D);
		expect(e).toEqual({ p: null, n: 0, variance: null, effectiveN: null, interval: null });
		expect(weightedCriterion([{ weight: 0, criteria: { C1: { n: 2, satisfied: 1 } } }], 'C1')).toMatchObject({ p: null, kishN: null });
	});

	it('deff is null without an unweighted variance or when it is 0', () => {
		expect(designEffect(0.01, null)).toBeNull();
		expect(designEffect(null, 0.01)).toBeNull();
		expect(designEffect(0.01, 0)).toBeNull();
		expect(designEffect(0.02, 0.01)).toBe(2);
	});
});

/** Random responses over all seven dimensions, in a few cells. */
function randomCells(seed: number, cells: number): { cell: string; responses: ResponseCounts[] }[] {
	const random = seededRandom(seed);
	return Array.from({ length: cells }, (_, i) => ({
		cell: `c${i}`,
		responses: Array.from({ length: randomInt(random, 2, 25) }, () =>
			Object.fromEntries(
				DIMENSION_KEYS.flatMap((key) => {
					if (random() < 0.15) return [];
					const m = randomInt(random, 1, 4);
					return [[key, { y: randomInt(random, 0, m), m }]];
				})
			)
		)
	}));
}

describe('properties', () => {
	const overall = indexDefinition('overall');
	const service = indexDefinition('service');

	for (const seed of [1, 2, 3, 4, 5]) {
		it(`weighted sums per cell equal the response-by-response computation (seed ${seed})`, () => {
			const cells = randomCells(seed, 5);
			const random = seededRandom(seed * 31);
			const weights = cells.map(() => (random() < 0.2 ? 0 : 1 + random() * 50));
			const ws = weightedSums(cells.map((c, i) => ({ weight: weights[i]!, sums: sumResponses(c.responses) })));
			const responses = cells.flatMap((c, i) => c.responses.map((counts) => ({ counts, weight: weights[i]! })));
			for (const key of DIMENSION_KEYS) {
				const viaSums = weightedDimension(ws, key);
				const direct = referenceWeightedDimension(responses, key);
				expect(viaSums.n).toBe(direct.n);
				if (direct.p === null) expect(viaSums.p).toBeNull();
				else expect(viaSums.p).toBeCloseTo(direct.p, 12);
				if (direct.variance === null) expect(viaSums.variance).toBeNull();
				else expect(viaSums.variance! / direct.variance).toBeCloseTo(1, 10);
			}
			for (const index of [overall, service]) {
				const viaSums = weightedIndex(ws, index);
				const direct = referenceWeightedIndex(responses, index);
				expect(viaSums.n).toBe(direct.n);
				expect(viaSums.missingDimensions).toEqual(direct.missingDimensions);
				if (direct.p !== null) expect(viaSums.p).toBeCloseTo(direct.p, 12);
				if (direct.variance !== null) expect(viaSums.variance! / direct.variance).toBeCloseTo(1, 10);
			}
		});

		it(`all weights equal: exactly §4, deff = 1 (seed ${seed})`, () => {
			const cells = randomCells(seed + 100, 4);
			const all = sumResponses(cells.flatMap((c) => c.responses));
			const ws = weightedSums(cells.map((c) => ({ weight: 7.25, sums: sumResponses(c.responses) })));
			for (const key of DIMENSION_KEYS) {
				const w = weightedDimension(ws, key);
				const u = estimateDimension(all.dimensions[key]);
				expect(w.n).toBe(u.n);
				expect(w.p).toBeCloseTo(u.p!, 14);
				expect(w.variance).toBeCloseTo(u.variance!, 14);
				expect(designEffect(w.variance, u.variance)).toBeCloseTo(1, 12);
				expect(w.interval!.lower).toBeCloseTo(u.interval!.lower, 12);
				expect(w.interval!.upper).toBeCloseTo(u.interval!.upper, 12);
			}
			const wo = weightedIndex(ws, overall);
			const uo = estimateIndex(all, overall);
			expect(wo.n).toBe(uo.n);
			expect(wo.p).toBeCloseTo(uo.p!, 14);
			expect(wo.variance! / uo.variance!).toBeCloseTo(1, 12);
		});
	}

	it('all weights equal: a weighted criterion is the §4 criterion (n_K = n)', () => {
		const c = weightedCriterion(
			[
				{ weight: 3, criteria: { C1: { n: 10, satisfied: 7 } } },
				{ weight: 3, criteria: { C1: { n: 5, satisfied: 2 } } }
			],
			'C1'
		);
		expect(c.p).toBeCloseTo(9 / 15, 15);
		expect(c.kishN).toBeCloseTo(15, 12);
		expect(c.interval!.lower).toBeCloseTo(wilson(9 / 15, 15).lower, 12);
	});
});
