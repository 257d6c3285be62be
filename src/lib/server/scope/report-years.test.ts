import { describe, expect, it } from 'vitest';
import { inReportYears } from '../../sipas/calendar';
import { parseCommentQuery } from '../comments/comments';
import { parseEstimatesQuery } from '../report/estimates-api';
import { parseFilters, trendMonths } from './filters';

/**
 * Query strings that used to pass parsing and then throw in the month arithmetic ('10000-01',
 * '00-1--10') or in Postgres ('0000-01-01' is out of range, a NUL cannot be a parameter): each is
 * refused where it is parsed, with a message, and nothing downstream sees it.
 */
const NOW = new Date('2026-11-28T00:30:00Z');

describe('inReportYears', () => {
	it('holds months, days and quarters of 2000–2100 and nothing else', () => {
		expect(['2000-01', '2100-12', '2024-07-15', '2024-Q3'].every(inReportYears)).toBe(true);
		expect(['1999-12', '2101-01', '0000-01', '9999-12', 'abcd-01', '', '10000-01'].some(inReportYears)).toBe(false);
	});
});

describe('parseFilters: years outside 2000–2100', () => {
	it.each([
		['month=9999-12', 'month'],
		['month=0000-01', 'month'],
		['period=ytd&month=1999-12', 'month'],
		['period=quarter&quarter=0000-Q1', 'quarter'],
		['period=quarter&quarter=9999-Q4', 'quarter'],
		['period=range&from=0000-01-01&to=2024-01-01', 'from'],
		['period=range&from=2024-01-01&to=9999-12-31', 'to']
	])('%s is refused with the year message on %s', (query, field) => {
		const result = parseFilters(new URLSearchParams(query), NOW);
		expect(result.ok).toBe(false);
		expect(!result.ok && result.problems).toContainEqual({ field, message: 'dashboard.filter.error.year' });
	});

	it('keeps the format message for a month that is not one', () => {
		const result = parseFilters(new URLSearchParams('month=2024-13'), NOW);
		expect(!result.ok && result.problems).toEqual([{ field: 'month', message: 'dashboard.filter.error.month' }]);
	});

	it('accepts the first and last months, and their trends can be computed', () => {
		for (const month of ['2000-01', '2100-12']) {
			const result = parseFilters(new URLSearchParams({ month, period: 'rolling3' }), NOW);
			expect(result.ok).toBe(true);
			if (result.ok) expect(() => trendMonths(result.filters.resolved)).not.toThrow();
		}
	});
});

describe('parseEstimatesQuery: bad months are a 400, never an exception', () => {
	it.each([
		['from=2024-13&to=2025-06', 'from: must be a month written YYYY-MM, e.g. 2024-07'],
		['from=2024-01&to=2024-1', 'to: must be a month written YYYY-MM, e.g. 2024-07'],
		['from=0000-01&to=0000-03', 'from: must be a month from 2000-01 to 2100-12; to: must be a month from 2000-01 to 2100-12'],
		['from=9999-11&to=9999-12', 'from: must be a month from 2000-01 to 2100-12; to: must be a month from 2000-01 to 2100-12']
	])('%s', (query, message) => {
		expect(parseEstimatesQuery(new URLSearchParams(query))).toEqual({ ok: false, message });
	});

	it('checks order and length once both are months', () => {
		expect(parseEstimatesQuery(new URLSearchParams('from=2024-05&to=2024-04'))).toEqual({ ok: false, message: 'from: must not be after to' });
		expect(parseEstimatesQuery(new URLSearchParams('from=2019-01&to=2024-01'))).toEqual({
			ok: false,
			message: 'to: must be at most 60 months from from (both included)'
		});
		expect(parseEstimatesQuery(new URLSearchParams('from=2096-01&to=2100-12')).ok).toBe(true);
	});
});

describe('parseCommentQuery: a NUL in the search', () => {
	it('is refused with its own message, and the list falls back to no search', () => {
		expect(parseCommentQuery(new URLSearchParams('q=%00'))).toEqual({
			ok: false,
			query: { q: '', counter: '', state: 'all', page: 1 },
			problems: ['dashboard.comments.error.searchCharacter']
		});
		expect(parseCommentQuery(new URLSearchParams({ q: 'x'.repeat(101) }))).toMatchObject({ ok: false, problems: ['dashboard.comments.error.search'] });
	});
});
