import type { Kysely, Transaction } from 'kysely';
import { audit } from '../audit/audit';
import type { Principal } from '../auth/principal';
import type { DimensionKind } from '../../sipas';
import type { Database } from '../db/schema';
import { CRITERIA, LEAD_IN } from '../seed/sipas-reference';
import type { StaffFieldErrors } from '$lib/i18n/staff';
import { done, isUniqueViolation, notFound, refused, type Outcome } from '../http/outcome';

/**
 * Survey versions of one agency. A new version starts as a copy of the active one (or, for an
 * agency without any, of the SIPAS reference questionnaire) and keeps its criterion keys, so
 * trends stay comparable; only wording changes. A version can be edited while no response uses
 * it — the database trigger survey_version_is_frozen refuses changes to its criteria after that,
 * and this module checks first so the administrator reads why. Exactly one version is active.
 */
export type VersionStatus = 'active' | 'draft' | 'used';

export interface VersionSummary {
	id: number;
	number: number;
	active: boolean;
	createdAt: Date;
	responses: number;
	status: VersionStatus;
}

export interface VersionDetail extends VersionSummary {
	lead_in_vi: string;
	lead_in_en: string;
	editable: boolean;
	dimensions: {
		key: string;
		kind: DimensionKind;
		name_vi: string;
		name_en: string;
		criteria: { key: string; text_vi: string; text_en: string }[];
	}[];
}

export const TEXT_MAX = 300;
export const LEAD_IN_MAX = 200;

function statusOf(active: boolean, responses: number): VersionStatus {
	return active ? 'active' : responses > 0 ? 'used' : 'draft';
}

export async function listVersions(db: Kysely<Database>, agencyId: number): Promise<VersionSummary[]> {
	const rows = await db
		.selectFrom('survey_versions')
		.select([
			'id',
			'number',
			'active',
			'created_at',
			(eb) => eb.selectFrom('responses').whereRef('responses.survey_version_id', '=', 'survey_versions.id').select((e) => e.fn.countAll<number>().as('n')).as('responses')
		])
		.where('agency_id', '=', agencyId)
		.orderBy('number', 'desc')
		.execute();
	return rows.map((r) => {
		const responses = Number(r.responses ?? 0);
		return { id: r.id, number: r.number, active: r.active, createdAt: r.created_at, responses, status: statusOf(r.active, responses) };
	});
}

export async function getVersion(db: Kysely<Database>, agencyId: number, id: number): Promise<VersionDetail | undefined> {
	const version = (await listVersions(db, agencyId)).find((v) => v.id === id);
	if (!version) return undefined;
	const [texts, criteria] = await Promise.all([
		db.selectFrom('survey_versions').select(['lead_in_vi', 'lead_in_en']).where('id', '=', id).where('agency_id', '=', agencyId).executeTakeFirstOrThrow(),
		db
			.selectFrom('criteria')
			.innerJoin('dimensions', 'dimensions.key', 'criteria.dimension_key')
			.select(['criteria.key', 'criteria.text_vi', 'criteria.text_en', 'dimensions.key as dimension', 'dimensions.kind', 'dimensions.name_vi', 'dimensions.name_en'])
			.where('criteria.survey_version_id', '=', id)
			.orderBy('dimensions.position')
			.orderBy('criteria.position')
			.execute()
	]);
	const dimensions: VersionDetail['dimensions'] = [];
	for (const c of criteria) {
		let dimension = dimensions.at(-1);
		if (dimension?.key !== c.dimension) {
			dimension = { key: c.dimension, kind: c.kind, name_vi: c.name_vi, name_en: c.name_en, criteria: [] };
			dimensions.push(dimension);
		}
		dimension.criteria.push({ key: c.key, text_vi: c.text_vi, text_en: c.text_en });
	}
	return { ...version, ...texts, editable: version.responses === 0, dimensions };
}

/**
 * A new inactive version numbered after the last one: a copy of the active version, or of the
 * SIPAS reference questionnaire when the agency has no active version yet.
 */
export async function createVersion(db: Kysely<Database>, actor: Principal, agencyId: number): Promise<Outcome<{ id: number; number: number }>> {
	try {
		return await db.transaction().execute(async (trx) => {
			// Serialises two administrators creating a version at once (same number otherwise).
			await trx.selectFrom('agencies').select('id').where('id', '=', agencyId).forUpdate().execute();
			const last = await trx.selectFrom('survey_versions').select((eb) => eb.fn.max('number').as('n')).where('agency_id', '=', agencyId).executeTakeFirst();
			const number = Number(last?.n ?? 0) + 1;
			const active = await trx
				.selectFrom('survey_versions')
				.select(['id', 'number', 'lead_in_vi', 'lead_in_en'])
				.where('agency_id', '=', agencyId)
				.where('active', '=', true)
				.executeTakeFirst();
			const source = active
				? {
						lead_in_vi: active.lead_in_vi,
						lead_in_en: active.lead_in_en,
						criteria: await trx
							.selectFrom('criteria')
							.select(['dimension_key', 'key', 'position', 'text_vi', 'text_en'])
							.where('survey_version_id', '=', active.id)
							.orderBy('position')
							.execute()
					}
				: referenceQuestionnaire();
			const version = await trx
				.insertInto('survey_versions')
				.values({ agency_id: agencyId, number, active: false, lead_in_vi: source.lead_in_vi, lead_in_en: source.lead_in_en })
				.returning('id')
				.executeTakeFirstOrThrow();
			await trx
				.insertInto('criteria')
				.values(source.criteria.map((c) => ({ ...c, survey_version_id: version.id })))
				.execute();
			await audit(trx, actor, {
				agencyId,
				action: 'survey_version.create',
				entity: 'survey_version',
				entityId: version.id,
				after: { number, copied_from: active ? `v${active.number}` : 'SIPAS', criteria: source.criteria.length }
			});
			return done({ id: version.id, number });
		});
	} catch (error) {
		if (isUniqueViolation(error, 'survey_versions_agency_number_key')) return refused('form', 'admin.survey.busy', undefined, 409);
		throw error;
	}
}

/** Questionnaire version 1 of SIPAS.md §3, for a version of an agency that has none. */
export function referenceQuestionnaire() {
	return {
		lead_in_vi: LEAD_IN.vi,
		lead_in_en: LEAD_IN.en,
		criteria: CRITERIA.map((c, i) => ({ dimension_key: c.dimension, key: c.key, position: i + 1, text_vi: c.vi, text_en: c.en }))
	};
}

/** Locks the version against new responses (their foreign key takes a share lock) and tells whether any exist. */
async function lockVersion(trx: Transaction<Database>, agencyId: number, id: number) {
	const version = await trx
		.selectFrom('survey_versions')
		.select(['id', 'number', 'active', 'lead_in_vi', 'lead_in_en'])
		.where('id', '=', id)
		.where('agency_id', '=', agencyId)
		.forUpdate()
		.executeTakeFirst();
	if (!version) return undefined;
	const used = await trx.selectFrom('responses').select('id').where('survey_version_id', '=', id).limit(1).executeTakeFirst();
	return { ...version, hasResponses: !!used };
}

/** The trigger's refusal (check_violation raised by survey_version_is_frozen). */
function isFrozenError(error: unknown): boolean {
	const e = error as { code?: unknown; message?: unknown } | null;
	return e?.code === '23514' && typeof e.message === 'string' && e.message.includes('cannot be changed');
}

/**
 * New wording for a version without responses: fields "lead_in_vi", "lead_in_en",
 * "text_vi.<KEY>", "text_en.<KEY>". Keys, dimensions and order are kept; only texts change.
 */
export async function updateVersion(db: Kysely<Database>, actor: Principal, agencyId: number, id: number, raw: Record<string, string>): Promise<Outcome> {
	try {
		return await db.transaction().execute(async (trx) => {
			const version = await lockVersion(trx, agencyId, id);
			if (!version) return notFound;
			if (version.hasResponses) return refused('form', 'admin.survey.frozen', { number: version.number }, 409);

			const criteria = await trx.selectFrom('criteria').select(['id', 'key', 'text_vi', 'text_en']).where('survey_version_id', '=', id).orderBy('position').execute();
			const errors: StaffFieldErrors = {};
			const text = (field: string, max: number) => {
				const value = (raw[field] ?? '').trim().replace(/\s+/g, ' ');
				if (!value) errors[field] = { key: 'admin.error.required' };
				else if (value.length > max) errors[field] = { key: 'admin.survey.tooLong', params: { max } };
				return value;
			};
			const leadIn = { lead_in_vi: text('lead_in_vi', LEAD_IN_MAX), lead_in_en: text('lead_in_en', LEAD_IN_MAX) };
			const wording = criteria.map((c) => ({ ...c, next_vi: text(`text_vi.${c.key}`, TEXT_MAX), next_en: text(`text_en.${c.key}`, TEXT_MAX) }));
			if (Object.keys(errors).length) return { ok: false, status: 400, errors } as const;

			const before: Record<string, string> = {};
			const after: Record<string, string> = {};
			for (const field of ['lead_in_vi', 'lead_in_en'] as const) {
				if (version[field] !== leadIn[field]) [before[field], after[field]] = [version[field], leadIn[field]];
			}
			if (Object.keys(after).length) await trx.updateTable('survey_versions').set(leadIn).where('id', '=', id).where('agency_id', '=', agencyId).execute();
			for (const c of wording) {
				if (c.text_vi === c.next_vi && c.text_en === c.next_en) continue;
				if (c.text_vi !== c.next_vi) [before[`${c.key}.vi`], after[`${c.key}.vi`]] = [c.text_vi, c.next_vi];
				if (c.text_en !== c.next_en) [before[`${c.key}.en`], after[`${c.key}.en`]] = [c.text_en, c.next_en];
				await trx.updateTable('criteria').set({ text_vi: c.next_vi, text_en: c.next_en }).where('id', '=', c.id).execute();
			}
			if (Object.keys(after).length) {
				await audit(trx, actor, { agencyId, action: 'survey_version.update', entity: 'survey_version', entityId: id, before: { number: version.number, ...before }, after: { number: version.number, ...after } });
			}
			return done();
		});
	} catch (error) {
		if (isFrozenError(error)) return refused('form', 'admin.survey.frozenNow', undefined, 409);
		throw error;
	}
}

/** Makes this version the one citizens answer; the previously active one stays, read-only if used. */
export async function activateVersion(db: Kysely<Database>, actor: Principal, agencyId: number, id: number): Promise<Outcome> {
	try {
		return await db.transaction().execute(async (trx) => {
			const version = await trx.selectFrom('survey_versions').select(['id', 'number', 'active']).where('id', '=', id).where('agency_id', '=', agencyId).forUpdate().executeTakeFirst();
			if (!version) return notFound;
			if (version.active) return done();
			const criteria = await trx.selectFrom('criteria').select((eb) => eb.fn.countAll<number>().as('n')).where('survey_version_id', '=', id).executeTakeFirstOrThrow();
			if (Number(criteria.n) === 0) return refused('form', 'admin.survey.empty');
			const previous = await trx
				.updateTable('survey_versions')
				.set({ active: false })
				.where('agency_id', '=', agencyId)
				.where('active', '=', true)
				.returning('number')
				.executeTakeFirst();
			// After the old one is off: the partial unique index allows one active version per agency.
			await trx.updateTable('survey_versions').set({ active: true }).where('id', '=', id).where('agency_id', '=', agencyId).execute();
			await audit(trx, actor, {
				agencyId,
				action: 'survey_version.activate',
				entity: 'survey_version',
				entityId: id,
				before: { active_version: previous?.number ?? null },
				after: { active_version: version.number }
			});
			return done();
		});
	} catch (error) {
		if (isUniqueViolation(error, 'survey_versions_one_active_idx')) return refused('form', 'admin.survey.busy', undefined, 409);
		throw error;
	}
}
