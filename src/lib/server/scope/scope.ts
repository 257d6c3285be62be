/**
 * The scope feature: which responses a report, the dashboard, an export or the comment list
 * counts — always one agency, narrowed to a unit, counter, procedure field, channel or source —
 * and the one place where the ids and codes a request names become a Scope: resolveScope
 * (resolve-scope.ts) checks each against the agency, so another agency's reads as unknown, exactly
 * like one that does not exist. Reading a query string stays with its caller, because the names and
 * messages differ: the Report API's in report/estimates-api.ts, the dashboard's and the exports'
 * in filters.ts. Never build a Scope from a request's ids without resolveScope.
 */
import type { Channel, ResponseSource } from '../../domain/enums';

/** Which responses a report counts. Every scope is inside one agency. */
export interface Scope {
	agencyId: number;
	/** Counters of this unit (counters.unit_id). */
	unitId?: number;
	counterId?: number;
	procedureFieldId?: number;
	channel?: Channel;
	source?: ResponseSource;
	/** true: only verified responses (through a dossier's invitation); false: only the others. */
	verified?: boolean;
	/** Count responses flagged as misuse or spam too (left out by default). */
	includeExcluded?: boolean;
}
