import type { Kysely } from 'kysely';
import { z } from 'zod';
import { audit } from '../audit/audit';
import type { Principal } from '../auth/principal';
import type { Database } from '../db/schema';
import { DIMENSION_KEYS } from '../../sipas/dimensions';
import { BASELINE_YEAR, DIMENSION_REFERENCE, TARGET_YEAR } from '../seed/sipas-reference';
import { agencyCode, displayName } from '../http/form-fields';
import { done, isUniqueViolation, refused, validate, type Outcome } from '../http/outcome';
import { defaultTarget } from '../goals/percent';
import { referenceQuestionnaire } from '../survey/versions';

/**
 * The agencies of the install, for the province administrator. A new agency starts empty — no
 * units, counters or users — and, unless the administrator unticks them:
 * - questionnaire version 1 of SIPAS.md §3, active, so the agency can take surveys as soon as it
 *   has a counter;
 * - the province plan's 2023 baselines and 2024 targets (baseline + 2 points) for the seven
 *   dimensions. They are the only published figures a new agency can start from; its own
 *   administrator replaces them under Administration → Baselines and targets. Without them its
 *   reports could judge no status until someone enters goals.
 */
export interface AgencyRow {
	id: number;
	code: string;
	name_vi: string;
	name_en: string;
	counters: number;
	users: number;
	activeVersion: number | null;
}

export async function listAgencies(db: Kysely<Database>): Promise<AgencyRow[]> {
	const rows = await db
		.selectFrom('agencies')
		.select([
			'agencies.id',
			'agencies.code',
			'agencies.name_vi',
			'agencies.name_en',
			(eb) => eb.selectFrom('counters').whereRef('counters.agency_id', '=', 'agencies.id').where('counters.active', '=', true).select((e) => e.fn.countAll<number>().as('n')).as('counters'),
			(eb) => eb.selectFrom('users').whereRef('users.agency_id', '=', 'agencies.id').where('users.active', '=', true).select((e) => e.fn.countAll<number>().as('n')).as('users'),
			(eb) => eb.selectFrom('survey_versions').whereRef('survey_versions.agency_id', '=', 'agencies.id').where('survey_versions.active', '=', true).select('number').as('activeVersion')
		])
		.orderBy('agencies.name_vi')
		.execute();
	return rows.map((r) => ({ ...r, counters: Number(r.counters ?? 0), users: Number(r.users ?? 0), activeVersion: r.activeVersion ?? null }));
}

const checkbox = z
	.string()
	.optional()
	.transform((v) => v === 'on' || v === '1' || v === 'true');
const createForm = z.object({
	code: agencyCode,
	name_vi: displayName,
	name_en: displayName,
	questionnaire: checkbox,
	goals: checkbox
});

export async function createAgency(db: Kysely<Database>, actor: Principal, raw: unknown): Promise<Outcome<{ id: number; code: string }>> {
	const input = validate(createForm, raw);
	if (!input.ok) return input;
	const { code, name_vi, name_en, questionnaire, goals } = input.value;
	try {
		return await db.transaction().execute(async (trx) => {
			const agency = await trx.insertInto('agencies').values({ code, name_vi, name_en }).returning('id').executeTakeFirstOrThrow();
			if (questionnaire) {
				const source = referenceQuestionnaire();
				const version = await trx
					.insertInto('survey_versions')
					.values({ agency_id: agency.id, number: 1, active: true, lead_in_vi: source.lead_in_vi, lead_in_en: source.lead_in_en })
					.returning('id')
					.executeTakeFirstOrThrow();
				await trx.insertInto('criteria').values(source.criteria.map((c) => ({ ...c, survey_version_id: version.id }))).execute();
			}
			if (goals) {
				await trx
					.insertInto('baselines')
					.values(DIMENSION_KEYS.map((key) => ({ agency_id: agency.id, dimension_key: key, year: BASELINE_YEAR, percent: DIMENSION_REFERENCE[key].baseline })))
					.execute();
				await trx
					.insertInto('targets')
					.values(DIMENSION_KEYS.map((key) => ({ agency_id: agency.id, dimension_key: key, year: TARGET_YEAR, percent: defaultTarget(DIMENSION_REFERENCE[key].baseline) })))
					.execute();
			}
			await audit(trx, actor, {
				agencyId: agency.id,
				action: 'agency.create',
				entity: 'agency',
				entityId: agency.id,
				after: { code, name_vi, name_en, questionnaire, goals }
			});
			return done({ id: agency.id, code });
		});
	} catch (error) {
		if (isUniqueViolation(error)) return refused('code', 'admin.agencies.codeTaken', { code });
		throw error;
	}
}
