import type { Kysely } from 'kysely';
import { z } from 'zod';
import { audit } from '../audit/audit';
import type { Principal } from '../auth/principal';
import type { Database } from '../db/schema';
import { displayName } from '../http/form-schemas';
import { done, isUniqueViolation, notFound, refused, validate, type Outcome } from '../http/outcome';

/**
 * Units and procedure fields are the same shape — a name, unique within one agency — so one set of
 * queries serves both. Every query is scoped by the agency's id: an id of another agency is "not
 * found", never read or changed.
 */
export type NamedTable = 'units' | 'procedure_fields';
const ENTITY: Record<NamedTable, string> = { units: 'unit', procedure_fields: 'procedure_field' };

export interface NamedRow {
	id: number;
	name: string;
}

const nameForm = z.object({ name: displayName });

export async function listNamed(db: Kysely<Database>, table: NamedTable, agencyId: number): Promise<NamedRow[]> {
	return db.selectFrom(table).select(['id', 'name']).where('agency_id', '=', agencyId).orderBy('name').execute();
}

export async function createNamed(
	db: Kysely<Database>,
	actor: Principal,
	table: NamedTable,
	agencyId: number,
	raw: unknown
): Promise<Outcome<{ id: number }>> {
	const input = validate(nameForm, raw);
	if (!input.ok) return input;
	try {
		return await db.transaction().execute(async (trx) => {
			const row = await trx.insertInto(table).values({ agency_id: agencyId, name: input.value.name }).returning(['id', 'name']).executeTakeFirstOrThrow();
			await audit(trx, actor, { agencyId, action: `${ENTITY[table]}.create`, entity: ENTITY[table], entityId: row.id, after: { name: row.name } });
			return done({ id: row.id });
		});
	} catch (error) {
		if (isUniqueViolation(error)) return refused('name', 'admin.error.nameTaken');
		throw error;
	}
}

export async function renameNamed(
	db: Kysely<Database>,
	actor: Principal,
	table: NamedTable,
	agencyId: number,
	id: number,
	raw: unknown
): Promise<Outcome> {
	const input = validate(nameForm, raw);
	if (!input.ok) return input;
	try {
		return await db.transaction().execute(async (trx) => {
			const before = await trx.selectFrom(table).select('name').where('id', '=', id).where('agency_id', '=', agencyId).forUpdate().executeTakeFirst();
			if (!before) return notFound;
			if (before.name === input.value.name) return done();
			await trx.updateTable(table).set({ name: input.value.name }).where('id', '=', id).where('agency_id', '=', agencyId).execute();
			await audit(trx, actor, {
				agencyId,
				action: `${ENTITY[table]}.rename`,
				entity: ENTITY[table],
				entityId: id,
				before: { name: before.name },
				after: { name: input.value.name }
			});
			return done();
		});
	} catch (error) {
		if (isUniqueViolation(error)) return refused('name', 'admin.error.nameTaken');
		throw error;
	}
}
