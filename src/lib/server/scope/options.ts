import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { FilterOptions } from '../../filters/form';

/** What the filter form offers: the agency's units, counters and procedure fields, by name. */
export async function filterOptions(db: Kysely<Database>, agencyId: number): Promise<FilterOptions> {
	const [units, counters, fields] = await Promise.all([
		db.selectFrom('units').select(['id', 'name']).where('agency_id', '=', agencyId).orderBy('name').execute(),
		db.selectFrom('counters').select(['code', 'name', 'active']).where('agency_id', '=', agencyId).orderBy('code').execute(),
		db.selectFrom('procedure_fields').select(['id', 'name']).where('agency_id', '=', agencyId).orderBy('name').execute()
	]);
	return { units, counters, fields };
}
