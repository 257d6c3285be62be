import type { Kysely } from 'kysely';
import { DIMENSION_KEYS, DIMENSIONS } from '../../sipas/dimensions';
import type { Database } from '../db/schema';
import {
	BASELINE_YEAR,
	CRITERIA,
	DIMENSION_REFERENCE,
	GIA_LAI_DOIT,
	LEAD_IN,
	TARGET_GAIN_POINTS,
	TARGET_YEAR
} from './sipas-reference';

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

		const agency = await trx
			.insertInto('agencies')
			.values({ code: GIA_LAI_DOIT.code, name_vi: GIA_LAI_DOIT.name_vi, name_en: GIA_LAI_DOIT.name_en })
			.returning('id')
			.executeTakeFirstOrThrow();

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

		const version = await trx
			.insertInto('survey_versions')
			.values({ agency_id: agency.id, number: 1, active: true, lead_in_vi: LEAD_IN.vi, lead_in_en: LEAD_IN.en })
			.returning('id')
			.executeTakeFirstOrThrow();
		await trx
			.insertInto('criteria')
			.values(
				CRITERIA.map((c, i) => ({
					survey_version_id: version.id,
					dimension_key: c.dimension,
					key: c.key,
					position: i + 1,
					text_vi: c.vi,
					text_en: c.en
				}))
			)
			.execute();

		await trx
			.insertInto('baselines')
			.values(DIMENSION_KEYS.map((key) => ({ agency_id: agency.id, dimension_key: key, year: BASELINE_YEAR, percent: DIMENSION_REFERENCE[key].baseline })))
			.execute();
		await trx
			.insertInto('targets')
			.values(
				DIMENSION_KEYS.map((key) => ({
					agency_id: agency.id,
					dimension_key: key,
					year: TARGET_YEAR,
					// Two decimals, as the plan writes them (84,19 + 2 = 86,19).
					percent: Math.round((DIMENSION_REFERENCE[key].baseline + TARGET_GAIN_POINTS) * 100) / 100
				}))
			)
			.execute();
		return { created: true };
	});
}
