/**
 * Days and months in Asia/Ho_Chi_Minh, the calendar every SIPAS period is counted in (SIPAS.md §4).
 * Vietnam has kept UTC+7 without daylight saving since 1975, so a fixed offset is exact and no
 * time-zone database is needed. Pure: no database or framework import, so components use it too.
 *
 * A day is a key 'yyyy-mm-dd' (DayKey), a month 'yyyy-mm' (MonthKey): plain strings that sort like
 * the dates they name, and all the arithmetic below is on them. An instant becomes a local date
 * only through localDate / localDayKey / localMonthKey (or localWallClock for the time of day), and
 * a local date and time becomes an instant only through instantOfLocal / startOfLocalMonth. The
 * SQL that keys the sums by local day does the same with `at time zone 'Asia/Ho_Chi_Minh'`.
 */

/** 'yyyy-mm' */
export type MonthKey = string;
/** 'yyyy-mm-dd' */
export type DayKey = string;

export interface CalendarDate {
	readonly year: number;
	/** 1–12 */
	readonly month: number;
	/** 1–31 */
	readonly day: number;
}

/** Asia/Ho_Chi_Minh is UTC+7 all year. */
const UTC_OFFSET_MS = 7 * 3600_000;

/**
 * The wall-clock time in Asia/Ho_Chi_Minh of an instant, as a Date whose UTC fields read it
 * (getUTCHours() is the local hour, getUTCDay() the local weekday). For reading local fields and
 * for spreadsheets, whose dates have no time zone; it is not the instant itself.
 */
export function localWallClock(instant: Date): Date {
	return new Date(instant.getTime() + UTC_OFFSET_MS);
}

/**
 * The instant at which clocks in Asia/Ho_Chi_Minh show this date and time (month 1–12). Fields
 * may overflow as in Date.UTC: day 0 is the last day of the month before, minute 90 is 01:30.
 */
export function instantOfLocal(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, ms = 0): Date {
	return new Date(Date.UTC(year, month - 1, day, hour, minute, second, ms) - UTC_OFFSET_MS);
}

/** The calendar date of an instant in Asia/Ho_Chi_Minh. */
export function localDate(instant: Date): CalendarDate {
	const local = localWallClock(instant);
	return { year: local.getUTCFullYear(), month: local.getUTCMonth() + 1, day: local.getUTCDate() };
}

/** The day of an instant in Asia/Ho_Chi_Minh, 'yyyy-mm-dd'. */
export function localDayKey(instant: Date): DayKey {
	const { year, month, day } = localDate(instant);
	return dayKey(year, month, day);
}

/** The month of an instant in Asia/Ho_Chi_Minh, 'yyyy-mm' (of `new Date()`: this month). */
export function localMonthKey(instant: Date): MonthKey {
	return localDayKey(instant).slice(0, 7);
}

/** The first instant of a month in Asia/Ho_Chi_Minh (00:00 on the 1st, 17:00 UTC the day before). */
export function startOfLocalMonth(month: MonthKey): Date {
	const { year, month: m } = parseMonthKey(month);
	return instantOfLocal(year, m, 1);
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const DAY = /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export function isMonthKey(value: string): boolean {
	return MONTH.test(value);
}

export function isDayKey(value: string): boolean {
	const match = DAY.exec(value);
	return !!match && Number(match[3]) <= daysInMonth(Number(match[1]), Number(match[2]));
}

/**
 * The months a dashboard, an export or the report API may be asked about: 2000 (the report's first
 * year) to 2100 (the last year a target may be set for). Beyond them the arithmetic here leaves
 * four-digit years (9999-12 plus one month) and Postgres has no year 0 (0000-01-01 is out of
 * range), so a request naming one is refused where it is parsed, not failed in a query.
 */
export const FIRST_REPORT_YEAR = 2000;
export const LAST_REPORT_YEAR = 2100;

/** Whether a month or day key (or a quarter, '2024-Q3') starts with a year in the reportable range. */
export function inReportYears(key: string): boolean {
	const year = /^\d{4}/.test(key) ? Number(key.slice(0, 4)) : NaN;
	return year >= FIRST_REPORT_YEAR && year <= LAST_REPORT_YEAR;
}

/** Year and month (1–12) of 'yyyy-mm'; throws on anything else. */
export function parseMonthKey(month: MonthKey): { year: number; month: number } {
	const match = MONTH.exec(month);
	if (!match) throw new RangeError(`not a month (yyyy-mm): ${month}`);
	return { year: Number(match[1]), month: Number(match[2]) };
}

/** Year, month and day of 'yyyy-mm-dd'; throws on anything else, 2023-02-29 included. */
export function parseDayKey(day: DayKey): CalendarDate {
	if (!isDayKey(day)) throw new RangeError(`not a day (yyyy-mm-dd): ${day}`);
	return { year: Number(day.slice(0, 4)), month: Number(day.slice(5, 7)), day: Number(day.slice(8, 10)) };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
export const monthKey = (year: number, month: number): MonthKey => `${pad(year, 4)}-${pad(month)}`;
export const dayKey = (year: number, month: number, day: number): DayKey => `${monthKey(year, month)}-${pad(day)}`;

export function daysInMonth(year: number, month: number): number {
	return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The quarter (1–4) of a month (1–12). */
export function quarterOf(month: number): 1 | 2 | 3 | 4 {
	return (Math.floor((month - 1) / 3) + 1) as 1 | 2 | 3 | 4;
}

/** The month `count` months after (or before, if negative) `month`. */
export function addMonths(month: MonthKey, count: number): MonthKey {
	const { year, month: m } = parseMonthKey(month);
	const index = year * 12 + (m - 1) + count;
	return monthKey(Math.floor(index / 12), (index % 12) + 1);
}

/** Months from `from` to `to`, both included; empty if `from` is after `to`. */
export function monthsBetween(from: MonthKey, to: MonthKey): MonthKey[] {
	const months: MonthKey[] = [];
	for (let month = from; month <= to; month = addMonths(month, 1)) months.push(month);
	return months;
}

export const firstDayOf = (month: MonthKey): DayKey => `${month}-01`;

export function lastDayOf(month: MonthKey): DayKey {
	const { year, month: m } = parseMonthKey(month);
	return dayKey(year, m, daysInMonth(year, m));
}

/** The day `count` days after (or before, if negative) `day`. */
export function addDays(day: DayKey, count: number): DayKey {
	const { year, month, day: d } = parseDayKey(day);
	const shifted = new Date(Date.UTC(year, month - 1, d + count));
	return dayKey(shifted.getUTCFullYear(), shifted.getUTCMonth() + 1, shifted.getUTCDate());
}

/** How many days from `from` to `to`, both included (1 for the same day; 0 or less if `from` is after `to`). */
export function countDays(from: DayKey, to: DayKey): number {
	const epochDay = (day: DayKey) => {
		const { year, month, day: d } = parseDayKey(day);
		return Date.UTC(year, month - 1, d) / 86_400_000;
	};
	return epochDay(to) - epochDay(from) + 1;
}

/** Days from `from` to `to`, both included; empty if `from` is after `to`. */
export function daysBetween(from: DayKey, to: DayKey): DayKey[] {
	const days: DayKey[] = [];
	for (let day = from; day <= to; day = addDays(day, 1)) days.push(day);
	return days;
}
