import { describe, it, expect } from 'vitest';
import { Z95, wilson } from './wilson';

describe('wilson', () => {
	it('uses z = 1.959964', () => {
		expect(Z95).toBe(1.959964);
	});

	it('matches SIPAS.md §5 for the two criteria', () => {
		const c1 = wilson(0.75, 4);
		expect(c1.lower.toFixed(4)).toBe('0.3006');
		expect(c1.upper.toFixed(4)).toBe('0.9544');
		const c2 = wilson(2 / 3, 3);
		expect(c2.lower.toFixed(4)).toBe('0.2077');
		expect(c2.upper.toFixed(4)).toBe('0.9385');
	});

	it('starts exactly at 0 for p = 0 and ends exactly at 1 for p = 1', () => {
		expect(wilson(0, 10).lower).toBe(0);
		expect(wilson(0, 10).upper).toBeCloseTo(Z95 ** 2 / (10 + Z95 ** 2), 12);
		expect(wilson(1, 10).upper).toBe(1);
		expect(wilson(1, 10).lower).toBeCloseTo(10 / (10 + Z95 ** 2), 12);
	});

	it('contains p and narrows as n grows', () => {
		for (const p of [0.1, 0.5, 0.9]) {
			const small = wilson(p, 10);
			const large = wilson(p, 1000);
			expect(small.lower).toBeLessThanOrEqual(p);
			expect(small.upper).toBeGreaterThanOrEqual(p);
			expect(large.upper - large.lower).toBeLessThan(small.upper - small.lower);
		}
	});

	it('accepts a non-integer effective sample size', () => {
		const w = wilson(5 / 7, 5.568);
		expect(w.lower).toBeGreaterThan(0);
		expect(w.upper).toBeLessThan(1);
	});

	it('rejects n ≤ 0 and p outside [0, 1]', () => {
		expect(() => wilson(0.5, 0)).toThrow(RangeError);
		expect(() => wilson(1.1, 10)).toThrow(RangeError);
		expect(() => wilson(Number.NaN, 10)).toThrow(RangeError);
	});
});
