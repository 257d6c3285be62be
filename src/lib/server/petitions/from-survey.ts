import type { Kysely } from 'kysely';
import type { PetitionCategory } from '../../domain/enums';
import type { DimensionKey } from '../../sipas/dimensions';
import type { Database } from '../db/schema';
import { isUniqueViolation } from '../http/outcome';
import { createPetition } from './create-petition';

/**
 * "Tôi muốn được trả lời" on the survey: after the survey use case stored the response (this
 * never touches how it is stored), the route calls this with the form's submission id and the
 * contact given. A case is opened only when the response rated something low (1 or 2) or carries
 * a comment; it is linked to the response and, through an invitation, to its dossier. Calling it
 * again for the same response opens nothing more (petitions.response_id is unique).
 */
const CATEGORY_OF_DIMENSION: Record<DimensionKey, PetitionCategory> = {
	policy_accountability: 'regulations',
	policy_participation: 'regulations',
	service_access: 'other',
	procedures: 'procedures',
	civil_servants: 'official_attitude',
	service_results: 'results',
	feedback_handling: 'other'
};

export type SurveyCaseResult = { kind: 'opened'; code: string; secret: string } | { kind: 'existing'; code: string } | { kind: 'not_eligible' };

export async function openCaseFromSurvey(
	db: Kysely<Database>,
	submissionId: string,
	contact: { phone: string | null; email: string | null },
	settings: { origin: string; now?: Date }
): Promise<SurveyCaseResult> {
	const now = settings.now ?? new Date();
	const response = await db
		.selectFrom('responses')
		.innerJoin('counters', 'counters.id', 'responses.counter_id')
		.leftJoin('dossiers', 'dossiers.id', 'responses.dossier_id')
		.select(['responses.id', 'responses.agency_id as agencyId', 'responses.counter_id as counterId', 'responses.dossier_id as dossierId', 'responses.comment', 'counters.unit_id as counterUnit', 'dossiers.unit_id as dossierUnit'])
		.where('responses.submission_id', '=', submissionId)
		.executeTakeFirst();
	if (!response) return { kind: 'not_eligible' };
	const existing = await db.selectFrom('petitions').select('code').where('response_id', '=', response.id).executeTakeFirst();
	if (existing) return { kind: 'existing', code: existing.code };

	const low = await db
		.selectFrom('answers')
		.innerJoin('criteria', 'criteria.id', 'answers.criterion_id')
		.innerJoin('dimensions', 'dimensions.key', 'criteria.dimension_key')
		.select(['criteria.dimension_key as dimension', 'criteria.text_vi as text', 'answers.value'])
		.where('answers.response_id', '=', response.id)
		.where('answers.value', '<=', 2)
		.orderBy('answers.value')
		.orderBy('dimensions.position')
		.orderBy('criteria.position')
		.execute();
	if (low.length === 0 && !response.comment) return { kind: 'not_eligible' };

	const first = low[0];
	const category = first ? CATEGORY_OF_DIMENSION[first.dimension as DimensionKey] ?? 'other' : 'other';
	const lowText = low.map((a) => `• ${a.text} (${a.value === 1 ? 'Rất không hài lòng' : 'Không hài lòng'})`).join('\n');
	const body = [response.comment, low.length ? `Đánh giá thấp trong khảo sát:\n${lowText}` : null].filter(Boolean).join('\n\n').slice(0, 4000);
	try {
		return await db.transaction().execute(async (trx) => {
			const created = await createPetition(
				trx,
				{ kind: 'system', label: 'citizen' },
				{
					agencyId: response.agencyId,
					category,
					source: 'survey',
					body,
					phone: contact.phone,
					email: contact.email,
					responseId: response.id,
					dossierId: response.dossierId,
					counterId: response.counterId,
					unitId: response.dossierUnit ?? response.counterUnit
				},
				{ origin: settings.origin, now }
			);
			return { kind: 'opened', code: created.code, secret: created.secret } as const;
		});
	} catch (error) {
		if (!isUniqueViolation(error)) throw error;
		const raced = await db.selectFrom('petitions').select('code').where('response_id', '=', response.id).executeTakeFirstOrThrow();
		return { kind: 'existing', code: raced.code };
	}
}
