import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { AGENCY_CODE } from './schema';

/**
 * The agency a public address names (/y/{agency}): its id, code and names, or undefined for a
 * code that is malformed or unknown (both answer 404, the same way).
 */
export async function findPublicAgency(db: Kysely<Database>, code: string) {
	if (!AGENCY_CODE.test(code)) return undefined;
	return db.selectFrom('agencies').select(['id', 'code', 'name_vi', 'name_en']).where('code', '=', code).executeTakeFirst();
}
