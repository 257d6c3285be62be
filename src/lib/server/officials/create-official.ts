import type { Kysely } from 'kysely';
import { audit } from '../audit/audit';
import type { Principal } from '../auth/principal';
import type { Database } from '../db/schema';
import { done, isUniqueViolation, refused, validate, type Outcome } from '../http/outcome';
import { unitOfAgency } from './queries';
import { createOfficialForm } from './schema';

/** A new official of this agency, active, audited. A code the agency has already is refused. */
export async function createOfficial(db: Kysely<Database>, actor: Principal, agencyId: number, raw: unknown): Promise<Outcome<{ id: number; code: string }>> {
	const input = validate(createOfficialForm, raw);
	if (!input.ok) return input;
	const { code, name, unit } = input.value;
	try {
		return await db.transaction().execute(async (trx) => {
			const chosen = unit === null ? null : await unitOfAgency(trx, agencyId, unit);
			if (unit !== null && !chosen) return refused('unit', 'admin.error.choose');
			const row = await trx
				.insertInto('officials')
				.values({ agency_id: agencyId, code, name, unit_id: chosen?.id ?? null })
				.returning(['id', 'code'])
				.executeTakeFirstOrThrow();
			await audit(trx, actor, { agencyId, action: 'official.create', entity: 'official', entityId: row.id, after: { code, name, unit: chosen?.name ?? null, active: true } });
			return done(row);
		});
	} catch (error) {
		if (isUniqueViolation(error)) return refused('code', 'admin.officials.codeTaken', { code });
		throw error;
	}
}
