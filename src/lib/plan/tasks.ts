import type { DayKey } from '../sipas/calendar';

/**
 * Where a plan task stands on a day (Asia/Ho_Chi_Minh): done on time, done late, open and still in
 * time, or late (open past its due date). Pure, so the page, the report and the reminders agree.
 */
export type TaskState = 'done_on_time' | 'done_late' | 'open' | 'late';
export const TASK_STATES: readonly TaskState[] = ['late', 'open', 'done_late', 'done_on_time'];

export interface TaskDates {
	status: 'open' | 'in_progress' | 'done';
	due_on: DayKey;
	done_on: DayKey | null;
}

export function taskState(task: TaskDates, today: DayKey): TaskState {
	if (task.status === 'done') return task.done_on !== null && task.done_on > task.due_on ? 'done_late' : 'done_on_time';
	return today > task.due_on ? 'late' : 'open';
}

export type TaskTally = Record<TaskState, number>;

export function tallyStates(states: readonly TaskState[]): TaskTally {
	const tally: TaskTally = { late: 0, open: 0, done_late: 0, done_on_time: 0 };
	for (const state of states) tally[state]++;
	return tally;
}

export function tallyTasks(tasks: readonly TaskDates[], today: DayKey): TaskTally {
	return tallyStates(tasks.map((task) => taskState(task, today)));
}

/** Tasks done of all; null with no task. */
export function doneShare(tally: TaskTally): number | null {
	const all = tally.late + tally.open + tally.done_late + tally.done_on_time;
	return all ? (tally.done_late + tally.done_on_time) / all : null;
}
