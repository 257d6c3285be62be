import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Config } from '../config-schema';
import type { Database } from '../db/schema';
import type { KioskRefusalReason } from '../db/kiosk-schema';
import { countSubmission } from '../metrics/metrics';
import { findSubmissionTarget } from '../survey/definition';
import { submitResponse } from '../survey/submit';
import { parseSubmission, type Submission } from '../survey/validation';
import type { KioskIdentity } from './enrol';

/**
 * One answer a kiosk sends, live or from its offline queue. It goes through the survey's own use
 * case (submitResponse), so a submission id is stored once whatever the retries: a queue sent
 * twice, or a connection lost after the server stored it, stores nothing more. The response's
 * time (and so its day and month in the estimates) is when the citizen answered, which must lie
 * between MAX_AGE_DAYS ago and now (a little clock drift of the tablet allowed); otherwise, and
 * when the kiosk is revoked, the answer is refused with a reason kept for the administrator.
 */
export const MAX_AGE_DAYS = 7;
/** A tablet's clock may run a little ahead of the server's; beyond this the time is "in the future". */
export const CLOCK_DRIFT_MS = 2 * 60_000;
/** Channel of every kiosk answer: the citizen is at the counter. */
export const KIOSK_CHANNEL = 'in_person';

export type KioskAnswerResult = { status: 'stored'; flaggedMisuse: boolean } | { status: 'duplicate' } | { status: 'refused'; reason: KioskRefusalReason };

type KioskConfig = Pick<Config, 'KIOSK_REPEAT_FLAG' | 'KIOSK_REPEAT_WINDOW_MINUTES'>;

export async function receiveKioskAnswer(
	db: Kysely<Database>,
	config: KioskConfig,
	counterCode: string,
	kiosk: KioskIdentity,
	raw: unknown,
	now = new Date()
): Promise<KioskAnswerResult> {
	const body = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
	const refuse = (reason: KioskRefusalReason) => refusal(db, kiosk.id, body.submission_id, reason);
	if (kiosk.revoked) return refuse('revoked');

	const answeredAt = answeredTime(body.answered_at);
	if (!answeredAt) return refuse('invalid');
	if (answeredAt.getTime() > now.getTime() + CLOCK_DRIFT_MS) return refuse('future');
	if (answeredAt.getTime() < now.getTime() - MAX_AGE_DAYS * 86400_000) return refuse('too_old');

	const target = await findSubmissionTarget(db, counterCode);
	if (!target || target.counterId !== kiosk.counterId) return refuse('invalid');
	const { answered_at: _, ...fields } = body;
	const parsed = parseSubmission({ ...fields, channel: KIOSK_CHANNEL }, new Set(target.criterionIds.keys()));
	if (!parsed.ok) return refuse('invalid');
	const field = parsed.submission.procedure_field;
	if (field !== null && !target.procedureFieldIds.has(field)) return refuse('invalid');

	const outcome = await submitResponse(db, parsed.submission, {
		...target,
		// The repeat-press guard: the flood rule's hourly count, keyed by this kiosk, the answer's
		// content and its time window, so identical answers close together count as one "device".
		deviceHash: repeatKey(kiosk.id, parsed.submission, answeredAt, config.KIOSK_REPEAT_WINDOW_MINUTES),
		// Flagged (kept out of the estimates), never refused: a refusal would lose a real answer.
		limits: { flagPerHour: config.KIOSK_REPEAT_FLAG, blockPerHour: Number.MAX_SAFE_INTEGER },
		network: null,
		now,
		answeredAt,
		kioskId: kiosk.id
	});
	switch (outcome.status) {
		case 'stored':
			countSubmission(outcome.flaggedMisuse ? 'flagged' : 'accepted');
			return { status: 'stored', flaggedMisuse: outcome.flaggedMisuse };
		case 'duplicate':
		case 'already_rated':
			countSubmission('duplicate');
			return { status: 'duplicate' };
		case 'version_changed':
			return refuse('version_changed');
		case 'too_many':
			return refuse('too_many');
	}
}

/** An ISO 8601 instant with its offset (as Date.prototype.toISOString writes it), else undefined. */
function answeredTime(value: unknown): Date | undefined {
	if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?(Z|[+-]\d{2}:\d{2})$/.test(value)) return undefined;
	const time = new Date(value);
	return Number.isNaN(time.getTime()) ? undefined : time;
}

/**
 * "kiosk:" + a hash of the kiosk, the answer's content and the window its time falls in: two
 * presses of the same answers within the window share it. It holds no personal data, so unlike a
 * phone's device hash it needs no daily key; its ":" keeps it apart from phones' hashes.
 */
export function repeatKey(kioskId: number, submission: Submission, answeredAt: Date, windowMinutes: number): string {
	const answers = Object.entries(submission.answers).sort(([a], [b]) => a.localeCompare(b));
	const { respondent_type, gender, age_group, ethnicity, procedure_field, dossier_code, comment } = submission;
	const window = Math.floor(answeredAt.getTime() / (windowMinutes * 60_000));
	const content = JSON.stringify([answers, respondent_type, gender, age_group, ethnicity, procedure_field, dossier_code, comment, window]);
	return `kiosk:${kioskId}:${createHash('sha256').update(content).digest('base64url').slice(0, 24)}`;
}

/** Keeps the refusal for the administrator (when the submission id is one) and answers it. */
async function refusal(db: Kysely<Database>, kioskId: number, submissionId: unknown, reason: KioskRefusalReason): Promise<KioskAnswerResult> {
	if (typeof submissionId === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(submissionId)) {
		await db
			.insertInto('kiosk_refusals')
			.values({ kiosk_id: kioskId, submission_id: submissionId, reason })
			.onConflict((oc) => oc.columns(['kiosk_id', 'submission_id']).doUpdateSet({ reason, at: new Date() }))
			.execute();
	}
	countSubmission('refused');
	return { status: 'refused', reason };
}
