import { describe, expect, it } from 'vitest';
import { parseSubmittedAt } from './dates';

const TODAY = '2024-06-30';
const at = (value: string) => {
	const result = parseSubmittedAt(value, TODAY);
	if (!result.ok) throw new Error(`${value}: ${result.problem}`);
	return result.at.toISOString();
};
const problem = (value: string) => {
	const result = parseSubmittedAt(value, TODAY);
	return result.ok ? 'accepted' : result.problem;
};

describe('parseSubmittedAt', () => {
	it('reads a date alone as noon in Asia/Ho_Chi_Minh (05:00 UTC)', () => {
		expect(at('2024-03-05')).toBe('2024-03-05T05:00:00.000Z');
		expect(at(' 2024-03-05 ')).toBe('2024-03-05T05:00:00.000Z');
	});

	it('reads a time without offset as Asia/Ho_Chi_Minh time, with T or a space', () => {
		expect(at('2024-03-05T09:30')).toBe('2024-03-05T02:30:00.000Z');
		expect(at('2024-03-05 09:30:15')).toBe('2024-03-05T02:30:15.000Z');
		expect(at('2024-03-05T00:15:00.250')).toBe('2024-03-04T17:15:00.250Z');
	});

	it('reads an ISO 8601 time with an offset as that instant', () => {
		expect(at('2024-03-05T09:30:00Z')).toBe('2024-03-05T09:30:00.000Z');
		expect(at('2024-03-05T09:30:00+07:00')).toBe('2024-03-05T02:30:00.000Z');
		expect(at('2024-03-05T09:30:00+0700')).toBe('2024-03-05T02:30:00.000Z');
		expect(at('2024-03-05T09:30-05:00')).toBe('2024-03-05T14:30:00.000Z');
	});

	it('reads dates with slashes day first, as Excel in Vietnamese writes them', () => {
		expect(at('05/03/2024')).toBe('2024-03-05T05:00:00.000Z');
		expect(at('5/3/2024')).toBe('2024-03-05T05:00:00.000Z');
		expect(at('05/03/2024 09:30')).toBe('2024-03-05T02:30:00.000Z');
		expect(at('5/3/2024 7:05:09')).toBe('2024-03-05T00:05:09.000Z');
	});

	it('refuses what is not a date of the calendar', () => {
		for (const value of ['', 'hôm qua', '2024-3-5', '2024-02-30', '31/04/2024', '03/25/2024', '2024-03-05T24:00', '2024-03-05T09:60', '05/03/24', '2024/03/05', '45356', '2024-03-05T09:30+15:00']) {
			expect(problem(value), value).toBe('format');
		}
		expect(at('29/02/2024')).toBe('2024-02-29T05:00:00.000Z');
		expect(problem('29/02/2023')).toBe('format');
	});

	it('refuses dates after today in Asia/Ho_Chi_Minh, but accepts today even before noon', () => {
		expect(problem('2024-07-01')).toBe('future');
		expect(problem('01/07/2024')).toBe('future');
		expect(at('2024-06-30')).toBe('2024-06-30T05:00:00.000Z');
		expect(at('2024-06-30T23:59')).toBe('2024-06-30T16:59:00.000Z');
		// 30 June 20:00 UTC is already 1 July in Hồ Chí Minh City.
		expect(problem('2024-06-30T20:00:00Z')).toBe('future');
	});

	it('refuses years before 2000 as typing mistakes', () => {
		expect(problem('0224-03-05')).toBe('too_old');
		expect(problem('05/03/1999')).toBe('too_old');
		expect(at('2000-01-01')).toBe('2000-01-01T05:00:00.000Z');
	});
});
