import type { Kysely } from 'kysely';
import type { Principal } from '../auth/principal';
import type { Database } from '../db/schema';
import { done, refused, validate, type Outcome } from '../http/outcome';
import { createPetition } from './create-petition';
import { staffPetitionForm } from './schema';

/** Staff entering a petition received on paper, by phone or at the counter (optionally already naming a unit or official). */
export async function enterPetition(db: Kysely<Database>, actor: Principal, agencyId: number, raw: unknown, settings: { origin: string; now?: Date }): Promise<Outcome<{ code: string; secret: string }>> {
	const input = validate(staffPetitionForm, raw);
	if (!input.ok) return input;
	const v = input.value;
	return db.transaction().execute(async (trx) => {
		const unit = v.unit === null ? null : await trx.selectFrom('units').select('id').where('agency_id', '=', agencyId).where('id', '=', v.unit).executeTakeFirst();
		if (v.unit !== null && !unit) return refused('unit', 'admin.error.choose');
		const official = v.official === null ? null : await trx.selectFrom('officials').select(['id', 'unit_id']).where('agency_id', '=', agencyId).where('id', '=', v.official).executeTakeFirst();
		if (v.official !== null && !official) return refused('official', 'admin.error.choose');
		const created = await createPetition(
			trx,
			actor,
			{ agencyId, category: v.category, source: v.source, body: v.body, contactName: v.contact_name, phone: v.phone, email: v.email, unitId: unit?.id ?? official?.unit_id ?? null, officialId: official?.id ?? null },
			{ origin: settings.origin, now: settings.now ?? new Date() }
		);
		return done({ code: created.code, secret: created.secret });
	});
}
