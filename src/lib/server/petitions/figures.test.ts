import { describe, expect, it } from 'vitest';
import { instantOfLocal } from '../../sipas/calendar';
import { figures, median } from './figures';
import { PLAIN_WEEK } from './working-days';

const at = (day: number, hour = 10) => instantOfLocal(2026, 3, day, hour);
const row = (over: Partial<Parameters<typeof figures>[0][number]>) => ({
	receivedAt: at(2),
	dueOn: '2026-03-16',
	answeredAt: null,
	closedAt: null,
	state: 'received',
	category: 'procedures' as const,
	unitName: null,
	satisfied: null,
	...over
});

describe('case figures', () => {
	it('count answers on time by the due day, the median in working days, and satisfaction among those who rated', () => {
		const result = figures(
			[
				row({ answeredAt: at(4), state: 'answered', satisfied: true }), // 2 working days, on time
				row({ answeredAt: at(16, 23), state: 'closed', satisfied: false }), // 10 working days, on the due day: on time
				row({ answeredAt: at(17), state: 'answered' }), // 11 working days: late
				row({ closedAt: at(9), state: 'declined' }), // declined with a reason on day 5: an answer, on time
				row({})
			],
			PLAIN_WEEK
		);
		expect(result).toEqual({ received: 5, answered: 4, onTime: 3, onTimeShare: 0.75, medianDays: 7.5, rated: 2, satisfiedShare: 0.5 });
	});
	it('have no shares where nothing was counted', () => {
		expect(figures([], PLAIN_WEEK)).toEqual({ received: 0, answered: 0, onTime: 0, onTimeShare: null, medianDays: null, rated: 0, satisfiedShare: null });
		expect([median([]), median([3]), median([1, 2, 9])]).toEqual([null, 3, 2]);
	});
});
