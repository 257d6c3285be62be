import { describe, expect, it } from 'vitest';
import type { FilterProblem } from '../../filters/form';
import { filterQuery, parseFilters, trendMonths } from './filters';
import { reportMonth } from '../report/report-month';
import { containsPattern, parseCommentQuery } from '../comments/comments';

// 28 November 2026, 00:30 UTC = 07:30 in Ho Chi Minh City; 31 Dec 2026 18:00 UTC is already 2027 there.
const NOW = new Date('2026-11-28T00:30:00Z');
const parse = (query: string, now = NOW) => parseFilters(new URLSearchParams(query), now);
const problems = (query: string): FilterProblem[] => {
	const result = parse(query);
	if (result.ok) throw new Error(`expected problems for ${query}`);
	return result.problems;
};

describe('parseFilters', () => {
	it('defaults to this month (Asia/Ho_Chi_Minh), all units, counters and fields, flagged left out', () => {
		const result = parse('');
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.filters.period).toEqual({ kind: 'month', month: '2026-11' });
		expect(result.filters.includeFlagged).toBe(false);
		expect(result.filters.unitId).toBeUndefined();
		const newYear = parse('', new Date('2026-12-31T18:00:00Z'));
		expect(newYear.ok && newYear.filters.period).toEqual({ kind: 'month', month: '2027-01' });
	});

	it('reads every kind of period', () => {
		const ytd = parse('period=ytd&month=2024-07');
		expect(ytd.ok && ytd.filters.resolved).toMatchObject({ first: '2024-01-01', last: '2024-07-31' });
		const rolling = parse('period=rolling3&month=2024-02');
		expect(rolling.ok && rolling.filters.resolved).toMatchObject({ first: '2023-12-01', last: '2024-02-29' });
		const quarter = parse('period=quarter&quarter=2024-Q3');
		expect(quarter.ok && quarter.filters.period).toEqual({ kind: 'quarter', year: 2024, quarter: 3 });
		const thisQuarter = parse('period=quarter');
		expect(thisQuarter.ok && thisQuarter.filters.period).toEqual({ kind: 'quarter', year: 2026, quarter: 4 });
		const range = parse('period=range&from=2024-07-05&to=2024-08-20');
		expect(range.ok && range.filters.resolved).toMatchObject({ first: '2024-07-05', last: '2024-08-20', months: [] });
	});

	it('reads the scope, and treats empty fields as "all"', () => {
		const result = parse('unit=3&counter=vp-01&field=12&channel=online&source=paper&flagged=1&lang=en');
		expect(result.ok && result.filters).toMatchObject({ unitId: 3, counterCode: 'vp-01', fieldId: 12, channel: 'online', source: 'paper', includeFlagged: true });
		const empty = parse('unit=&counter=&field=&channel=&source=&flagged=');
		expect(empty.ok && empty.filters).toMatchObject({ unitId: undefined, counterCode: undefined, includeFlagged: false });
	});

	it('names each bad field with an actionable message', () => {
		expect(problems('period=week')).toEqual([{ field: 'period', message: 'dashboard.filter.error.period' }]);
		expect(problems('month=2024-13')).toEqual([{ field: 'month', message: 'dashboard.filter.error.month' }]);
		expect(problems('period=quarter&quarter=2024-Q5')).toEqual([{ field: 'quarter', message: 'dashboard.filter.error.quarter' }]);
		expect(problems('period=range&from=2024-02-30&to=2024-03-01')).toEqual([{ field: 'from', message: 'dashboard.filter.error.day' }]);
		expect(problems('period=range&from=2024-03-01')).toEqual([{ field: 'to', message: 'dashboard.filter.error.rangeMissing' }]);
		expect(problems('period=range&from=2024-03-02&to=2024-03-01')).toEqual([{ field: 'from', message: 'dashboard.filter.error.rangeOrder' }]);
		expect(problems('period=range&from=2022-01-01&to=2024-01-02')).toEqual([{ field: 'to', message: 'dashboard.filter.error.rangeTooLong' }]);
		// Days outside whole months come from day rows, which carry no field, channel or source.
		expect(problems('period=range&from=2024-03-05&to=2024-04-30&channel=online')).toEqual([{ field: 'from', message: 'dashboard.filter.error.rangeNarrowed' }]);
		expect(problems('period=range&from=2024-03-01&to=2024-04-29&source=paper')).toEqual([{ field: 'from', message: 'dashboard.filter.error.rangeNarrowed' }]);
		expect(parse('period=range&from=2024-03-01&to=2024-04-30&channel=online&source=paper').ok).toBe(true);
		expect(parse('period=range&from=2024-03-05&to=2024-04-30&unit=3').ok).toBe(true);
		expect(problems('unit=abc&channel=fax&source=email&flagged=yes&counter=VP 01').map((p) => p.field).sort()).toEqual([
			'channel',
			'counter',
			'flagged',
			'source',
			'unit'
		]);
	});

	it('accepts a custom range of exactly two years', () => {
		expect(parse('period=range&from=2023-01-01&to=2024-12-31').ok).toBe(true);
	});
});

describe('trendMonths and filterQuery', () => {
	it('show twelve months ending with the period, or the whole of a longer period', () => {
		const month = parse('period=month&month=2024-07');
		expect(month.ok && trendMonths(month.filters.resolved)).toEqual({ from: '2023-08', to: '2024-07' });
		const long = parse('period=range&from=2023-01-15&to=2024-06-10');
		expect(long.ok && trendMonths(long.filters.resolved)).toEqual({ from: '2023-01', to: '2024-06' });
	});

	it('keep only the fields that are set', () => {
		const result = parse('period=ytd&month=2024-07&counter=vp-01&lang=en');
		expect(filterQuery(result.values)).toBe('?period=ytd&month=2024-07&counter=vp-01');
		expect(filterQuery(parse('').values)).toBe('');
	});
});

describe('reportMonth', () => {
	it('defaults to the last complete month and links the months around it, never the future', () => {
		const chosen = reportMonth(new URLSearchParams(''), NOW);
		expect(chosen).toMatchObject({ ok: true, month: '2026-10', navigation: { previous: '2026-09', next: '2026-11', current: '2026-11' } });
		const current = reportMonth(new URLSearchParams('month=2026-11'), NOW);
		expect(current).toMatchObject({ ok: true, month: '2026-11', navigation: { previous: '2026-10', next: null, inProgress: true } });
		const july = reportMonth(new URLSearchParams('month=2024-07'), NOW);
		expect(july).toMatchObject({ ok: true, month: '2024-07', navigation: { previous: '2024-06', next: '2024-08' } });
		const january = reportMonth(new URLSearchParams('month=2024-01'), NOW);
		expect(january).toMatchObject({ navigation: { previous: '2023-12', next: '2024-02' } });
	});

	it('refuses a bad or future month and says which', () => {
		expect(reportMonth(new URLSearchParams('month=2024-7'), NOW)).toMatchObject({ ok: false, given: '2024-7' });
		expect(reportMonth(new URLSearchParams('month=2026-12'), NOW)).toMatchObject({ ok: false, given: '2026-12' });
		expect(reportMonth(new URLSearchParams('month=1999-12'), NOW)).toMatchObject({ ok: false });
	});
});

describe('comment search', () => {
	it('matches % and _ literally', () => {
		expect(containsPattern('50%')).toBe('%50\\%%');
		expect(containsPattern('a_b')).toBe('%a\\_b%');
		expect(containsPattern('c:\\x')).toBe('%c:\\\\x%');
		expect(containsPattern('Cán bộ')).toBe('%Cán bộ%');
	});

	it('reads the list query and refuses what is not one', () => {
		expect(parseCommentQuery(new URLSearchParams('q= nóng &state=flagged&page=3'))).toEqual({
			ok: true,
			query: { q: 'nóng', counter: '', state: 'flagged', page: 3 }
		});
		const bad = parseCommentQuery(new URLSearchParams(`q=${'x'.repeat(101)}&page=0&state=x`));
		expect(bad.ok).toBe(false);
		expect(!bad.ok && bad.problems.sort()).toEqual(['dashboard.comments.error.page', 'dashboard.comments.error.search', 'dashboard.comments.error.state']);
	});
});
