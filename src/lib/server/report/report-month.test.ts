import { describe, expect, it } from 'vitest';
import { reportMonth } from './report-month';

const params = (query: string) => new URLSearchParams(query);
/** 3 December 2024, 09:00 in Asia/Ho_Chi_Minh. */
const DECEMBER_3 = new Date('2024-12-03T02:00:00Z');

describe('reportMonth', () => {
	it('opens on the last complete month, with the month in progress one step ahead', () => {
		const chosen = reportMonth(params(''), DECEMBER_3);
		expect(chosen).toEqual({
			ok: true,
			month: '2024-11',
			navigation: { month: '2024-11', previous: '2024-10', next: '2024-12', current: '2024-12', inProgress: false }
		});
	});

	it('counts months in Asia/Ho_Chi_Minh: 1 December 00:30 local is still 30 November in UTC', () => {
		expect(reportMonth(params(''), new Date('2024-11-30T17:30:00Z')).navigation).toMatchObject({ month: '2024-11', current: '2024-12' });
		// 30 November 23:30 local: November is not over yet, so the report opens on October.
		expect(reportMonth(params(''), new Date('2024-11-30T16:30:00Z')).navigation).toMatchObject({ month: '2024-10', current: '2024-11' });
	});

	it('opens December of the year before in January', () => {
		expect(reportMonth(params(''), new Date('2025-01-10T05:00:00Z')).navigation).toMatchObject({ month: '2024-12', next: '2025-01' });
	});

	it('shows the month in progress when asked, and says it is in progress', () => {
		const chosen = reportMonth(params('month=2024-12'), DECEMBER_3);
		expect(chosen.ok && chosen.navigation).toEqual({ month: '2024-12', previous: '2024-11', next: null, current: '2024-12', inProgress: true });
		expect(reportMonth(params('month=2024-07'), DECEMBER_3).navigation.inProgress).toBe(false);
	});

	it('refuses a future or malformed month with the value given, and navigates from the last complete month', () => {
		for (const given of ['2025-01', '2024-13', 'tháng 7', '1999-12']) {
			const chosen = reportMonth(params(`month=${encodeURIComponent(given)}`), DECEMBER_3);
			expect(chosen.ok, given).toBe(false);
			expect(!chosen.ok && chosen.given).toBe(given);
			expect(chosen.navigation.month).toBe('2024-11');
		}
	});
});
