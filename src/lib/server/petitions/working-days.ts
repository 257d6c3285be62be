import { addDays, parseDayKey, type DayKey } from '../../sipas/calendar';

/**
 * Working days in Asia/Ho_Chi_Minh: Monday to Friday, minus the holidays the administrator keeps,
 * plus the weekend days worked in exchange (ngày làm bù). Pure: days are 'yyyy-mm-dd' keys.
 *
 * A deadline of N working days counts from the day after receipt: a petition received on a
 * Friday with 1 working day is due the next Monday (or the first working day after it); received
 * on a Saturday, Monday is its first working day. It is overdue from the day after its due day.
 */
export interface WorkingCalendar {
	holidays: ReadonlySet<DayKey>;
	/** Saturdays or Sundays that are worked. */
	workingWeekendDays: ReadonlySet<DayKey>;
}

export const PLAIN_WEEK: WorkingCalendar = { holidays: new Set(), workingWeekendDays: new Set() };

export function isWorkingDay(day: DayKey, calendar: WorkingCalendar): boolean {
	if (calendar.holidays.has(day)) return false;
	if (calendar.workingWeekendDays.has(day)) return true;
	const { year, month, day: d } = parseDayKey(day);
	const weekday = new Date(Date.UTC(year, month - 1, d)).getUTCDay();
	return weekday !== 0 && weekday !== 6;
}

/** The Nth working day after `from` (n ≥ 1). */
export function addWorkingDays(from: DayKey, n: number, calendar: WorkingCalendar): DayKey {
	if (!Number.isInteger(n) || n < 1) throw new RangeError(`working days must be a positive whole number: ${n}`);
	let day = from;
	let left = n;
	// A year of holidays in a row cannot happen; the bound only stops a broken calendar looping.
	for (let guard = 0; guard < 3660; guard++) {
		day = addDays(day, 1);
		if (isWorkingDay(day, calendar) && --left === 0) return day;
	}
	throw new RangeError('no working day found within ten years');
}

/** Working days d with from < d ≤ to (0 when `to` is not after `from`). */
export function workingDaysBetween(from: DayKey, to: DayKey, calendar: WorkingCalendar): number {
	let count = 0;
	for (let day = addDays(from, 1); day <= to; day = addDays(day, 1)) if (isWorkingDay(day, calendar)) count++;
	return count;
}
