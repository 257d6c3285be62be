import { describe, it, expect } from 'vitest';
import { MINUS, formatChange, formatDate, formatInterval, formatMonth, formatPercent } from './format';

describe('formatPercent', () => {
	it('shows two decimals with a comma in Vietnamese and a point in English', () => {
		expect(formatPercent(0.8419)).toBe('84,19%');
		expect(formatPercent(0.8419, 'en')).toBe('84.19%');
		expect(formatPercent(5 / 7)).toBe('71,43%');
		expect(formatPercent(0)).toBe('0,00%');
		expect(formatPercent(1)).toBe('100,00%');
	});

	it('rounds half away from zero on the decimal value', () => {
		expect(formatPercent(0.84185)).toBe('84,19%');
		expect(formatPercent(0.012345)).toBe('1,23%');
	});

	it('shows a dash when there is no value', () => {
		expect(formatPercent(null)).toBe('—');
		expect(formatPercent(undefined)).toBe('—');
		expect(formatPercent(Number.NaN)).toBe('—');
	});

	it('shows an interval with an en dash', () => {
		expect(formatInterval({ lower: 0.3006, upper: 0.9544 })).toBe('30,06%–95,44%');
		expect(formatInterval({ lower: 0.3006, upper: 0.9544 }, 'en')).toBe('30.06%–95.44%');
		expect(formatInterval(null)).toBe('—');
	});
});

describe('formatChange', () => {
	it('always shows the sign, with U+2212 for minus', () => {
		expect(MINUS).toBe('\u2212');
		expect(formatChange(1.25)).toBe('+1,25 điểm %');
		expect(formatChange(-0.5)).toBe('\u22120,50 điểm %');
		expect(formatChange(1.25, 'en')).toBe('+1.25 pp');
		expect(formatChange(-0.5, 'en')).toBe('\u22120.50 pp');
		expect(formatChange(-12.345)).toBe('\u221212,35 điểm %');
	});

	it('shows a change that rounds to zero without a sign', () => {
		expect(formatChange(0)).toBe('0,00 điểm %');
		expect(formatChange(-0.004)).toBe('0,00 điểm %');
		expect(formatChange(0.004, 'en')).toBe('0.00 pp');
		expect(formatChange(-0.005)).toBe('\u22120,01 điểm %');
	});

	it('shows a dash when there is no value', () => {
		expect(formatChange(null)).toBe('—');
	});
});

describe('dates in Asia/Ho_Chi_Minh (UTC+7)', () => {
	it('turns the day at 17:00 UTC', () => {
		expect(formatDate(new Date('2024-07-13T16:59:59Z'))).toBe('13/07/2024');
		expect(formatDate(new Date('2024-07-13T17:00:00Z'))).toBe('14/07/2024');
	});

	it('turns the year at 17:00 UTC on 31 December', () => {
		expect(formatDate(new Date('2023-12-31T17:00:00Z'))).toBe('01/01/2024');
		expect(formatDate(new Date('2023-12-31T17:00:00Z'), 'en')).toBe('1 January 2024');
	});

	it('has no daylight saving: the same offset in January and July', () => {
		expect(formatDate(new Date('2024-01-15T20:00:00Z'))).toBe('16/01/2024');
		expect(formatDate(new Date('2024-07-15T20:00:00Z'))).toBe('16/07/2024');
	});
});

describe('formatMonth', () => {
	it('shows "Tháng 7/2024" and "July 2024"', () => {
		expect(formatMonth(2024, 7)).toBe('Tháng 7/2024');
		expect(formatMonth(2024, 12)).toBe('Tháng 12/2024');
		expect(formatMonth(2024, 7, 'en')).toBe('July 2024');
	});

	it('rejects a month outside 1–12', () => {
		expect(() => formatMonth(2024, 0)).toThrow(RangeError);
		expect(() => formatMonth(2024, 13)).toThrow(RangeError);
		expect(() => formatMonth(2024, 1.5)).toThrow(RangeError);
	});
});
