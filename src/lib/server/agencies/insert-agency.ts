import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { defaultTarget } from '../goals/percent';
import { DIMENSION_KEYS } from '../../sipas/dimensions';
import { BASELINE_YEAR, DIMENSION_REFERENCE, TARGET_YEAR } from '../seed/sipas-reference';
import { referenceQuestionnaire } from '../survey/versions';

export interface NewAgency {
	code: string;
	name_vi: string;
	name_en: string;
}

export interface AgencyStart {
	/** Questionnaire version 1 of SIPAS.md §3, active, so the agency can take surveys at once. */
	questionnaire: boolean;
	/** The province plan's 2023 baselines and 2024 targets (baseline + 2 points) for the seven dimensions. */
	goals: boolean;
}

/**
 * The one way an agency comes into being, for the province page and for the seed alike: the row,
 * then what it starts with. Runs inside the caller's transaction, which writes the audit entry.
 */
export async function insertAgency(trx: Kysely<Database>, agency: NewAgency, start: AgencyStart): Promise<{ id: number }> {
	const { id } = await trx.insertInto('agencies').values(agency).returning('id').executeTakeFirstOrThrow();
	if (start.questionnaire) {
		const source = referenceQuestionnaire();
		const version = await trx
			.insertInto('survey_versions')
			.values({ agency_id: id, number: 1, active: true, lead_in_vi: source.lead_in_vi, lead_in_en: source.lead_in_en })
			.returning('id')
			.executeTakeFirstOrThrow();
		await trx.insertInto('criteria').values(source.criteria.map((c) => ({ ...c, survey_version_id: version.id }))).execute();
	}
	if (start.goals) {
		await trx
			.insertInto('baselines')
			.values(DIMENSION_KEYS.map((key) => ({ agency_id: id, dimension_key: key, year: BASELINE_YEAR, percent: DIMENSION_REFERENCE[key].baseline })))
			.execute();
		await trx
			.insertInto('targets')
			.values(DIMENSION_KEYS.map((key) => ({ agency_id: id, dimension_key: key, year: TARGET_YEAR, percent: defaultTarget(DIMENSION_REFERENCE[key].baseline) })))
			.execute();
	}
	return { id };
}
