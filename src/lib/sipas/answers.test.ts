import { describe, it, expect } from 'vitest';
import { countResponse, isAnswered, isSatisfied } from './answers';

describe('answers', () => {
	it('answered means an integer 1–5; N/A, missing and anything else do not count', () => {
		expect([1, 2, 3, 4, 5].every(isAnswered)).toBe(true);
		expect([null, undefined, 0, 6, 4.5, Number.NaN].some(isAnswered)).toBe(false);
	});

	it('satisfied means 4 or 5', () => {
		expect([1, 2, 3, 4, 5, null].map(isSatisfied)).toEqual([false, false, false, true, true, false]);
	});

	it('counts a response per dimension, leaving out dimensions with nothing answered', () => {
		const dimensionOf = (key: string) => ({ SA1: 'service_access', SA2: 'service_access', TT1: 'procedures' })[key];
		expect(countResponse({ SA1: 5, SA2: 2, TT1: null, XX9: 5 }, dimensionOf)).toEqual({ service_access: { y: 1, m: 2 } });
	});
});
