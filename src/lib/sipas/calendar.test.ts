import { describe, expect, it } from 'vitest';
import {
	addDays,
	addMonths,
	countDays,
	daysBetween,
	daysInMonth,
	instantOfLocal,
	isDayKey,
	isMonthKey,
	lastDayOf,
	localDate,
	localDayKey,
	localMonthKey,
	localWallClock,
	monthsBetween,
	parseDayKey,
	quarterOf,
	startOfLocalMonth
} from './calendar';

describe('days and months in Asia/Ho_Chi_Minh (UTC+7, no daylight saving)', () => {
	it('puts 17:00 UTC on the last day of a month into the next month', () => {
		expect(localDayKey(new Date('2024-07-31T16:59:59.999Z'))).toBe('2024-07-31');
		expect(localDayKey(new Date('2024-07-31T17:00:00Z'))).toBe('2024-08-01');
		expect(localMonthKey(new Date('2024-07-31T16:59:59Z'))).toBe('2024-07');
		expect(localMonthKey(new Date('2024-07-31T17:00:00Z'))).toBe('2024-08');
	});

	it('turns the year at 17:00 UTC on 31 December', () => {
		expect(localMonthKey(new Date('2024-12-31T17:00:00Z'))).toBe('2025-01');
		expect(localDayKey(new Date('2024-12-31T16:00:00Z'))).toBe('2024-12-31');
	});
});

describe('month arithmetic', () => {
	it('adds and subtracts months across years', () => {
		expect(addMonths('2024-01', -1)).toBe('2023-12');
		expect(addMonths('2024-11', 3)).toBe('2025-02');
		expect(addMonths('2024-03', -14)).toBe('2023-01');
		expect(monthsBetween('2023-11', '2024-02')).toEqual(['2023-11', '2023-12', '2024-01', '2024-02']);
		expect(monthsBetween('2024-02', '2024-01')).toEqual([]);
	});

	it('knows month lengths, leap Februaries included', () => {
		expect(lastDayOf('2024-02')).toBe('2024-02-29');
		expect(lastDayOf('2023-02')).toBe('2023-02-28');
		expect(lastDayOf('2024-04')).toBe('2024-04-30');
		expect(lastDayOf('2024-12')).toBe('2024-12-31');
	});

	it('validates keys', () => {
		expect(isMonthKey('2024-07')).toBe(true);
		expect(isMonthKey('2024-13')).toBe(false);
		expect(isMonthKey('2024-7')).toBe(false);
		expect(isDayKey('2024-02-29')).toBe(true);
		expect(isDayKey('2023-02-29')).toBe(false);
		expect(isDayKey('2024-04-31')).toBe(false);
		expect(() => addMonths('July', 1)).toThrow(RangeError);
	});
});

describe('localDate', () => {
	it('turns the year at 17:00 UTC on 31 December', () => {
		expect(localDate(new Date('2023-12-31T17:00:00Z'))).toEqual({ year: 2024, month: 1, day: 1 });
	});

	it('is the same day from 17:00 UTC the day before to 16:59:59.999 UTC', () => {
		expect(localDate(new Date('2024-03-09T17:00:00Z'))).toEqual({ year: 2024, month: 3, day: 10 });
		expect(localDate(new Date('2024-03-10T16:59:59.999Z'))).toEqual({ year: 2024, month: 3, day: 10 });
	});

	it('has no daylight saving: the same offset in January and July', () => {
		expect(localWallClock(new Date('2024-01-15T02:30:00Z')).getUTCHours()).toBe(9);
		expect(localWallClock(new Date('2024-07-15T02:30:00Z')).getUTCHours()).toBe(9);
	});
});

describe('localDayKey', () => {
	it('gives the calendar date in Asia/Ho_Chi_Minh', () => {
		expect(localDayKey(new Date('2024-06-30T16:59:59Z'))).toBe('2024-06-30');
		expect(localDayKey(new Date('2024-06-30T17:00:00Z'))).toBe('2024-07-01');
	});

	it('reaches 29 February in a leap year only', () => {
		expect(localDayKey(new Date('2024-02-28T17:00:00Z'))).toBe('2024-02-29');
		expect(localDayKey(new Date('2023-02-28T17:00:00Z'))).toBe('2023-03-01');
		expect(localMonthKey(new Date('2024-02-29T16:59:59Z'))).toBe('2024-02');
		expect(localMonthKey(new Date('2024-02-29T17:00:00Z'))).toBe('2024-03');
	});
});

describe('instants of local times', () => {
	it('puts local midnight at 17:00 UTC the day before', () => {
		expect(instantOfLocal(2024, 8, 1).toISOString()).toBe('2024-07-31T17:00:00.000Z');
		expect(instantOfLocal(2024, 3, 5, 9, 30).toISOString()).toBe('2024-03-05T02:30:00.000Z');
		expect(startOfLocalMonth('2025-01').toISOString()).toBe('2024-12-31T17:00:00.000Z');
		expect(startOfLocalMonth('2024-03').toISOString()).toBe('2024-02-29T17:00:00.000Z');
	});

	it('lets fields overflow as Date.UTC does', () => {
		expect(instantOfLocal(2024, 3, 0).toISOString()).toBe(instantOfLocal(2024, 2, 29).toISOString());
		expect(instantOfLocal(2024, 12, 31, 0, 24 * 60).toISOString()).toBe(startOfLocalMonth('2025-01').toISOString());
	});

	it('round-trips with the local date and wall clock', () => {
		for (const iso of ['2024-07-31T16:59:59.999Z', '2024-07-31T17:00:00Z', '2024-12-31T17:00:00Z', '2024-02-28T23:15:00Z']) {
			const instant = new Date(iso);
			const local = localWallClock(instant);
			const back = instantOfLocal(local.getUTCFullYear(), local.getUTCMonth() + 1, local.getUTCDate(), local.getUTCHours(), local.getUTCMinutes(), local.getUTCSeconds(), local.getUTCMilliseconds());
			expect(back.getTime()).toBe(instant.getTime());
			expect(localDayKey(instant)).toBe(local.toISOString().slice(0, 10));
		}
	});
});

describe('day arithmetic', () => {
	it('adds days across month and year ends, leap days included', () => {
		expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
		expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
		expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
		expect(addDays('2025-01-01', -1)).toBe('2024-12-31');
	});

	it('counts and lists days, both ends included', () => {
		expect(countDays('2024-07-01', '2024-07-01')).toBe(1);
		expect(countDays('2024-02-01', '2024-03-01')).toBe(30);
		expect(countDays('2023-01-01', '2024-12-31')).toBe(731);
		expect(daysBetween('2024-02-27', '2024-03-01')).toEqual(['2024-02-27', '2024-02-28', '2024-02-29', '2024-03-01']);
		expect(daysBetween('2024-03-02', '2024-03-01')).toEqual([]);
	});

	it('knows the days of a month and the quarter of a month', () => {
		expect(daysInMonth(2024, 2)).toBe(29);
		expect(daysInMonth(2100, 2)).toBe(28);
		expect(daysInMonth(2000, 2)).toBe(29);
		expect([1, 3, 4, 6, 7, 9, 10, 12].map(quarterOf)).toEqual([1, 1, 2, 2, 3, 3, 4, 4]);
	});

	it('refuses what is not a day', () => {
		expect(() => parseDayKey('2023-02-29')).toThrow(RangeError);
		expect(() => addDays('2024-7-01', 1)).toThrow(RangeError);
	});
});
