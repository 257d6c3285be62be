import type { StaffTranslate } from '$lib/i18n/staff';
import { monthRange, fullDay } from '$lib/components/charts/months';
import type { Locale } from '$lib/i18n';
import { parseMonthKey, quarterOf } from '$lib/sipas/calendar';
import { formatMonth } from '$lib/sipas/format';

/** A resolved period as the dashboard names it: "Tháng 7/2024", "Quý 3/2024", "01/07/2024–15/08/2024", … */
export function periodLabel(period: { kind: string; label: string; first: string; last: string }, locale: Locale, t: StaffTranslate): string {
	const month = period.last.slice(0, 7);
	switch (period.kind) {
		case 'month':
			return formatMonth(Number(month.slice(0, 4)), Number(month.slice(5, 7)), locale);
		case 'quarter':
			return t('dashboard.period.quarterLabel', { quarter: period.label.slice(-1), year: period.label.slice(0, 4) });
		case 'ytd':
			return t('report.period.ytd', { range: monthRange(`${month.slice(0, 4)}-01`, month, locale) });
		case 'rolling3':
			return t('report.period.rolling3', { range: monthRange(period.first.slice(0, 7), month, locale) });
		default:
			return `${fullDay(period.first, locale)}–${fullDay(period.last, locale)}`;
	}
}

/** The quarters a picker offers: from the start of three years ago to the quarter of `currentMonth`, newest first. */
export function quarterOptions(currentMonth: string): string[] {
	const { year, month } = parseMonthKey(currentMonth);
	const last = quarterOf(month);
	const options: string[] = [];
	for (let y = year; y >= year - 3; y--) for (let q = y === year ? last : 4; q >= 1; q--) options.push(`${y}-Q${q}`);
	return options;
}
