import { addMonths, isMonthKey, localMonthKey, type MonthKey } from '../../sipas/calendar';

/** The month picker's range: the report reaches back to 2000 and never past this month. */
const FIRST_MONTH = '2000-01';

export interface MonthNavigation {
	/** The month shown (the last complete month when the query named none or a bad one). */
	month: MonthKey;
	previous: MonthKey | null;
	/** null for this month: there is no report of the future. */
	next: MonthKey | null;
	/** This month in Asia/Ho_Chi_Minh, still in progress. */
	current: MonthKey;
	/** The month shown is this month: its numbers will still change, and the page and PDF say so. */
	inProgress: boolean;
}

/**
 * ?month=YYYY-MM of the report and its PDF: a month from 2000 to this month (Asia/Ho_Chi_Minh).
 * Without one, the last complete month: on 3 December the report is November's, not three days
 * of December with every row "on track"; December stays one click away (next). A bad or future
 * month is refused with the value given, so the page can say what was wrong.
 */
export function reportMonth(
	params: URLSearchParams,
	now: Date = new Date()
): { ok: true; month: MonthKey; navigation: MonthNavigation } | { ok: false; given: string; navigation: MonthNavigation } {
	const current = localMonthKey(now);
	const lastComplete = addMonths(current, -1);
	const given = (params.get('month') ?? '').trim();
	const valid = given === '' || (isMonthKey(given) && given >= FIRST_MONTH && given <= current);
	const month = valid && given ? given : lastComplete;
	const navigation: MonthNavigation = {
		month,
		current,
		previous: month > FIRST_MONTH ? addMonths(month, -1) : null,
		next: month < current ? addMonths(month, 1) : null,
		inProgress: month === current
	};
	return valid ? { ok: true, month, navigation } : { ok: false, given: given.slice(0, 40), navigation };
}

/** Which responses the report counts: all, or only verified ones (through a dossier's invitation). */
export type ReportResponses = 'all' | 'verified';

/** ?responses=verified of the report and its PDF; absent or empty: all. Anything else is refused (null). */
export function reportResponses(params: URLSearchParams): ReportResponses | null {
	const given = (params.get('responses') ?? '').trim();
	if (given === '' || given === 'all') return 'all';
	return given === 'verified' ? 'verified' : null;
}
