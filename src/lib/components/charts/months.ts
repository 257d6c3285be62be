import type { Locale } from '$lib/i18n';

const EN_SHORT = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A month key 'yyyy-mm' as a short axis label: "T7/2024" (vi), "Jul 2024" (en). */
export function shortMonth(month: string, locale: Locale): string {
	const year = month.slice(0, 4);
	const m = Number(month.slice(5, 7));
	return locale === 'vi' ? `T${m}/${year}` : `${EN_SHORT[m - 1]} ${year}`;
}

/** A day key 'yyyy-mm-dd' as "14/07" (vi) or "14 Jul" (en), for per-day axes. */
export function shortDay(day: string, locale: Locale): string {
	const d = day.slice(8, 10);
	const m = Number(day.slice(5, 7));
	return locale === 'vi' ? `${d}/${day.slice(5, 7)}` : `${Number(d)} ${EN_SHORT[m - 1]}`;
}

/** A day key as dd/mm/yyyy (vi) or "14 July 2024"-style short (en: 14 Jul 2024). */
export function fullDay(day: string, locale: Locale): string {
	return locale === 'vi' ? `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}` : `${shortDay(day, locale)} ${day.slice(0, 4)}`;
}

/**
 * The months from `from` to `to` (keys, `from` not after `to`) as one label: "5–7/2024" within a
 * year, "11/2023–1/2024" across years (vi); "May–July 2024", "November 2023–January 2024" (en).
 */
export function monthRange(from: string, to: string, locale: Locale): string {
	const [y1, m1] = [from.slice(0, 4), Number(from.slice(5, 7))];
	const [y2, m2] = [to.slice(0, 4), Number(to.slice(5, 7))];
	if (locale === 'vi') return y1 === y2 ? `${m1}–${m2}/${y2}` : `${m1}/${y1}–${m2}/${y2}`;
	const long = (m: number) => new Date(Date.UTC(2000, m - 1, 1)).toLocaleString('en-GB', { month: 'long', timeZone: 'UTC' });
	return y1 === y2 ? `${long(m1)}–${long(m2)} ${y2}` : `${long(m1)} ${y1}–${long(m2)} ${y2}`;
}
