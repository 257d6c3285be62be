import type { Kysely } from 'kysely';
import type { Channel, ResponseSource } from '../../domain/enums';
import type { FilterProblem, FilterValues } from '../../filters/form';
import type { Database } from '../db/schema';
import { parseFilters, type ParsedFilters } from './filters';
import type { Scope } from './scope';

/** What a request names, as parsed (not yet checked): ids and codes, and the plain filters. */
export interface ScopeRequest {
	unitId?: number;
	counterCode?: string;
	procedureFieldId?: number;
	channel?: Channel;
	source?: ResponseSource;
	verified?: boolean;
	includeExcluded?: boolean;
}

/** The counter a scope names: its id, and code and name for headings and file names. */
export interface ScopeCounter {
	id: number;
	code: string;
	name: string;
}

/** What a request named that the agency does not have, in this order. */
export type UnknownInScope = 'unit' | 'counter' | 'procedureField';

/**
 * The Scope of a request inside the agency. A unit, counter or procedure field must be the
 * agency's own: one of another agency reads as unknown, exactly like one that does not exist.
 * Every unknown one is listed (unit, counter, procedure field, in that order).
 */
export async function resolveScope(
	db: Kysely<Database>,
	agencyId: number,
	request: ScopeRequest
): Promise<{ ok: true; scope: Scope; counter?: ScopeCounter } | { ok: false; unknown: UnknownInScope[] }> {
	const [unit, counter, field] = await Promise.all([
		request.unitId === undefined
			? undefined
			: db.selectFrom('units').select('id').where('id', '=', request.unitId).where('agency_id', '=', agencyId).executeTakeFirst(),
		request.counterCode === undefined
			? undefined
			: db
					.selectFrom('counters')
					.select(['id', 'code', 'name'])
					.where('code', '=', request.counterCode)
					.where('agency_id', '=', agencyId)
					.executeTakeFirst(),
		request.procedureFieldId === undefined
			? undefined
			: db
					.selectFrom('procedure_fields')
					.select('id')
					.where('id', '=', request.procedureFieldId)
					.where('agency_id', '=', agencyId)
					.executeTakeFirst()
	]);
	const unknown: UnknownInScope[] = [];
	if (request.unitId !== undefined && !unit) unknown.push('unit');
	if (request.counterCode !== undefined && !counter) unknown.push('counter');
	if (request.procedureFieldId !== undefined && !field) unknown.push('procedureField');
	if (unknown.length) return { ok: false, unknown };

	const scope: Scope = { agencyId, channel: request.channel, source: request.source, includeExcluded: request.includeExcluded };
	if (request.verified !== undefined) scope.verified = request.verified;
	if (unit) scope.unitId = unit.id;
	if (counter) scope.counterId = counter.id;
	if (field) scope.procedureFieldId = field.id;
	return { ok: true, scope, counter };
}

export interface ScopedFilters {
	values: FilterValues;
	filters: ParsedFilters;
	scope: Scope;
	/** The counter picked, if any (its id in the scope; code and name for headings and file names). */
	counter?: ScopeCounter;
}

const UNKNOWN_PROBLEM: Record<UnknownInScope, FilterProblem> = {
	unit: { field: 'unit', message: 'dashboard.filter.error.unknownUnit' },
	counter: { field: 'counter', message: 'dashboard.filter.error.unknownCounter' },
	procedureField: { field: 'field', message: 'dashboard.filter.error.unknownField' }
};

/** The dashboard's and the exports' filters (filters.ts), resolved against the agency. */
export async function scopedFilters(
	db: Kysely<Database>,
	agencyId: number,
	params: URLSearchParams,
	now: Date = new Date()
): Promise<{ ok: true; value: ScopedFilters } | { ok: false; values: FilterValues; problems: FilterProblem[] }> {
	const parsed = parseFilters(params, now);
	if (!parsed.ok) return parsed;
	const { filters, values } = parsed;
	const resolved = await resolveScope(db, agencyId, {
		unitId: filters.unitId,
		counterCode: filters.counterCode,
		procedureFieldId: filters.fieldId,
		channel: filters.channel,
		source: filters.source,
		verified: filters.verified,
		includeExcluded: filters.includeFlagged
	});
	if (!resolved.ok) return { ok: false, values, problems: resolved.unknown.map((unknown) => UNKNOWN_PROBLEM[unknown]) };
	return { ok: true, value: { values, filters, scope: resolved.scope, counter: resolved.counter } };
}
