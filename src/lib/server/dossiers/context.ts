import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { localDayKey } from '../../sipas/calendar';
import type { RegisterContext } from './fields';

/** One agency's fields, units and counters: what register rows are checked against. */
export async function loadRegisterContext(db: Kysely<Database>, agencyId: number, now = new Date()): Promise<RegisterContext> {
	const [procedureFields, units, counters] = await Promise.all([
		db.selectFrom('procedure_fields').select(['id', 'name']).where('agency_id', '=', agencyId).orderBy('name').execute(),
		db.selectFrom('units').select(['id', 'name']).where('agency_id', '=', agencyId).orderBy('name').execute(),
		db.selectFrom('counters').select(['id', 'code']).where('agency_id', '=', agencyId).execute()
	]);
	return { procedureFields, units, counters: new Map(counters.map((c) => [c.code.toLowerCase(), c.id])), today: localDayKey(now) };
}
