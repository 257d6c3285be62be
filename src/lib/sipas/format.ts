/**
 * Display of SIPAS numbers and dates (SIPAS.md §4): two decimals, Vietnamese comma, signed
 * changes, dates in Asia/Ho_Chi_Minh. English variants for the en locale.
 *
 * Minus sign: U+2212 (−), everywhere a negative number is shown, as in the specification. It is
 * the correct typographic minus and lines up with "+" in tables. It is for display only: exports
 * (CSV, spreadsheets) must carry raw numbers, because spreadsheets do not read U+2212 as a sign.
 */

import type { Locale } from '../i18n';
import { localDate } from './calendar';

export const MINUS = '\u2212';

/** Shown where there is no number (no estimate, no baseline). */
export const NO_VALUE = '—';

// Intl rounds half away from zero on the shortest decimal form of a number (1.005 → 1.01, where
// toFixed gives 1.00), and style 'percent' scales by 100 in decimal, without the binary noise of
// p * 100. Grouping is off: percents and point changes never reach a thousand.
const TWO_DECIMALS = new Intl.NumberFormat('en-US', {
	minimumFractionDigits: 2,
	maximumFractionDigits: 2,
	useGrouping: false
});
const PERCENT_TWO_DECIMALS = new Intl.NumberFormat('en-US', {
	style: 'percent',
	minimumFractionDigits: 2,
	maximumFractionDigits: 2,
	useGrouping: false
});

function localizeDecimal(text: string, locale: Locale): string {
	const withMinus = text.replace('-', MINUS);
	return locale === 'vi' ? withMinus.replace('.', ',') : withMinus;
}

/** A proportion as a percent: 0.8419 → "84,19%" (vi) or "84.19%" (en); null → "—". */
export function formatPercent(p: number | null | undefined, locale: Locale = 'vi'): string {
	if (p === null || p === undefined || !Number.isFinite(p)) return NO_VALUE;
	return localizeDecimal(PERCENT_TWO_DECIMALS.format(p), locale);
}

/** An interval as "30,06%–95,44%" (en dash); null → "—". */
export function formatInterval(interval: { lower: number; upper: number } | null | undefined, locale: Locale = 'vi'): string {
	if (!interval) return NO_VALUE;
	return `${formatPercent(interval.lower, locale)}–${formatPercent(interval.upper, locale)}`;
}

/**
 * A change in percentage points with its sign: "+1,25 điểm %", "−0,50 điểm %" (vi); "+1.25 pp",
 * "−0.50 pp" (en). A change that rounds to zero is shown unsigned ("0,00 điểm %"), never as −0,00.
 */
export function formatChange(points: number | null | undefined, locale: Locale = 'vi'): string {
	if (points === null || points === undefined || !Number.isFinite(points)) return NO_VALUE;
	return `${signedPoints(points, locale)} ${pointsUnit(locale)}`;
}

/**
 * An interval of a change in percentage points, each end with its sign: "−0,88 đến +10,88 điểm %"
 * (vi), "−0.88 to +10.88 pp" (en) — SIPAS.md §10's interval d ± z·s. Either end null → "—".
 */
export function formatChangeInterval(lower: number | null | undefined, upper: number | null | undefined, locale: Locale = 'vi'): string {
	if (lower === null || lower === undefined || upper === null || upper === undefined || !Number.isFinite(lower) || !Number.isFinite(upper)) return NO_VALUE;
	return `${signedPoints(lower, locale)} ${locale === 'vi' ? 'đến' : 'to'} ${signedPoints(upper, locale)} ${pointsUnit(locale)}`;
}

/** A plain number with `digits` decimals in the reader's format (a z-score: 1.6667 → "1,667"). */
export function formatDecimal(value: number | null | undefined, digits: number, locale: Locale = 'vi'): string {
	if (value === null || value === undefined || !Number.isFinite(value)) return NO_VALUE;
	const text = new Intl.NumberFormat('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: false }).format(value);
	return localizeDecimal(text, locale);
}

const pointsUnit = (locale: Locale) => (locale === 'vi' ? 'điểm %' : 'pp');

/** "+1,25", "−0,50", and "0,00" (never −0,00) for a change in points. */
function signedPoints(points: number, locale: Locale): string {
	const magnitude = TWO_DECIMALS.format(Math.abs(points));
	const sign = magnitude === '0.00' ? '' : points > 0 ? '+' : MINUS;
	return `${sign}${localizeDecimal(magnitude, locale)}`;
}

const EN_MONTHS = [
	'January',
	'February',
	'March',
	'April',
	'May',
	'June',
	'July',
	'August',
	'September',
	'October',
	'November',
	'December'
] as const;

function monthName(month: number): string {
	const name = EN_MONTHS[month - 1];
	if (name === undefined || !Number.isInteger(month)) throw new RangeError(`month must be 1–12, got ${month}`);
	return name;
}

const pad2 = (value: number) => String(value).padStart(2, '0');

/**
 * An instant's date in Asia/Ho_Chi_Minh: "14/07/2024" (vi). English uses "14 July 2024" rather
 * than a numeric form, which English readers would take as month/day.
 */
export function formatDate(instant: Date, locale: Locale = 'vi'): string {
	const { year, month, day } = localDate(instant);
	return locale === 'vi' ? `${pad2(day)}/${pad2(month)}/${year}` : `${day} ${monthName(month)} ${year}`;
}

/** A calendar month: "Tháng 7/2024" (vi) or "July 2024" (en). month is 1–12. */
export function formatMonth(year: number, month: number, locale: Locale = 'vi'): string {
	const name = monthName(month);
	return locale === 'vi' ? `Tháng ${month}/${year}` : `${name} ${year}`;
}
