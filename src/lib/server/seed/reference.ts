import type { Kysely } from 'kysely';
import { DIMENSIONS } from '../../sipas/dimensions';
import type { Database } from '../db/schema';
import { insertAgency } from '../agencies/insert-agency';
import { DIMENSION_REFERENCE, GIA_LAI_DOIT } from './sipas-reference';

/**
 * Seeds an empty database with the national dimensions and the Gia Lai department (units,
 * counters, procedure fields, survey version 1, baselines and targets). Does nothing for parts
 * that exist already, so it is safe at every start.
 */
export async function seedReference(db: Kysely<Database>): Promise<{ created: boolean }> {
	return db.transaction().execute(async (trx) => {
		await trx
			.insertInto('dimensions')
			.values(
				DIMENSIONS.map(({ key, kind }, i) => {
					const { name_vi, name_en } = DIMENSION_REFERENCE[key];
					return { key, position: i + 1, kind, name_vi, name_en };
				})
			)
			.onConflict((oc) => oc.column('key').doNothing())
			.execute();

		const existing = await trx.selectFrom('agencies').select('id').where('code', '=', GIA_LAI_DOIT.code).executeTakeFirst();
		if (existing) return { created: false };

		const agency = await insertAgency(
			trx,
			{ code: GIA_LAI_DOIT.code, name_vi: GIA_LAI_DOIT.name_vi, name_en: GIA_LAI_DOIT.name_en },
			{ questionnaire: true, goals: true }
		);

		for (const unit of GIA_LAI_DOIT.units) {
			const { id: unitId } = await trx
				.insertInto('units')
				.values({ agency_id: agency.id, name: unit.name })
				.returning('id')
				.executeTakeFirstOrThrow();
			await trx
				.insertInto('counters')
				.values({ agency_id: agency.id, unit_id: unitId, code: unit.counter.code, name: unit.counter.name })
				.execute();
		}
		await trx
			.insertInto('procedure_fields')
			.values(GIA_LAI_DOIT.procedureFields.map((name) => ({ agency_id: agency.id, name })))
			.execute();

		return { created: true };
	});
}
