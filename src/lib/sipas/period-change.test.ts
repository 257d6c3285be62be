import { describe, expect, it } from 'vitest';
import { changeBetweenPeriods } from './period-change';
import { formatChange, formatChangeInterval, formatDecimal } from './format';
import { Z95 } from './wilson';

/** The numbers as SIPAS.md §10 prints them: d and the interval in points, z with three decimals. */
function shown(change: ReturnType<typeof changeBetweenPeriods>) {
	return {
		d: formatChange(change.difference! * 100),
		z: formatDecimal(change.z, 3),
		interval: formatChangeInterval(change.interval!.lower * 100, change.interval!.upper * 100),
		verdict: change.verdict
	};
}

describe('SIPAS.md §10 worked examples', () => {
	it('85% (V 0,0004) against 80% (V 0,0005): d = +5,00 points, s = 0,03, z = 1,667, −0,88 to +10,88: within chance', () => {
		const change = changeBetweenPeriods({ p: 0.85, variance: 0.0004, n: 400 }, { p: 0.8, variance: 0.0005, n: 300 });
		expect(change.standardError).toBeCloseTo(0.03, 12);
		expect(formatDecimal(change.standardError, 2)).toBe('0,03');
		expect(shown(change)).toEqual({ d: '+5,00 điểm %', z: '1,667', interval: '−0,88 đến +10,88 điểm %', verdict: 'within_chance' });
	});

	it('88% (V 0,0003) against 82% (V 0,0004): d = +6,00 points, z = 2,268, +0,81 to +11,19: beyond chance', () => {
		const change = changeBetweenPeriods({ p: 0.88, variance: 0.0003, n: 500 }, { p: 0.82, variance: 0.0004, n: 400 });
		expect(shown(change)).toEqual({ d: '+6,00 điểm %', z: '2,268', interval: '+0,81 đến +11,19 điểm %', verdict: 'beyond_chance' });
		expect(formatChangeInterval(change.interval!.lower * 100, change.interval!.upper * 100, 'en')).toBe('+0.81 to +11.19 pp');
	});
});

describe('changeBetweenPeriods', () => {
	it('is symmetric: a fall is as far beyond chance as the same rise', () => {
		const up = changeBetweenPeriods({ p: 0.88, variance: 0.0003, n: 500 }, { p: 0.82, variance: 0.0004, n: 400 });
		const down = changeBetweenPeriods({ p: 0.82, variance: 0.0004, n: 400 }, { p: 0.88, variance: 0.0003, n: 500 });
		expect(down.z).toBeCloseTo(-up.z!, 12);
		expect(down.verdict).toBe('beyond_chance');
		expect(formatChange(down.difference! * 100)).toBe('−6,00 điểm %');
	});

	it('calls |d/s| exactly at z beyond chance', () => {
		const s = 0.02;
		const change = changeBetweenPeriods({ p: 0.8 + Z95 * s, variance: s * s, n: 100 }, { p: 0.8, variance: 0, n: 100 });
		expect(change.z).toBeCloseTo(Z95, 9);
		expect(changeBetweenPeriods({ p: 0.5, variance: 0.0002, n: 100 }, { p: 0.5 - 1.959964 * 0.02, variance: 0.0002, n: 100 }).verdict).toBe('beyond_chance');
	});

	it('does not test a period under the minimum sample, however large the change', () => {
		const change = changeBetweenPeriods({ p: 0.95, variance: 0.001, n: 29 }, { p: 0.6, variance: 0.001, n: 400 }, 30);
		expect(change.verdict).toBe('too_few');
		// The numbers are still there for whoever wants them.
		expect(change.difference).toBeCloseTo(0.35, 12);
		expect(changeBetweenPeriods({ p: 0.95, variance: 0.001, n: 30 }, { p: 0.6, variance: 0.001, n: 400 }, 30).verdict).toBe('beyond_chance');
	});

	it('has nothing to test without an estimate or a variance', () => {
		expect(changeBetweenPeriods({ p: null, variance: null, n: 0 }, { p: 0.8, variance: 0.001, n: 100 })).toEqual({
			difference: null,
			standardError: null,
			z: null,
			interval: null,
			verdict: 'too_few'
		});
		expect(changeBetweenPeriods({ p: 1, variance: null, n: 1 }, { p: 0.8, variance: 0.001, n: 100 }, 1).verdict).toBe('too_few');
	});

	it('with no variance in either period, only an exact tie is within chance', () => {
		expect(changeBetweenPeriods({ p: 1, variance: 0, n: 40 }, { p: 1, variance: 0, n: 50 })).toMatchObject({ difference: 0, standardError: 0, z: null, verdict: 'within_chance' });
		expect(changeBetweenPeriods({ p: 1, variance: 0, n: 40 }, { p: 0, variance: 0, n: 50 })).toMatchObject({ z: null, verdict: 'beyond_chance' });
	});
});

describe('formatDecimal and formatChangeInterval', () => {
	it('use the reader’s decimal separator and U+2212 for minus', () => {
		expect(formatDecimal(-1.6667, 3)).toBe('−1,667');
		expect(formatDecimal(2.26779, 3, 'en')).toBe('2.268');
		expect(formatDecimal(null, 3)).toBe('—');
		expect(formatChangeInterval(-0.004, 3.5)).toBe('0,00 đến +3,50 điểm %');
		expect(formatChangeInterval(null, 1)).toBe('—');
	});
});
