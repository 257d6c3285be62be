import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { hourOf } from '../flood';
import type { Submission } from './validation';

export interface SubmitContext {
	agencyId: number;
	counterId: number;
	/** The counter's active survey version: a submission for another one is refused. */
	activeVersionId: number;
	criterionIds: ReadonlyMap<string, number>;
	/** Keyed hash of network and browser (see flood.ts), or null for trusted imports. */
	deviceHash: string | null;
	limits: { flagPerHour: number; blockPerHour: number };
	now?: Date;
}

export type SubmitOutcome =
	| { status: 'stored'; responseId: number; flaggedMisuse: boolean }
	/** The same submission id was stored before (double tap, retry): nothing new is stored. */
	| { status: 'duplicate' }
	| { status: 'version_changed' }
	| { status: 'too_many' };

class Rollback extends Error {
	constructor(readonly outcome: SubmitOutcome) {
		super(outcome.status);
	}
}

/**
 * Stores one citizen's response with all its answers in one transaction, exactly once per
 * submission id. Floods from one device to one counter are counted per hour: above the flag limit
 * the response is stored but flagged as misuse (left out of estimates); above the block limit it is
 * refused and nothing is written.
 */
export async function submitResponse(db: Kysely<Database>, submission: Submission, context: SubmitContext): Promise<SubmitOutcome> {
	if (submission.survey_version !== context.activeVersionId) return { status: 'version_changed' };
	const now = context.now ?? new Date();
	try {
		return await db.transaction().execute(async (trx) => {
			const submissions = context.deviceHash ? await countSubmission(trx, context.counterId, context.deviceHash, now) : 0;
			if (submissions > context.limits.blockPerHour) throw new Rollback({ status: 'too_many' });
			const flaggedMisuse = submissions > context.limits.flagPerHour;

			const response = await trx
				.insertInto('responses')
				.values({
					agency_id: context.agencyId,
					counter_id: context.counterId,
					survey_version_id: context.activeVersionId,
					submission_id: submission.submission_id,
					submitted_at: now,
					source: 'online',
					channel: submission.channel,
					respondent_type: submission.respondent_type,
					gender: submission.gender,
					age_group: submission.age_group,
					ethnicity: submission.ethnicity,
					procedure_field_id: submission.procedure_field,
					dossier_code: submission.dossier_code,
					comment: submission.comment,
					flagged_misuse: flaggedMisuse
				})
				.onConflict((oc) => oc.column('submission_id').doNothing())
				.returning('id')
				.executeTakeFirst();
			// Rolling back also takes back the hourly count: a retry is not a second submission.
			if (!response) throw new Rollback({ status: 'duplicate' });

			const answers = Object.entries(submission.answers).map(([key, value]) => ({
				response_id: response.id,
				criterion_id: context.criterionIds.get(key)!,
				value
			}));
			if (answers.length) await trx.insertInto('answers').values(answers).execute();
			return { status: 'stored', responseId: response.id, flaggedMisuse } as const;
		});
	} catch (error) {
		if (error instanceof Rollback) return error.outcome;
		throw error;
	}
}

/** Adds one to this device's count at this counter for the current hour; returns the new count. */
async function countSubmission(trx: Kysely<Database>, counterId: number, deviceHash: string, now: Date): Promise<number> {
	const row = await trx
		.insertInto('submission_counts')
		.values({ counter_id: counterId, device_hash: deviceHash, hour: hourOf(now), submissions: 1 })
		.onConflict((oc) =>
			oc.columns(['counter_id', 'device_hash', 'hour']).doUpdateSet({ submissions: sql`submission_counts.submissions + 1` })
		)
		.returning('submissions')
		.executeTakeFirstOrThrow();
	return row.submissions;
}
