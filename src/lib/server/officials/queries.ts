import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema';

/**
 * The officials (cán bộ, công chức) who handle an agency's dossiers: created by administrators on
 * the admin pages or, when new, by a register import (dossiers/store.ts). This folder owns their
 * names, units and whether they are active; it never shows figures per official (ratings by
 * official are the next issue's), nor which dossiers or responses are theirs.
 *
 * Every query is scoped by the agency's id: another agency's official is "not found".
 */
export interface OfficialRow {
	id: number;
	code: string;
	name: string;
	unitId: number | null;
	unitName: string | null;
	active: boolean;
	createdAt: Date;
}

function officialsOf(db: Kysely<Database>, agencyId: number) {
	return db
		.selectFrom('officials')
		.leftJoin('units', 'units.id', 'officials.unit_id')
		.select([
			'officials.id',
			'officials.code',
			'officials.name',
			'officials.unit_id as unitId',
			'units.name as unitName',
			'officials.active',
			'officials.created_at as createdAt'
		])
		.where('officials.agency_id', '=', agencyId);
}

/** Active first, then by name and code. */
export async function listOfficials(db: Kysely<Database>, agencyId: number): Promise<OfficialRow[]> {
	return officialsOf(db, agencyId).orderBy('officials.active', 'desc').orderBy('officials.name').orderBy('officials.code').execute();
}

export async function getOfficial(db: Kysely<Database>, agencyId: number, id: number): Promise<OfficialRow | undefined> {
	return officialsOf(db, agencyId).where('officials.id', '=', id).executeTakeFirst();
}

/** The unit, if it belongs to this agency: a unit of another agency is a wrong choice. */
export async function unitOfAgency(trx: Transaction<Database>, agencyId: number, unitId: number) {
	return trx.selectFrom('units').select(['id', 'name']).where('id', '=', unitId).where('agency_id', '=', agencyId).executeTakeFirst();
}
