import type { Kysely, Transaction } from 'kysely';
import { audit } from '../audit/audit';
import type { Principal } from '../auth/principal';
import type { Database } from '../db/schema';
import { done, notFound, refused, validate, type Outcome } from '../http/outcome';
import { unitOfAgency } from './queries';
import { editOfficialForm } from './schema';

interface Before {
	code: string;
	name: string;
	unit_id: number | null;
	active: boolean;
}

/** Runs a change on one official of this agency, locked, with its state before for the audit. */
async function changeOfficial(
	db: Kysely<Database>,
	agencyId: number,
	id: number,
	change: (trx: Transaction<Database>, before: Before) => Promise<Outcome>
): Promise<Outcome> {
	return db.transaction().execute(async (trx) => {
		const before = await trx
			.selectFrom('officials')
			.select(['code', 'name', 'unit_id', 'active'])
			.where('id', '=', id)
			.where('agency_id', '=', agencyId)
			.forUpdate()
			.executeTakeFirst();
		return before ? change(trx, before) : notFound;
	});
}

/** A new name or unit (or none); the audit entry names what changed. */
export async function editOfficial(db: Kysely<Database>, actor: Principal, agencyId: number, id: number, raw: unknown): Promise<Outcome> {
	const input = validate(editOfficialForm, raw);
	if (!input.ok) return input;
	const { name, unit } = input.value;
	return changeOfficial(db, agencyId, id, async (trx, before) => {
		const chosen = unit === null ? null : await unitOfAgency(trx, agencyId, unit);
		if (unit !== null && !chosen) return refused('unit', 'admin.error.choose');
		const unitId = chosen?.id ?? null;
		if (before.name === name && before.unit_id === unitId) return done();
		await trx.updateTable('officials').set({ name, unit_id: unitId }).where('id', '=', id).where('agency_id', '=', agencyId).execute();
		const was: Record<string, string | null> = { code: before.code };
		const is: Record<string, string | null> = { code: before.code };
		if (before.name !== name) [was.name, is.name] = [before.name, name];
		if (before.unit_id !== unitId) {
			const from = before.unit_id === null ? null : await unitOfAgency(trx, agencyId, before.unit_id);
			[was.unit, is.unit] = [from?.name ?? null, chosen?.name ?? null];
		}
		await audit(trx, actor, { agencyId, action: 'official.edit', entity: 'official', entityId: id, before: was, after: is });
		return done();
	});
}

/**
 * Deactivate an official who no longer handles dossiers (moved, retired), or reactivate one. The
 * dossiers they handled keep them; a later import that names them does not reactivate them.
 */
export async function setOfficialActive(db: Kysely<Database>, actor: Principal, agencyId: number, id: number, active: boolean): Promise<Outcome> {
	return changeOfficial(db, agencyId, id, async (trx, before) => {
		if (before.active === active) return done();
		await trx.updateTable('officials').set({ active }).where('id', '=', id).where('agency_id', '=', agencyId).execute();
		await audit(trx, actor, {
			agencyId,
			action: active ? 'official.reactivate' : 'official.deactivate',
			entity: 'official',
			entityId: id,
			before: { code: before.code, active: before.active },
			after: { code: before.code, active }
		});
		return done();
	});
}
