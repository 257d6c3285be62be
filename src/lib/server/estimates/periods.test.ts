import { describe, expect, it } from 'vitest';
import { periodsForMonths, resolvePeriod } from './periods';

describe('resolvePeriod', () => {
	it('a month is one month row', () => {
		expect(resolvePeriod({ kind: 'month', month: '2024-02' })).toEqual({
			kind: 'month',
			label: '2024-02',
			first: '2024-02-01',
			last: '2024-02-29',
			year: 2024,
			months: ['2024-02'],
			days: []
		});
	});

	it('a quarter is its three months', () => {
		const q = resolvePeriod({ kind: 'quarter', year: 2024, quarter: 4 });
		expect(q).toMatchObject({ label: '2024-Q4', first: '2024-10-01', last: '2024-12-31', months: ['2024-10', '2024-11', '2024-12'], days: [] });
	});

	it('year to date runs from January to the end of the month', () => {
		const ytd = resolvePeriod({ kind: 'ytd', month: '2024-03' });
		expect(ytd).toMatchObject({ label: '2024-03', first: '2024-01-01', last: '2024-03-31', months: ['2024-01', '2024-02', '2024-03'] });
		expect(resolvePeriod({ kind: 'ytd', month: '2024-01' }).months).toEqual(['2024-01']);
	});

	it('rolling 3 months crosses the year and is judged in the year it ends', () => {
		const rolling = resolvePeriod({ kind: 'rolling3', month: '2025-01' });
		expect(rolling).toMatchObject({ first: '2024-11-01', last: '2025-01-31', year: 2025, months: ['2024-11', '2024-12', '2025-01'], days: [] });
	});

	it('a custom range reads whole months from month rows and the edge days from day rows', () => {
		expect(resolvePeriod({ kind: 'range', from: '2024-03-15', to: '2024-06-10' })).toEqual({
			kind: 'range',
			label: '2024-03-15/2024-06-10',
			first: '2024-03-15',
			last: '2024-06-10',
			year: 2024,
			months: ['2024-04', '2024-05'],
			days: [
				{ from: '2024-03-15', to: '2024-03-31' },
				{ from: '2024-06-01', to: '2024-06-10' }
			]
		});
	});

	it('a custom range of whole months has no day rows; one inside a month has no month rows', () => {
		expect(resolvePeriod({ kind: 'range', from: '2024-01-01', to: '2024-02-29' })).toMatchObject({ months: ['2024-01', '2024-02'], days: [] });
		expect(resolvePeriod({ kind: 'range', from: '2024-02-03', to: '2024-02-29' })).toMatchObject({
			months: [],
			days: [{ from: '2024-02-03', to: '2024-02-29' }]
		});
		expect(resolvePeriod({ kind: 'range', from: '2024-01-31', to: '2024-02-01' })).toMatchObject({
			months: [],
			days: [{ from: '2024-01-31', to: '2024-02-01' }]
		});
		expect(resolvePeriod({ kind: 'range', from: '2024-07-01', to: '2024-07-01' })).toMatchObject({ months: [], days: [{ from: '2024-07-01', to: '2024-07-01' }] });
	});

	it('a range that starts on the 1st and ends mid-month has only trailing days', () => {
		expect(resolvePeriod({ kind: 'range', from: '2024-12-01', to: '2025-01-05' })).toMatchObject({
			year: 2025,
			months: ['2024-12'],
			days: [{ from: '2025-01-01', to: '2025-01-05' }]
		});
	});

	it('refuses backwards ranges and impossible days', () => {
		expect(() => resolvePeriod({ kind: 'range', from: '2024-03-02', to: '2024-03-01' })).toThrow(RangeError);
		expect(() => resolvePeriod({ kind: 'range', from: '2024-02-30', to: '2024-03-01' })).toThrow(RangeError);
	});
});

describe('periodsForMonths', () => {
	it('gives one period per month for month, ytd and rolling3', () => {
		expect(periodsForMonths('2024-11', '2025-01', 'month')).toEqual([
			{ kind: 'month', month: '2024-11' },
			{ kind: 'month', month: '2024-12' },
			{ kind: 'month', month: '2025-01' }
		]);
		expect(periodsForMonths('2024-06', '2024-07', 'ytd').map((p) => resolvePeriod(p).months.length)).toEqual([6, 7]);
		expect(periodsForMonths('2024-01', '2024-02', 'rolling3').map((p) => resolvePeriod(p).first)).toEqual(['2023-11-01', '2023-12-01']);
	});

	it('gives each calendar quarter touched by the months once, whole', () => {
		const quarters = periodsForMonths('2024-02', '2024-07', 'quarter').map(resolvePeriod);
		expect(quarters.map((q) => q.label)).toEqual(['2024-Q1', '2024-Q2', '2024-Q3']);
		expect(quarters[0]!.first).toBe('2024-01-01');
		expect(quarters[2]!.last).toBe('2024-09-30');
		expect(periodsForMonths('2024-12', '2025-01', 'quarter').map((p) => resolvePeriod(p).label)).toEqual(['2024-Q4', '2025-Q1']);
	});
});
