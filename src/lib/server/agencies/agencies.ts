import type { Kysely } from 'kysely';
import { z } from 'zod';
import { audit } from '../audit/audit';
import type { Principal } from '../auth/principal';
import type { Database } from '../db/schema';
import { displayName } from '../http/form-schemas';
import { agencyCode } from './schema';
import { done, isUniqueViolation, refused, validate, type Outcome } from '../http/outcome';
import { insertAgency } from './insert-agency';

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
			const agency = await insertAgency(trx, { code, name_vi, name_en }, { questionnaire, goals });
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

/** An agency's code by id: where a signed-in user's own agency lives (/a/{code}). */
export async function agencyCodeOf(db: Kysely<Database>, agencyId: number): Promise<string> {
	const agency = await db.selectFrom('agencies').select('code').where('id', '=', agencyId).executeTakeFirstOrThrow();
	return agency.code;
}
