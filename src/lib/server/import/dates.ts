/**
 * When a paper questionnaire was filled in, as a spreadsheet writes it. Accepted forms:
 *   2024-03-05                      a date alone: 12:00 (noon) in Asia/Ho_Chi_Minh
 *   2024-03-05T09:30[:00[.000]]     a time without offset: Asia/Ho_Chi_Minh time ("T" or a space)
 *   2024-03-05T09:30:00+07:00 / Z   a time with an offset: that instant
 *   05/03/2024, 5/3/2024            day/month/year, as Excel set to Vietnamese writes dates: noon
 *   05/03/2024 09:30[:00]           … with a 24-hour time, Asia/Ho_Chi_Minh
 * A date with slashes is ALWAYS read day first. Excel set to US English writes month first
 * (3/5/2024 for 5 March): such files must format the column as yyyy-mm-dd before saving.
 * Local times become instants through src/lib/sipas/calendar.ts (UTC+7 all year).
 */
import { daysInMonth, instantOfLocal, localDayKey } from '../../sipas/calendar';

/** Earlier dates are typing mistakes (0224 for 2024), not questionnaires. */
export const EARLIEST_YEAR = 2000;

export type DateResult = { ok: true; at: Date } | { ok: false; problem: 'format' | 'future' | 'too_old' };

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;
const DAY_FIRST = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

/**
 * Reads one submitted_at cell. `today` is the current date in Asia/Ho_Chi_Minh ('yyyy-mm-dd'):
 * a questionnaire dated after it is refused; one dated today is accepted even when noon has not
 * come yet.
 */
export function parseSubmittedAt(value: string, today: string): DateResult {
	const text = value.trim();
	// offset: minutes east of UTC as the cell wrote it; null for Asia/Ho_Chi_Minh time.
	let parts: { year: number; month: number; day: number; hour: number; minute: number; second: number; ms: number; offset: number | null };
	let match = ISO.exec(text);
	if (match) {
		const [, y, mo, d, h, mi, s, fraction, zone] = match;
		parts = {
			year: Number(y), month: Number(mo), day: Number(d),
			hour: h === undefined ? 12 : Number(h), minute: mi === undefined ? 0 : Number(mi), second: s === undefined ? 0 : Number(s),
			ms: fraction === undefined ? 0 : Math.floor(Number(`0.${fraction}`) * 1000),
			offset: zone === undefined ? null : offsetMinutes(zone)
		};
	} else if ((match = DAY_FIRST.exec(text))) {
		const [, d, mo, y, h, mi, s] = match;
		parts = {
			year: Number(y), month: Number(mo), day: Number(d),
			hour: h === undefined ? 12 : Number(h), minute: mi === undefined ? 0 : Number(mi), second: s === undefined ? 0 : Number(s),
			ms: 0, offset: null
		};
	} else return { ok: false, problem: 'format' };

	const { year, month, day, hour, minute, second, ms, offset } = parts;
	if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return { ok: false, problem: 'format' };
	if (hour > 23 || minute > 59 || second > 59 || (offset !== null && Math.abs(offset) > 14 * 60)) return { ok: false, problem: 'format' };
	if (year < EARLIEST_YEAR) return { ok: false, problem: 'too_old' };
	const at =
		offset === null
			? instantOfLocal(year, month, day, hour, minute, second, ms)
			: new Date(Date.UTC(year, month - 1, day, hour, minute, second, ms) - offset * 60_000);
	if (localDayKey(at) > today) return { ok: false, problem: 'future' };
	return { ok: true, at };
}

function offsetMinutes(zone: string): number {
	if (zone.toUpperCase() === 'Z') return 0;
	const sign = zone.startsWith('-') ? -1 : 1;
	const digits = zone.slice(1).replace(':', '');
	return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0));
}
