import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { applyToSums, reflagResponses } from '../sums/maintain';
import { isUniqueViolation } from '../http/outcome';
import { hourOf } from './flood';
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
	/** Keyed hash of the network address alone (flood.ts) and its own limits; none for imports. */
	network?: { hash: string; flagPerHour: number; blockPerHour: number } | null;
	now?: Date;
	/** A response through a dossier's invitation: linked to it (at most one per dossier). */
	dossierId?: number | null;
	/** The citizen ticked "Tôi muốn được liên hệ lại về góp ý này". */
	wantsContact?: boolean;
	// --- kiosk (migration 010): both optional, absent for every other caller ---
	/** When the citizen answered (a kiosk's queued answer, bounds checked by kiosks/submit.ts): the response's time and period. */
	answeredAt?: Date;
	/** The kiosk the answer came from (responses.kiosk_id). */
	kioskId?: number | null;
	// --- end kiosk ---
}

export type SubmitOutcome =
	| { status: 'stored'; responseId: number; flaggedMisuse: boolean }
	/** The same submission id was stored before (double tap, retry): nothing new is stored. */
	| { status: 'duplicate' }
	| { status: 'version_changed' }
	| { status: 'too_many' }
	/** The dossier already has its response (another submission used the invitation): nothing stored. */
	| { status: 'already_rated' };

class Rollback extends Error {
	constructor(readonly outcome: SubmitOutcome) {
		super(outcome.status);
	}
}

/**
 * Stores one citizen's response with all its answers in one transaction, exactly once per
 * submission id. Floods to one counter are counted per hour, from one device and from one network
 * (whatever User-Agent it sends), each with its own limits: above a flag limit the response is
 * stored but flagged as misuse (left out of estimates); above a block limit it is refused and
 * nothing is written. The hourly counts come last, just before commit, because their rows are
 * shared by every submission from that device or network and stay locked until the transaction
 * ends.
 */
export async function submitResponse(db: Kysely<Database>, submission: Submission, context: SubmitContext): Promise<SubmitOutcome> {
	if (submission.survey_version !== context.activeVersionId) return { status: 'version_changed' };
	const now = context.now ?? new Date();
	try {
		return await db.transaction().execute(async (trx) => {
			const responseId = await insertResponse(trx, submission, context, now);
			// Rolling back also takes back the hourly count: a retry is not a second submission.
			if (responseId === undefined) throw new Rollback({ status: 'duplicate' });
			// The estimate sums in the same transaction, before the hourly count so that the device's
			// row is not held while they are written (they lock rows of their own, per counter and day).
			await applyToSums(trx, [responseId], 1);

			const network = context.network ?? null;
			const counts = await countSubmission(trx, context.counterId, [context.deviceHash, network?.hash ?? null], now);
			const device = context.deviceHash ? (counts.get(context.deviceHash) ?? 0) : 0;
			const fromNetwork = network ? (counts.get(network.hash) ?? 0) : 0;
			if (device > context.limits.blockPerHour || (network && fromNetwork > network.blockPerHour)) throw new Rollback({ status: 'too_many' });
			const flaggedMisuse = device > context.limits.flagPerHour || (network !== null && fromNetwork > network.flagPerHour);
			// Flagging moves the response's sums to the excluded row: rare, so the common path stays short.
			if (flaggedMisuse) await reflagResponses(trx, [responseId], { misuse: true });
			return { status: 'stored', responseId, flaggedMisuse } as const;
		});
	} catch (error) {
		if (error instanceof Rollback) return error.outcome;
		if (isUniqueViolation(error, 'responses_dossier_id_key')) return { status: 'already_rated' };
		throw error;
	}
}

/**
 * The response and its answers in one statement (one round trip); undefined when the submission
 * id was stored before. N/A answers are rows with a NULL value; skipped statements have no row.
 */
async function insertResponse(trx: Kysely<Database>, submission: Submission, context: SubmitContext, now: Date): Promise<number | undefined> {
	const answers = Object.entries(submission.answers);
	const { rows } = await sql<{ id: number }>`
		with response as (
			insert into responses (agency_id, counter_id, survey_version_id, submission_id, submitted_at, source, channel,
				respondent_type, gender, age_group, ethnicity, procedure_field_id, dossier_code, comment, dossier_id, wants_contact, kiosk_id)
			values (${context.agencyId}, ${context.counterId}, ${context.activeVersionId}, ${submission.submission_id}, ${context.answeredAt ?? now}, 'online',
				${submission.channel}, ${submission.respondent_type}, ${submission.gender}, ${submission.age_group}, ${submission.ethnicity},
				${submission.procedure_field}, ${submission.dossier_code}, ${submission.comment}, ${context.dossierId ?? null}, ${context.wantsContact ?? false}, ${context.kioskId ?? null})
			on conflict (submission_id) do nothing
			returning id
		), answer as (
			insert into answers (response_id, criterion_id, value)
			select response.id, a.criterion_id, a.value
			from response, unnest(${answers.map(([key]) => context.criterionIds.get(key)!)}::int[], ${answers.map(([, value]) => value)}::smallint[])
				as a(criterion_id, value)
		)
		select id from response`.execute(trx);
	return rows[0]?.id;
}

/**
 * Adds one to the counts of this device and this network at this counter for the current hour, in
 * one statement; returns the new counts by hash. Every submission locks the rows in the same
 * order (device, then network), so two submissions never wait on each other in a cycle.
 */
async function countSubmission(trx: Kysely<Database>, counterId: number, hashes: (string | null)[], now: Date): Promise<Map<string, number>> {
	const present = hashes.filter((h): h is string => h !== null);
	if (!present.length) return new Map();
	const rows = await trx
		.insertInto('submission_counts')
		.values(present.map((hash) => ({ counter_id: counterId, device_hash: hash, hour: hourOf(now), submissions: 1 })))
		.onConflict((oc) =>
			oc.columns(['counter_id', 'device_hash', 'hour']).doUpdateSet({ submissions: sql`submission_counts.submissions + 1` })
		)
		.returning(['device_hash', 'submissions'])
		.execute();
	return new Map(rows.map((r) => [r.device_hash, r.submissions]));
}
