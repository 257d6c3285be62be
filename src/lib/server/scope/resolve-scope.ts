import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { Scope } from '../estimates';
import type { FilterProblem, FilterValues } from '../../filters/form';
import { parseFilters, type ParsedFilters } from './filters';

export interface ScopedFilters {
	values: FilterValues;
	filters: ParsedFilters;
	scope: Scope;
	/** The counter picked, if any (its id in the scope; code and name for headings and file names). */
	counter?: { id: number; code: string; name: string };
}

/**
 * The dashboard's filters checked against the agency: a unit, counter or procedure field must be
 * the agency's own; one of another agency reads as unknown, exactly like one that does not exist.
 */
export async function scopedFilters(
	db: Kysely<Database>,
	agencyId: number,
	params: URLSearchParams,
	now: Date = new Date()
): Promise<{ ok: true; value: ScopedFilters } | { ok: false; values: FilterValues; problems: FilterProblem[] }> {
	const parsed = parseFilters(params, now);
	if (!parsed.ok) return parsed;
	const { filters, values } = parsed;
	const scope: Scope = { agencyId, channel: filters.channel, source: filters.source, includeExcluded: filters.includeFlagged };
	const problems: FilterProblem[] = [];
	let counter: ScopedFilters['counter'];

	if (filters.unitId !== undefined) {
		const unit = await db.selectFrom('units').select('id').where('id', '=', filters.unitId).where('agency_id', '=', agencyId).executeTakeFirst();
		if (unit) scope.unitId = unit.id;
		else problems.push({ field: 'unit', message: 'dashboard.filter.error.unknownUnit' });
	}
	if (filters.counterCode !== undefined) {
		counter = await db
			.selectFrom('counters')
			.select(['id', 'code', 'name'])
			.where('code', '=', filters.counterCode)
			.where('agency_id', '=', agencyId)
			.executeTakeFirst();
		if (counter) scope.counterId = counter.id;
		else problems.push({ field: 'counter', message: 'dashboard.filter.error.unknownCounter' });
	}
	if (filters.fieldId !== undefined) {
		const field = await db
			.selectFrom('procedure_fields')
			.select('id')
			.where('id', '=', filters.fieldId)
			.where('agency_id', '=', agencyId)
			.executeTakeFirst();
		if (field) scope.procedureFieldId = field.id;
		else problems.push({ field: 'field', message: 'dashboard.filter.error.unknownField' });
	}
	if (problems.length) return { ok: false, values, problems };
	return { ok: true, value: { values, filters, scope, counter } };
}
