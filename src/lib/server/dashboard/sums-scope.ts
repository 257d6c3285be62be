import { sql, type RawBuilder } from 'kysely';
import type { Scope } from '../estimates';

/**
 * The conditions of a scope on estimate_sums or criterion_sums (alias s), for the dashboard's own
 * reads of the pre-aggregated tables (counts per day, criteria per month). They mean exactly what
 * the engine's (src/lib/server/estimates/read-sums.ts) mean: the engine does not export its
 * builder, so this copy is kept in step with it and held to the same answers by
 * tests/integration/dashboard.test.ts (counts per day add up to estimatePeriod's n in every scope).
 */
export function sumsScopeCondition(scope: Scope): RawBuilder<unknown> {
	const conditions = [sql`s.agency_id = ${scope.agencyId}`];
	if (scope.unitId !== undefined) {
		conditions.push(sql`s.counter_id in (select id from counters where unit_id = ${scope.unitId} and agency_id = ${scope.agencyId})`);
	}
	if (scope.counterId !== undefined) conditions.push(sql`s.counter_id = ${scope.counterId}`);
	if (scope.procedureFieldId !== undefined) conditions.push(sql`s.procedure_field_id = ${scope.procedureFieldId}`);
	if (scope.channel !== undefined) conditions.push(sql`s.channel = ${scope.channel}`);
	if (scope.source !== undefined) conditions.push(sql`s.source = ${scope.source}`);
	if (!scope.includeExcluded) conditions.push(sql`not s.excluded`);
	return sql.join(conditions, sql` and `);
}
