import { describe, expect, it } from 'vitest';
import { addWorkingDays, isWorkingDay, PLAIN_WEEK, workingDaysBetween, type WorkingCalendar } from './working-days';

// Tết 2025: Saturday 25 January to Sunday 2 February off; 2025-01-25 … 2025-02-02.
const tet2025: WorkingCalendar = {
	holidays: new Set(['2025-01-27', '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31']),
	workingWeekendDays: new Set()
};
// 30/4 and 1/5 2025 (Wednesday, Thursday), with Friday 2 May off and Saturday 26 April worked in exchange.
const reunion2025: WorkingCalendar = {
	holidays: new Set(['2025-04-30', '2025-05-01', '2025-05-02']),
	workingWeekendDays: new Set(['2025-04-26'])
};

describe('working days', () => {
	it('are Monday to Friday on a plain week', () => {
		expect(['2025-03-03', '2025-03-07'].map((d) => isWorkingDay(d, PLAIN_WEEK))).toEqual([true, true]);
		expect(['2025-03-08', '2025-03-09'].map((d) => isWorkingDay(d, PLAIN_WEEK))).toEqual([false, false]);
	});
	it('count from the day after receipt and skip weekends', () => {
		expect(addWorkingDays('2025-03-07', 1, PLAIN_WEEK)).toBe('2025-03-10'); // Friday → Monday
		expect(addWorkingDays('2025-03-08', 1, PLAIN_WEEK)).toBe('2025-03-10'); // Saturday → Monday
		expect(addWorkingDays('2025-03-03', 10, PLAIN_WEEK)).toBe('2025-03-17'); // Monday + 10 = Monday two weeks on
		expect(addWorkingDays('2025-03-05', 10, PLAIN_WEEK)).toBe('2025-03-19');
	});
	it('skip holidays, across a month and a year', () => {
		expect(addWorkingDays('2025-01-24', 1, tet2025)).toBe('2025-02-03');
		expect(addWorkingDays('2025-01-20', 10, tet2025)).toBe('2025-02-10'); // 4 days before Tết, 5 after
		expect(addWorkingDays('2024-12-31', 1, { holidays: new Set(['2025-01-01']), workingWeekendDays: new Set() })).toBe('2025-01-02');
	});
	it('count a weekend day worked in exchange', () => {
		expect(addWorkingDays('2025-04-25', 1, reunion2025)).toBe('2025-04-26'); // Friday → the Saturday worked
		expect(addWorkingDays('2025-04-29', 1, reunion2025)).toBe('2025-05-05'); // Tuesday → Monday after the holidays
		expect(addWorkingDays('2025-04-25', 3, reunion2025)).toBe('2025-04-29');
	});
	it('count the working days between two days', () => {
		expect(workingDaysBetween('2025-03-07', '2025-03-10', PLAIN_WEEK)).toBe(1);
		expect(workingDaysBetween('2025-03-07', '2025-03-07', PLAIN_WEEK)).toBe(0);
		expect(workingDaysBetween('2025-01-20', '2025-02-10', tet2025)).toBe(10);
		expect(workingDaysBetween('2025-03-10', '2025-03-07', PLAIN_WEEK)).toBe(0);
	});
	it('refuse a deadline that is not a positive whole number', () => {
		expect(() => addWorkingDays('2025-03-03', 0, PLAIN_WEEK)).toThrow(RangeError);
		expect(() => addWorkingDays('2025-03-03', 1.5, PLAIN_WEEK)).toThrow(RangeError);
	});
});
