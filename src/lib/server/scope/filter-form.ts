import type { Kysely } from 'kysely';
import { localMonthKey, type MonthKey } from '../../sipas/calendar';
import type { Database } from '../db/schema';
import type { ResolvedPeriod } from '../estimates';
import type { FilterOptions, FilterProblem, FilterValues } from '../../filters/form';
import { filterQuery } from './filters';
import { filterOptions } from './options';
import { scopedFilters, type ScopedFilters } from './resolve-scope';

/** What the filter form of the dashboard and the export page shows. */
export interface FilterForm {
	options: FilterOptions;
	values: FilterValues;
	problems: FilterProblem[];
	/** The filters as a query string for links and downloads; '' while they have a problem. */
	query: string;
	/** The period chosen; null while the filters have a problem. */
	period: ResolvedPeriod | null;
	/** This month in Asia/Ho_Chi_Minh: the month picker's default and limit. */
	currentMonth: MonthKey;
}

/**
 * The form of a page filtered by the dashboard's filters, and their scope when they are good
 * (null while a field has a problem: the page then shows the form with the messages, no numbers).
 */
export async function loadFilterForm(
	db: Kysely<Database>,
	agencyId: number,
	params: URLSearchParams,
	now: Date = new Date()
): Promise<{ form: FilterForm; scoped: ScopedFilters | null }> {
	const [options, scoped] = await Promise.all([filterOptions(db, agencyId), scopedFilters(db, agencyId, params, now)]);
	const currentMonth = localMonthKey(now);
	if (!scoped.ok) {
		return { form: { options, values: scoped.values, problems: scoped.problems, query: '', period: null, currentMonth }, scoped: null };
	}
	const { values, filters } = scoped.value;
	return { form: { options, values, problems: [], query: filterQuery(values), period: filters.resolved, currentMonth }, scoped: scoped.value };
}
