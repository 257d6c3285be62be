import { describe, expect, it } from 'vitest';
import { doneShare, tallyTasks, taskState } from './tasks';

describe('task state', () => {
	it('is late only after the due day has passed', () => {
		expect(taskState({ status: 'open', due_on: '2024-09-30', done_on: null }, '2024-09-30')).toBe('open');
		expect(taskState({ status: 'in_progress', due_on: '2024-09-30', done_on: null }, '2024-10-01')).toBe('late');
	});
	it('tells a task done on its due day from one done after', () => {
		expect(taskState({ status: 'done', due_on: '2024-09-30', done_on: '2024-09-30' }, '2025-01-01')).toBe('done_on_time');
		expect(taskState({ status: 'done', due_on: '2024-09-30', done_on: '2024-10-04' }, '2025-01-01')).toBe('done_late');
	});
	it('tallies and shares', () => {
		const tally = tallyTasks(
			[
				{ status: 'done', due_on: '2024-01-01', done_on: '2024-01-01' },
				{ status: 'open', due_on: '2024-01-01', done_on: null },
				{ status: 'open', due_on: '2030-01-01', done_on: null }
			],
			'2024-06-01'
		);
		expect(tally).toEqual({ late: 1, open: 1, done_late: 0, done_on_time: 1 });
		expect(doneShare(tally)).toBeCloseTo(1 / 3);
		expect(doneShare({ late: 0, open: 0, done_late: 0, done_on_time: 0 })).toBeNull();
	});
});
