/** SIPAS.md §5, end to end from the stored answers to the displayed numbers. */
import { describe, it, expect } from 'vitest';
import { countResponse, type Answer } from './answers';
import { accumulateCriteria, sumResponses, type CriteriaSums } from './sums';
import { estimateCriterion, estimateDimension } from './estimate';
import { referenceDimensionEstimate } from '../../../tests/helpers/sipas-reference';
import { formatInterval, formatPercent } from './format';

const D = 'service_access';
// Answers (criterion 1, criterion 2); null = N/A.
const answers: Record<string, Answer>[] = [
	{ C1: 5, C2: 4 }, // r1
	{ C1: 3, C2: null }, // r2
	{ C1: 4, C2: 2 }, // r3
	{ C1: null, C2: null }, // r4
	{ C1: 5, C2: 5 } // r5
];
const dimensionOf = () => D;

describe('SIPAS.md §5 worked example', () => {
	const criteria: CriteriaSums = {};
	for (const a of answers) accumulateCriteria(criteria, a);

	it('criterion 1: answered 4, satisfied 3 → 75,00%, Wilson 30,06%–95,44%', () => {
		const e = estimateCriterion(criteria.C1);
		expect(e.n).toBe(4);
		expect(e.satisfied).toBe(3);
		expect(formatPercent(e.p)).toBe('75,00%');
		expect(formatInterval(e.interval)).toBe('30,06%–95,44%');
	});

	it('criterion 2: answered 3, satisfied 2 → 66,67%, Wilson 20,77%–93,85%', () => {
		const e = estimateCriterion(criteria.C2);
		expect(e.n).toBe(3);
		expect(e.satisfied).toBe(2);
		expect(formatPercent(e.p)).toBe('66,67%');
		expect(formatInterval(e.interval)).toBe('20,77%–93,85%');
	});

	const responses = answers.map((a) => countResponse(a, dimensionOf));
	const sums = sumResponses(responses);

	it('dimension: n_d = 4, Σy = 5, Σm = 7 (r4 answered nothing)', () => {
		expect(responses[3]).toEqual({});
		expect(sums.dimensions[D]).toMatchObject({ n: 4, sumY: 5, sumM: 7 });
	});

	it('dimension: p = 71,43%, V = 0,036651, n* = 5,568, interval 32,52%–92,84%', () => {
		const e = estimateDimension(sums.dimensions[D]);
		expect(e.n).toBe(4);
		expect(formatPercent(e.p)).toBe('71,43%');
		expect(e.variance!.toFixed(6)).toBe('0.036651');
		expect(e.variance).toBeCloseTo(264 / 7203, 15); // 4/3 · (66/49) / 49
		expect(e.effectiveN!.toFixed(3)).toBe('5.568');
		expect(formatInterval(e.interval)).toBe('32,52%–92,84%');
	});

	it('the reference computation agrees', () => {
		const direct = referenceDimensionEstimate(responses, D);
		const viaSums = estimateDimension(sums.dimensions[D]);
		expect(direct.p).toBeCloseTo(viaSums.p!, 14);
		expect(direct.variance).toBeCloseTo(viaSums.variance!, 14);
		expect(formatInterval(direct.interval)).toBe('32,52%–92,84%');
	});

	it('is the mean of the criterion percentages only when everyone answers everything', () => {
		// 5/7 is not (75% + 66.67%)/2: r2 answered only one criterion.
		expect(estimateDimension(sums.dimensions[D]).p).not.toBeCloseTo((0.75 + 2 / 3) / 2, 4);
	});
});
