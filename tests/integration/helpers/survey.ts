import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../../src/lib/server/db/schema';
import { seedReference } from '../../../src/lib/server/seed/reference';
import { criterionIds, findCounterSurvey } from '../../../src/lib/server/survey/definition';
import type { SubmitContext } from '../../../src/lib/server/survey/submit';
import type { Submission } from '../../../src/lib/server/survey/validation';

/** The seeded counter vp-01 and everything submitResponse needs to store a response to it. */
export async function seededCounter(db: Kysely<Database>, code = 'vp-01') {
	await seedReference(db);
	const survey = await findCounterSurvey(db, code);
	if (!survey) throw new Error(`counter ${code} not seeded`);
	const context = (overrides: Partial<SubmitContext> = {}): SubmitContext => ({
		agencyId: survey.agency.id,
		counterId: survey.counter.id,
		activeVersionId: survey.version.id,
		criterionIds: criterionIds(survey),
		deviceHash: 'device-a',
		limits: { flagPerHour: 10, blockPerHour: 60 },
		...overrides
	});
	const submission = (overrides: Partial<Submission> = {}): Submission => ({
		submission_id: randomUUID(),
		survey_version: survey.version.id,
		answers: { PA1: 5, PA2: null, CC1: 2, KQ1: 4 },
		respondent_type: 'individual',
		gender: null,
		age_group: '30_44',
		ethnicity: null,
		channel: 'in_person',
		procedure_field: survey.procedureFields[0]!.id,
		dossier_code: null,
		comment: 'Cán bộ hướng dẫn tận tình.',
		...overrides
	});
	return { survey, context, submission };
}
