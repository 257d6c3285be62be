import { describe, it, expect } from 'vitest';
import {
	accumulateCriteria,
	accumulateResponse,
	emptySums,
	mergeCriteriaSums,
	mergeSums,
	pairKey,
	splitPairKey,
	sumResponses,
	type CriteriaSums,
	type ResponseCounts
} from './sums';

const twoDims = [{ key: 'both', dimensions: ['a', 'b'] }];

describe('pairKey', () => {
	it('is the same whichever order the dimensions come in', () => {
		expect(pairKey('service_access', 'procedures')).toBe('procedures|service_access');
		expect(pairKey('procedures', 'service_access')).toBe('procedures|service_access');
		expect(splitPairKey('procedures|service_access')).toEqual(['procedures', 'service_access']);
	});

	it('refuses a dimension paired with itself and malformed keys', () => {
		expect(() => pairKey('a', 'a')).toThrow(RangeError);
		expect(() => splitPairKey('a')).toThrow(RangeError);
	});
});

describe('accumulateResponse', () => {
	it('adds per-dimension sums and oriented pair products', () => {
		const sums = emptySums();
		// b is given first; the pair must still be stored as a|b with a's counts first.
		accumulateResponse(sums, { b: { y: 1, m: 3 }, a: { y: 2, m: 2 } }, twoDims);
		accumulateResponse(sums, { a: { y: 0, m: 1 } }, twoDims);
		expect(sums.dimensions.a).toEqual({ n: 2, sumM: 3, sumY: 2, sumY2: 4, sumYM: 4, sumM2: 5 });
		expect(sums.dimensions.b).toEqual({ n: 1, sumM: 3, sumY: 1, sumY2: 1, sumYM: 3, sumM2: 9 });
		expect(sums.pairs['a|b']).toEqual({ sumYY: 2, sumYM: 6, sumMY: 2, sumMM: 6 });
		expect(sums.indexes.both).toEqual({ n: 2 });
	});

	it('ignores dimensions with m = 0 and counts index n only for responses with an answer in it', () => {
		const sums = emptySums();
		const indexes = [
			{ key: 'ab', dimensions: ['a', 'b'] },
			{ key: 'c', dimensions: ['c'] }
		];
		accumulateResponse(sums, { a: { y: 0, m: 0 }, c: { y: 1, m: 1 } }, indexes);
		accumulateResponse(sums, {}, indexes);
		expect(sums.dimensions.a).toBeUndefined();
		expect(sums.pairs).toEqual({});
		expect(sums.indexes).toEqual({ c: { n: 1 } });
	});

	it('rejects impossible counts', () => {
		expect(() => accumulateResponse(emptySums(), { a: { y: 3, m: 2 } })).toThrow(RangeError);
		expect(() => accumulateResponse(emptySums(), { a: { y: -1, m: 2 } })).toThrow(RangeError);
		expect(() => accumulateResponse(emptySums(), { a: { y: 0.5, m: 2 } })).toThrow(RangeError);
	});

	it('keeps overall, service and policy n by default', () => {
		const sums = sumResponses([{ policy_accountability: { y: 1, m: 1 } }, { procedures: { y: 0, m: 2 } }]);
		expect(sums.indexes).toEqual({ overall: { n: 2 }, policy: { n: 1 }, service: { n: 1 } });
	});
});

describe('mergeSums', () => {
	const first: ResponseCounts[] = [{ a: { y: 1, m: 2 }, b: { y: 1, m: 1 } }, { a: { y: 2, m: 2 } }];
	const second: ResponseCounts[] = [{ b: { y: 0, m: 3 } }, { a: { y: 1, m: 1 }, b: { y: 2, m: 2 } }];

	it('equals summing everything at once, and does not modify its arguments', () => {
		const a = sumResponses(first, twoDims);
		const b = sumResponses(second, twoDims);
		const aBefore = structuredClone(a);
		expect(mergeSums(a, b)).toEqual(sumResponses([...first, ...second], twoDims));
		expect(a).toEqual(aBefore);
	});

	it('has the empty sums as identity and is commutative', () => {
		const a = sumResponses(first, twoDims);
		const b = sumResponses(second, twoDims);
		expect(mergeSums(a, emptySums())).toEqual(a);
		expect(mergeSums(a, b)).toEqual(mergeSums(b, a));
	});

	it('survives a JSON round trip (plain numbers only)', () => {
		const a = sumResponses(first, twoDims);
		expect(JSON.parse(JSON.stringify(a))).toEqual(a);
	});
});

describe('criterion sums', () => {
	it('count answered (1–5) and satisfied (4–5), leaving N/A and missing out', () => {
		const sums: CriteriaSums = {};
		accumulateCriteria(sums, { PA1: 5, PA2: 3, PA3: null });
		accumulateCriteria(sums, { PA1: 4, PA2: undefined, PA3: null });
		expect(sums).toEqual({ PA1: { n: 2, satisfied: 2 }, PA2: { n: 1, satisfied: 0 } });
	});

	it('merge by adding', () => {
		expect(mergeCriteriaSums({ PA1: { n: 2, satisfied: 1 } }, { PA1: { n: 1, satisfied: 1 }, PA2: { n: 1, satisfied: 0 } })).toEqual({
			PA1: { n: 3, satisfied: 2 },
			PA2: { n: 1, satisfied: 0 }
		});
	});
});
