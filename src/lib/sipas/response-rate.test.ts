import { describe, expect, it } from 'vitest';
import { rateCount, ratesBy, ratesByPeriod, responseRate, type RateCell } from './response-rate';

const cell = (period: string, channel: RateCell['channel'], invited: number, responded: number, field = 1, unit = 10): RateCell => ({
	period, channel, procedureFieldId: field, unitId: unit, invited, responded
});

describe('response rate (SIPAS.md §8)', () => {
	it('is responded over invited, and null where nothing was invited', () => {
		expect(responseRate(80, 12)).toBe(0.15);
		expect(responseRate(0, 0)).toBeNull();
		expect(rateCount(4, 1)).toEqual({ invited: 4, responded: 1, rate: 0.25 });
	});

	it('adds cells up by month and channel, with every month and channel present', () => {
		const cells = [cell('2024-05', 'online', 80, 8), cell('2024-05', 'in_person', 15, 6), cell('2024-05', 'online', 20, 2, 2, 11), cell('2024-07', 'postal', 5, 0)];
		expect(ratesByPeriod(cells, ['2024-05', '2024-06', '2024-07'])).toEqual([
			{
				period: '2024-05', invited: 115, responded: 16, rate: 16 / 115,
				by_channel: { in_person: { invited: 15, responded: 6, rate: 0.4 }, online: { invited: 100, responded: 10, rate: 0.1 }, postal: { invited: 0, responded: 0, rate: null } }
			},
			{
				period: '2024-06', invited: 0, responded: 0, rate: null,
				by_channel: { in_person: { invited: 0, responded: 0, rate: null }, online: { invited: 0, responded: 0, rate: null }, postal: { invited: 0, responded: 0, rate: null } }
			},
			{
				period: '2024-07', invited: 5, responded: 0, rate: 0,
				by_channel: { in_person: { invited: 0, responded: 0, rate: null }, online: { invited: 0, responded: 0, rate: null }, postal: { invited: 5, responded: 0, rate: 0 } }
			}
		]);
	});

	it('splits the range by procedure field and by unit', () => {
		const cells = [cell('2024-05', 'online', 10, 1, 1, 10), cell('2024-06', 'online', 10, 3, 1, 11), cell('2024-06', 'in_person', 5, 5, 2, 11)];
		expect(ratesBy(cells, 'procedureFieldId')).toEqual(new Map([[1, { invited: 20, responded: 4, rate: 0.2 }], [2, { invited: 5, responded: 5, rate: 1 }]]));
		expect(ratesBy(cells, 'unitId').get(11)).toEqual({ invited: 15, responded: 8, rate: 8 / 15 });
	});
});
