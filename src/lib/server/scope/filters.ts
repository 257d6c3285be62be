import { z } from 'zod';
import { CHANNELS, RESPONSE_SOURCES, type Channel, type ResponseSource } from '../../domain/enums';
import { FILTER_KEYS, PERIOD_KINDS, VERIFIED_CHOICES, type FilterKey, type FilterProblem, type FilterValues } from '../../filters/form';
import { addMonths, countDays, inReportYears, isDayKey, isMonthKey, localMonthKey, monthsBetween, parseMonthKey, quarterOf, type MonthKey } from '../../sipas/calendar';
import { resolvePeriod, type Period, type ResolvedPeriod } from '../estimates';

/**
 * The filters of the staff dashboard and the exports, read from the query string of a GET form
 * (so they work without JavaScript and every view has a shareable address). Parsing is pure:
 * the ids and codes it returns are checked against the agency by resolveScope (resolve-scope.ts).
 *
 * Unknown parameters are ignored (the site adds ?lang=…), empty ones mean "all".
 */

/** The longest custom range: two years of days (a per-day chart stays readable). */
export const MAX_RANGE_DAYS = 731;

export interface ParsedFilters {
	period: Period;
	resolved: ResolvedPeriod;
	unitId?: number;
	counterCode?: string;
	fieldId?: number;
	channel?: Channel;
	source?: ResponseSource;
	/** true: verified responses only; false: the others only; undefined: all. */
	verified?: boolean;
	includeFlagged: boolean;
}

const id = z.string().regex(/^[1-9]\d{0,8}$/).transform(Number);
/** A year outside 2000–2100 (calendar.ts inReportYears): its own message, after the format's. */
const YEAR_PROBLEM = 'dashboard.filter.error.year' satisfies FilterProblem['message'];
const inYears = { message: YEAR_PROBLEM };
const schema = z.object({
	period: z.enum(PERIOD_KINDS).default('month'),
	month: z.string().refine(isMonthKey).refine(inReportYears, inYears).optional(),
	quarter: z.string().regex(/^\d{4}-Q[1-4]$/).refine(inReportYears, inYears).optional(),
	from: z.string().refine(isDayKey).refine(inReportYears, inYears).optional(),
	to: z.string().refine(isDayKey).refine(inReportYears, inYears).optional(),
	unit: id.optional(),
	counter: z.string().regex(/^[a-z0-9][a-z0-9-]{1,39}$/).optional(),
	field: id.optional(),
	channel: z.enum(CHANNELS).optional(),
	source: z.enum(RESPONSE_SOURCES).optional(),
	verified: z.enum(VERIFIED_CHOICES).optional(),
	flagged: z.literal('1').optional()
});

const FIELD_MESSAGE: Record<Exclude<FilterKey, 'to'>, FilterProblem['message']> & { to: FilterProblem['message'] } = {
	period: 'dashboard.filter.error.period',
	month: 'dashboard.filter.error.month',
	quarter: 'dashboard.filter.error.quarter',
	from: 'dashboard.filter.error.day',
	to: 'dashboard.filter.error.day',
	unit: 'dashboard.filter.error.id',
	counter: 'dashboard.filter.error.counter',
	field: 'dashboard.filter.error.id',
	channel: 'dashboard.filter.error.channel',
	source: 'dashboard.filter.error.source',
	verified: 'dashboard.filter.error.verified',
	flagged: 'dashboard.filter.error.flagged'
};

/** The fields as given (first value of each; '' for absent), trimmed. */
export function filterValues(params: URLSearchParams): FilterValues {
	return Object.fromEntries(FILTER_KEYS.map((key) => [key, (params.get(key) ?? '').trim()])) as FilterValues;
}

function quarterKey(month: MonthKey): string {
	const { year, month: m } = parseMonthKey(month);
	return `${year}-Q${quarterOf(m)}`;
}

/**
 * The filters of a query string, or the problems with it. `now` fixes "this month" (Asia/Ho_Chi_Minh)
 * for the defaults: the current month, and the current quarter.
 */
export function parseFilters(
	params: URLSearchParams,
	now: Date = new Date()
): { ok: true; values: FilterValues; filters: ParsedFilters } | { ok: false; values: FilterValues; problems: FilterProblem[] } {
	const values = filterValues(params);
	const given = Object.fromEntries(Object.entries(values).filter(([, value]) => value !== ''));
	const parsed = schema.safeParse(given);
	if (!parsed.success) {
		const problems = parsed.error.issues.map((issue) => {
			const field = issue.path[0] as FilterKey;
			return { field, message: issue.message === YEAR_PROBLEM ? YEAR_PROBLEM : FIELD_MESSAGE[field] };
		});
		return { ok: false, values, problems: uniqueByField(problems) };
	}
	const q = parsed.data;
	const thisMonth = localMonthKey(now);
	let period: Period;
	switch (q.period) {
		case 'month':
		case 'ytd':
		case 'rolling3':
			period = { kind: q.period, month: q.month ?? thisMonth };
			break;
		case 'quarter': {
			const [year, quarter] = (q.quarter ?? quarterKey(thisMonth)).split('-Q');
			period = { kind: 'quarter', year: Number(year), quarter: Number(quarter) as 1 | 2 | 3 | 4 };
			break;
		}
		case 'range': {
			const problems: FilterProblem[] = [];
			if (!q.from) problems.push({ field: 'from', message: 'dashboard.filter.error.rangeMissing' });
			if (!q.to) problems.push({ field: 'to', message: 'dashboard.filter.error.rangeMissing' });
			if (q.from && q.to && q.from > q.to) problems.push({ field: 'from', message: 'dashboard.filter.error.rangeOrder' });
			if (q.from && q.to && q.from <= q.to && countDays(q.from, q.to) > MAX_RANGE_DAYS) {
				problems.push({ field: 'to', message: 'dashboard.filter.error.rangeTooLong' });
			}
			// Days outside whole months are read from day rows, which carry no procedure field,
			// channel or source (sums/read-sums.ts dayRowsServe): such a range takes whole months.
			if (!problems.length && (q.field !== undefined || q.channel !== undefined || q.source !== undefined || q.verified !== undefined)) {
				if (resolvePeriod({ kind: 'range', from: q.from!, to: q.to! }).days.length) {
					problems.push({ field: 'from', message: 'dashboard.filter.error.rangeNarrowed' });
				}
			}
			if (problems.length) return { ok: false, values, problems };
			period = { kind: 'range', from: q.from!, to: q.to! };
			break;
		}
	}
	return {
		ok: true,
		values,
		filters: {
			period,
			resolved: resolvePeriod(period),
			unitId: q.unit,
			counterCode: q.counter,
			fieldId: q.field,
			channel: q.channel,
			source: q.source,
			verified: q.verified === undefined ? undefined : q.verified === 'only',
			includeFlagged: q.flagged === '1'
		}
	};
}

function uniqueByField(problems: FilterProblem[]): FilterProblem[] {
	const seen = new Set<FilterKey>();
	return problems.filter((p) => !seen.has(p.field) && seen.add(p.field));
}

/** How many months the trend charts show, ending with the period's last month. */
export const TREND_MONTHS = 12;

/**
 * The months of the trend charts: the twelve months ending with the period's last month, or every
 * month of a longer period (a custom range of up to two years).
 */
export function trendMonths(resolved: ResolvedPeriod): { from: MonthKey; to: MonthKey } {
	const to = resolved.last.slice(0, 7);
	const periodFrom = resolved.first.slice(0, 7);
	const from = monthsBetween(periodFrom, to).length > TREND_MONTHS ? periodFrom : addMonths(to, -(TREND_MONTHS - 1));
	return { from, to };
}

/** The query string of a set of filters (only the fields that are set), for links and downloads. */
export function filterQuery(values: FilterValues): string {
	const params = new URLSearchParams();
	for (const key of FILTER_KEYS) if (values[key]) params.set(key, values[key]);
	const text = params.toString();
	return text ? `?${text}` : '';
}
