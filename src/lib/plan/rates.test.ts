import { describe, expect, it } from 'vitest';
import { formatRate, judgeRate, latestRate, monthSpan, rateOf, ratesByMonth, sumRates, type RateCell } from './rates';

const cell = (over: Partial<RateCell>): RateCell => ({ kind: 'synced', month: '2024-07', unitId: 1, procedureFieldId: 1, numerator: 0, denominator: 0, unknown: 0, ...over });

describe('plan rates', () => {
	it('keeps numerator and denominator and divides them', () => {
		expect(rateOf({ numerator: 3, denominator: 4, unknown: 1 })).toEqual({ numerator: 3, denominator: 4, unknown: 1, value: 0.75 });
	});

	it('says no data for a zero denominator, even when cells were left empty', () => {
		expect(rateOf({ numerator: 0, denominator: 0, unknown: 12 }).value).toBeNull();
		expect(judgeRate(rateOf({ numerator: 0, denominator: 0, unknown: 12 }), { percent: 100, direction: 'at_least' })).toBe('no_data');
	});

	it('is 0% only when rows were filled and none qualifies', () => {
		const rate = rateOf({ numerator: 0, denominator: 5, unknown: 0 });
		expect(rate.value).toBe(0);
		expect(judgeRate(rate, { percent: 30, direction: 'at_least' })).toBe('below');
	});

	it('adds groups per kind, filtered by unit or field', () => {
		const cells = [
			cell({ unitId: 1, numerator: 9, denominator: 10, unknown: 1 }),
			cell({ unitId: 2, numerator: 1, denominator: 10 }),
			cell({ kind: 'digitised', unitId: 2, numerator: 3, denominator: 10 })
		];
		const all = sumRates(cells);
		expect(all.synced).toEqual({ numerator: 10, denominator: 20, unknown: 1, value: 0.5 });
		expect(all.digitised.value).toBe(0.3);
		expect(all.on_time.value).toBeNull();
		expect(sumRates(cells, (c) => c.unitId === 1).synced.value).toBe(0.9);
		expect(sumRates(cells, (c) => c.procedureFieldId === 7).synced.value).toBeNull();
	});

	it('judges the boundary exactly: 300 of 1000 meets at least 30%, 299 does not', () => {
		const target = { percent: 30, direction: 'at_least' } as const;
		expect(judgeRate(rateOf({ numerator: 300, denominator: 1000, unknown: 0 }), target)).toBe('met');
		expect(judgeRate(rateOf({ numerator: 299, denominator: 1000, unknown: 0 }), target)).toBe('below');
		expect(judgeRate(rateOf({ numerator: 1, denominator: 3, unknown: 0 }), { percent: 33.33, direction: 'at_least' })).toBe('met');
		expect(judgeRate(rateOf({ numerator: 2, denominator: 10, unknown: 0 }), { percent: 10, direction: 'at_most' })).toBe('below');
		expect(judgeRate(rateOf({ numerator: 1, denominator: 10, unknown: 0 }), null)).toBeNull();
	});

	it('lists every month of the range, empty ones as no data, and finds the latest with data', () => {
		const series = ratesByMonth([cell({ month: '2024-05', numerator: 1, denominator: 2 }), cell({ month: '2024-07', numerator: 0, denominator: 0, unknown: 3 })], ['2024-05', '2024-06', '2024-07']);
		expect(series.map((p) => p.rates.synced.value)).toEqual([0.5, null, null]);
		expect(latestRate(series, 'synced')).toEqual({ month: '2024-05', rate: { numerator: 1, denominator: 2, unknown: 0, value: 0.5 } });
		expect(latestRate(series, 'digitised')).toBeNull();
	});

	it('reads months in Asia/Ho_Chi_Minh: July starts at 17:00 UTC on 30 June', () => {
		const { start, end } = monthSpan('2024-07', '2024-09');
		expect(start.toISOString()).toBe('2024-06-30T17:00:00.000Z');
		expect(end.toISOString()).toBe('2024-09-30T17:00:00.000Z');
		expect(monthSpan('2024-12', '2024-12').end.toISOString()).toBe('2024-12-31T17:00:00.000Z');
	});

	it('formats with one decimal in each language', () => {
		expect(formatRate(0.8432, 'vi')).toBe('84,3%');
		expect(formatRate(1, 'en')).toBe('100.0%');
	});
});
