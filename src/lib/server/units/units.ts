import type { Kysely } from 'kysely';
import type { Principal } from '../auth/principal';
import type { Database } from '../db/schema';
import { createNamed, renameNamed } from './named-table';

/** An agency's units (phòng, ban): each counter belongs to one. */
export async function listUnits(db: Kysely<Database>, agencyId: number): Promise<{ id: number; name: string; counters: number }[]> {
	const rows = await db
		.selectFrom('units')
		.leftJoin('counters', 'counters.unit_id', 'units.id')
		.select(['units.id', 'units.name', (eb) => eb.fn.count<number>('counters.id').as('counters')])
		.where('units.agency_id', '=', agencyId)
		.groupBy(['units.id', 'units.name'])
		.orderBy('units.name')
		.execute();
	return rows.map((r) => ({ ...r, counters: Number(r.counters) }));
}

export const createUnit = (db: Kysely<Database>, actor: Principal, agencyId: number, raw: unknown) => createNamed(db, actor, 'units', agencyId, raw);
export const renameUnit = (db: Kysely<Database>, actor: Principal, agencyId: number, id: number, raw: unknown) =>
	renameNamed(db, actor, 'units', agencyId, id, raw);
