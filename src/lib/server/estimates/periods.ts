import {
	addDays,
	addMonths,
	firstDayOf,
	lastDayOf,
	monthKey,
	monthsBetween,
	parseDayKey,
	parseMonthKey,
	quarterOf,
	type DayKey,
	type MonthKey
} from '../../sipas/calendar';

/**
 * Report periods as sets of calendar days in Asia/Ho_Chi_Minh (SIPAS.md §4). The sums tables are
 * already keyed by local day and month, so everything here is plain arithmetic on day and month
 * keys (src/lib/sipas/calendar.ts); the time zone matters only where an instant becomes a day
 * (the SQL that writes the sums, and calendar.ts's localDayKey/localMonthKey).
 */

export type PeriodKind = 'month' | 'quarter' | 'ytd' | 'rolling3';

export type Period =
	| { kind: 'month'; month: MonthKey }
	| { kind: 'quarter'; year: number; quarter: 1 | 2 | 3 | 4 }
	/** 1 January to the last day of `month`. */
	| { kind: 'ytd'; month: MonthKey }
	/** `month` and the two months before it. */
	| { kind: 'rolling3'; month: MonthKey }
	/** Any span of whole days, both ends included. */
	| { kind: 'range'; from: DayKey; to: DayKey };

/** A period as the sums are read: whole months from month rows, the days around them from day rows. */
export interface ResolvedPeriod {
	kind: Period['kind'];
	/** '2024-07' (month; ytd and rolling3: the month they end with), '2024-Q3', '2024-07-05/2024-08-20'. */
	label: string;
	first: DayKey;
	last: DayKey;
	/** The year whose target judges the period: the year of its last day. */
	year: number;
	/** Whole calendar months inside the period, in order. */
	months: MonthKey[];
	/** Spans of days outside those months (at most two: before and after), inclusive. */
	days: { from: DayKey; to: DayKey }[];
}

/** First and last day and label of a period. */
function span(period: Period): { first: DayKey; last: DayKey; label: string } {
	switch (period.kind) {
		case 'month':
			return { first: firstDayOf(period.month), last: lastDayOf(period.month), label: period.month };
		case 'quarter': {
			const firstMonth = monthKey(period.year, (period.quarter - 1) * 3 + 1);
			return { first: firstDayOf(firstMonth), last: lastDayOf(addMonths(firstMonth, 2)), label: `${period.year}-Q${period.quarter}` };
		}
		case 'ytd':
			return { first: `${period.month.slice(0, 4)}-01-01`, last: lastDayOf(period.month), label: period.month };
		case 'rolling3':
			return { first: firstDayOf(addMonths(period.month, -2)), last: lastDayOf(period.month), label: period.month };
		case 'range':
			return { first: period.from, last: period.to, label: `${period.from}/${period.to}` };
	}
}

/**
 * The days of a period, split into whole months (read from month rows) and the remaining days
 * at either end (read from day rows), so a custom range costs at most ~60 day rows per key.
 */
export function resolvePeriod(period: Period): ResolvedPeriod {
	const { first, last, label } = span(period);
	parseDayKey(first);
	parseDayKey(last);
	if (first > last) throw new RangeError(`period starts after it ends: ${first} > ${last}`);

	const firstWhole = first.endsWith('-01') ? first.slice(0, 7) : addMonths(first.slice(0, 7), 1);
	const lastWhole = last === lastDayOf(last.slice(0, 7)) ? last.slice(0, 7) : addMonths(last.slice(0, 7), -1);
	const months = monthsBetween(firstWhole, lastWhole);
	const days: ResolvedPeriod['days'] = [];
	if (months.length === 0) {
		days.push({ from: first, to: last });
	} else {
		if (first < firstDayOf(firstWhole)) days.push({ from: first, to: addDays(firstDayOf(firstWhole), -1) });
		if (last > lastDayOf(lastWhole)) days.push({ from: addDays(lastDayOf(lastWhole), 1), to: last });
	}
	return { kind: period.kind, label, first, last, year: Number(last.slice(0, 4)), months, days };
}

/**
 * The periods a monthly series shows for the months `from` to `to`: each month itself (month), the
 * year to date at each month (ytd), the three months ending at each month (rolling3), or each
 * calendar quarter that contains one of the months, whole (quarter).
 */
export function periodsForMonths(from: MonthKey, to: MonthKey, kind: PeriodKind): Period[] {
	const months = monthsBetween(from, to);
	if (kind !== 'quarter') return months.map((month) => ({ kind, month }));
	const quarters: Period[] = [];
	for (const month of months) {
		const { year, month: m } = parseMonthKey(month);
		const quarter = quarterOf(m);
		const last = quarters.at(-1);
		if (!last || last.kind !== 'quarter' || last.year !== year || last.quarter !== quarter) quarters.push({ kind: 'quarter', year, quarter });
	}
	return quarters;
}
