import { addMonths, isMonthKey, localMonthKey, type MonthKey } from '../../sipas/calendar';

/** The month picker's range: the report reaches back to 2000 and never past this month. */
const FIRST_MONTH = '2000-01';

export interface MonthNavigation {
	/** The month shown (this month when the query named none or a bad one). */
	month: MonthKey;
	previous: MonthKey | null;
	/** null for this month: there is no report of the future. */
	next: MonthKey | null;
	current: MonthKey;
}

/**
 * ?month=YYYY-MM of the report and its PDF: a month from 2000 to this month (Asia/Ho_Chi_Minh),
 * or this month when absent. A bad or future month is refused with the value given, so the page
 * can say what was wrong.
 */
export function reportMonth(
	params: URLSearchParams,
	now: Date = new Date()
): { ok: true; month: MonthKey; navigation: MonthNavigation } | { ok: false; given: string; navigation: MonthNavigation } {
	const current = localMonthKey(now);
	const given = (params.get('month') ?? '').trim();
	const valid = given === '' || (isMonthKey(given) && given >= FIRST_MONTH && given <= current);
	const month = valid && given ? given : current;
	const navigation: MonthNavigation = {
		month,
		current,
		previous: month > FIRST_MONTH ? addMonths(month, -1) : null,
		next: month < current ? addMonths(month, 1) : null
	};
	return valid ? { ok: true, month, navigation } : { ok: false, given: given.slice(0, 40), navigation };
}
