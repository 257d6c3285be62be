import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { localDayKey } from '../../sipas/calendar';
import type { RowContext } from './rows';

/** One agency's questionnaire, counters and procedure fields: what an import file is checked against. */
export interface ImportContext extends RowContext {
	surveyVersionId: number;
	surveyVersionNumber: number;
	/** criteria.id in questionnaire order, parallel to criterionKeys. */
	criterionIds: number[];
	/** Counter codes in the agency's order, for the template and the help text. */
	counterCodes: string[];
}

/** undefined when the agency has no active survey version (nothing can be imported then). */
export async function loadImportContext(db: Kysely<Database>, agencyId: number, now = new Date()): Promise<ImportContext | undefined> {
	const version = await db
		.selectFrom('survey_versions')
		.select(['id', 'number'])
		.where('agency_id', '=', agencyId)
		.where('active', '=', true)
		.executeTakeFirst();
	if (!version) return undefined;
	const [criteria, counters, procedureFields] = await Promise.all([
		db.selectFrom('criteria').select(['id', 'key']).where('survey_version_id', '=', version.id).orderBy('position').execute(),
		db.selectFrom('counters').select(['id', 'code']).where('agency_id', '=', agencyId).orderBy('code').execute(),
		db.selectFrom('procedure_fields').select(['id', 'name']).where('agency_id', '=', agencyId).orderBy('name').execute()
	]);
	return {
		surveyVersionId: version.id,
		surveyVersionNumber: version.number,
		criterionKeys: criteria.map((c) => c.key),
		criterionIds: criteria.map((c) => c.id),
		counters: new Map(counters.map((c) => [c.code, c.id])),
		counterCodes: counters.map((c) => c.code),
		procedureFields,
		today: localDayKey(now)
	};
}
