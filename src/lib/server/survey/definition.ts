import { sql, type Kysely } from 'kysely';
import type { DimensionKind } from '../../sipas';
import type { Database } from '../db/schema';
import { COUNTER_CODE } from '../counters/schema';

/** What the survey page needs to show one counter's questionnaire. */
export interface CounterSurvey {
	agency: { id: number; code: string; name_vi: string; name_en: string };
	counter: { id: number; code: string; name: string; name_en: string | null };
	version: { id: number; number: number; lead_in_vi: string; lead_in_en: string };
	dimensions: SurveyDimension[];
	procedureFields: { id: number; name: string }[];
}

export interface SurveyDimension {
	key: string;
	kind: DimensionKind;
	name_vi: string;
	name_en: string;
	criteria: { id: number; key: string; text_vi: string; text_en: string }[];
}

/** The active counter with this public code and its agency's active survey version, if any. */
export async function findCounterSurvey(db: Kysely<Database>, code: string): Promise<CounterSurvey | undefined> {
	// A code of another shape (/s/%00, a typo'd poster) names no counter: not a query Postgres
	// would refuse (NUL) or answer with nothing anyway.
	if (!COUNTER_CODE.test(code)) return undefined;
	const row = await db
		.selectFrom('counters')
		.innerJoin('agencies', 'agencies.id', 'counters.agency_id')
		.innerJoin('survey_versions', (join) =>
			join.onRef('survey_versions.agency_id', '=', 'counters.agency_id').on('survey_versions.active', '=', true)
		)
		.select([
			'agencies.id as agencyId',
			'agencies.code as agencyCode',
			'agencies.name_vi as agencyNameVi',
			'agencies.name_en as agencyNameEn',
			'counters.id as counterId',
			'counters.code as counterCode',
			'counters.name as counterName',
			'counters.name_en as counterNameEn',
			'survey_versions.id as versionId',
			'survey_versions.number as versionNumber',
			'survey_versions.lead_in_vi',
			'survey_versions.lead_in_en'
		])
		.where('counters.code', '=', code)
		.where('counters.active', '=', true)
		.executeTakeFirst();
	if (!row) return undefined;

	const [criteria, procedureFields] = await Promise.all([
		db
			.selectFrom('criteria')
			.innerJoin('dimensions', 'dimensions.key', 'criteria.dimension_key')
			.select([
				'criteria.id',
				'criteria.key',
				'criteria.text_vi',
				'criteria.text_en',
				'dimensions.key as dimensionKey',
				'dimensions.kind',
				'dimensions.name_vi as dimensionNameVi',
				'dimensions.name_en as dimensionNameEn'
			])
			.where('criteria.survey_version_id', '=', row.versionId)
			.orderBy('dimensions.position')
			.orderBy('criteria.position')
			.execute(),
		db.selectFrom('procedure_fields').select(['id', 'name']).where('agency_id', '=', row.agencyId).orderBy('name').execute()
	]);

	const dimensions: SurveyDimension[] = [];
	for (const c of criteria) {
		let dimension = dimensions.at(-1);
		if (dimension?.key !== c.dimensionKey) {
			dimension = { key: c.dimensionKey, kind: c.kind, name_vi: c.dimensionNameVi, name_en: c.dimensionNameEn, criteria: [] };
			dimensions.push(dimension);
		}
		dimension.criteria.push({ id: c.id, key: c.key, text_vi: c.text_vi, text_en: c.text_en });
	}

	return {
		agency: { id: row.agencyId, code: row.agencyCode, name_vi: row.agencyNameVi, name_en: row.agencyNameEn },
		counter: { id: row.counterId, code: row.counterCode, name: row.counterName, name_en: row.counterNameEn },
		version: { id: row.versionId, number: row.versionNumber, lead_in_vi: row.lead_in_vi, lead_in_en: row.lead_in_en },
		dimensions,
		procedureFields
	};
}

export function criterionIds(survey: CounterSurvey): Map<string, number> {
	return new Map(survey.dimensions.flatMap((d) => d.criteria.map((c) => [c.key, c.id] as const)));
}

/** Just what storing a submission needs, in one round trip: the submit path is the hot path. */
export interface SubmissionTarget {
	agencyId: number;
	counterId: number;
	activeVersionId: number;
	criterionIds: ReadonlyMap<string, number>;
	/** The agency's procedure fields: a submission may name one of these, or none. */
	procedureFieldIds: ReadonlySet<number>;
}

export async function findSubmissionTarget(db: Kysely<Database>, code: string): Promise<SubmissionTarget | undefined> {
	if (!COUNTER_CODE.test(code)) return undefined;
	const row = await db
		.selectFrom('counters')
		.innerJoin('survey_versions', (join) =>
			join.onRef('survey_versions.agency_id', '=', 'counters.agency_id').on('survey_versions.active', '=', true)
		)
		.innerJoin('criteria', 'criteria.survey_version_id', 'survey_versions.id')
		.select((eb) => [
			'counters.id as counterId',
			'counters.agency_id as agencyId',
			'survey_versions.id as versionId',
			eb.fn<Record<string, number>>('json_object_agg', ['criteria.key', 'criteria.id']).as('criteria'),
			sql<number[]>`(select coalesce(json_agg(procedure_fields.id), '[]'::json) from procedure_fields where procedure_fields.agency_id = counters.agency_id)`.as(
				'procedureFields'
			)
		])
		.where('counters.code', '=', code)
		.where('counters.active', '=', true)
		.groupBy(['counters.id', 'counters.agency_id', 'survey_versions.id'])
		.executeTakeFirst();
	if (!row) return undefined;
	return {
		agencyId: row.agencyId,
		counterId: row.counterId,
		activeVersionId: row.versionId,
		criterionIds: new Map(Object.entries(row.criteria)),
		procedureFieldIds: new Set(row.procedureFields)
	};
}
