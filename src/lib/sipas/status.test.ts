import { describe, it, expect } from 'vitest';
import { DEFAULT_MINIMUM_SAMPLE, STATUS_LABELS, changePoints, judgeStatus, meanOfDimensions, goalForYear } from './status';
import { formatChange, formatPercent } from './format';

const T = 0.8619;
const at = (p: number, lower: number, upper: number, n = 100) => ({ p, n, interval: { lower, upper } });

describe('judgeStatus', () => {
	it('met when L ≥ T, including L = T exactly', () => {
		expect(judgeStatus(at(0.9, T, 0.95), T)).toBe('met');
		expect(judgeStatus(at(0.9, 0.87, 0.95), T)).toBe('met');
	});

	it('on track when p ≥ T > L, including p = T exactly', () => {
		expect(judgeStatus(at(T, 0.8, 0.9), T)).toBe('on_track');
		expect(judgeStatus(at(0.88, 0.8618999, 0.9), T)).toBe('on_track');
	});

	it('below when p < T ≤ U, including U = T exactly', () => {
		expect(judgeStatus(at(0.8618999, 0.8, 0.9), T)).toBe('below');
		expect(judgeStatus(at(0.84, 0.8, T), T)).toBe('below');
	});

	it('clearly below when U < T', () => {
		expect(judgeStatus(at(0.84, 0.8, 0.8618999), T)).toBe('clearly_below');
	});

	it('insufficient below the minimum sample (default 30), whatever the interval says', () => {
		expect(DEFAULT_MINIMUM_SAMPLE).toBe(30);
		expect(judgeStatus(at(0.99, 0.95, 1, 29), T)).toBe('insufficient');
		expect(judgeStatus(at(0.99, 0.95, 1, 30), T)).toBe('met');
		expect(judgeStatus(at(0.99, 0.95, 1, 10), T, 10)).toBe('met');
		expect(judgeStatus(at(0.99, 0.95, 1, 9), T, 10)).toBe('insufficient');
	});

	it('insufficient with no estimate (an index missing a dimension)', () => {
		expect(judgeStatus({ p: null, n: 500, interval: null }, T)).toBe('insufficient');
	});

	it('insufficient with an estimate but no interval, even if the minimum is set as low as 1', () => {
		expect(judgeStatus({ p: 1, n: 1, interval: null }, T, 1)).toBe('insufficient');
	});

	it('has the labels of the specification', () => {
		expect(Object.values(STATUS_LABELS.vi)).toEqual(['Đạt mục tiêu', 'Có khả năng đạt', 'Chưa đạt', 'Không đạt', 'Chưa đủ mẫu']);
	});
});

describe('changePoints', () => {
	it('is p − B in percentage points, without subtraction noise', () => {
		expect(changePoints(0.8545, 0.842)).toBe(1.25);
		expect(changePoints(0.8376, 0.8426)).toBe(-0.5);
		expect(formatChange(changePoints(0.8545, 0.842))).toBe('+1,25 điểm %');
		expect(formatChange(changePoints(0.8376, 0.8426))).toBe('−0,50 điểm %');
	});

	it('rounds a change of exactly half a hundredth up in magnitude', () => {
		expect(formatChange(changePoints(0.84515, 0.8326))).toBe('+1,26 điểm %');
	});

	it('is null without an estimate or a baseline', () => {
		expect(changePoints(null, 0.8)).toBeNull();
		expect(changePoints(0.8, null)).toBeNull();
		expect(changePoints(0.8, undefined)).toBeNull();
	});
});

describe('goalForYear', () => {
	const targets = { 2024: 0.8619, 2026: 0.88 };

	it('uses the target of the period’s own year', () => {
		expect(goalForYear(targets, 2024)).toBe(0.8619);
		expect(goalForYear(targets, 2026)).toBe(0.88);
	});

	it('falls back to the latest earlier year', () => {
		expect(goalForYear(targets, 2025)).toBe(0.8619);
		expect(goalForYear(targets, 2030)).toBe(0.88);
	});

	it('is null before the first target', () => {
		expect(goalForYear(targets, 2023)).toBeNull();
		expect(goalForYear({}, 2024)).toBeNull();
	});

	it('works on a map that came through JSON (string keys)', () => {
		expect(goalForYear(JSON.parse('{"2026": 0.88, "2024": 0.8619}') as Record<number, number>, 2025)).toBe(0.8619);
	});
});

describe('meanOfDimensions', () => {
	it('gives the overall 2023 baseline of 83,97%', () => {
		const baselines2023 = [0.8326, 0.8295, 0.8419, 0.8409, 0.849, 0.842, 0.842];
		expect(formatPercent(meanOfDimensions(baselines2023))).toBe('83,97%');
		expect(formatPercent(meanOfDimensions(baselines2023.slice(0, 2)))).toBe('83,11%');
	});

	it('is null when a dimension has no value, or there are none', () => {
		expect(meanOfDimensions([0.8, null])).toBeNull();
		expect(meanOfDimensions([0.8, undefined])).toBeNull();
		expect(meanOfDimensions([])).toBeNull();
	});
});
