import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { nudgeFolder } from '../sums/folder';
import { randomInt } from 'node:crypto';
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

/** Rows one device's (or network's) hourly count is spread over (migrations/…_007). */
const COUNT_SLOTS = 8;

/**
 * Stores one citizen's response with all its answers, exactly once per submission id, in ONE
 * statement (atomic by itself, one round trip, no transaction held open across the event loop).
 *
 * Floods to one counter are counted per hour, from one device and from one network (whatever
 * User-Agent it sends), each with its own limits: above a flag limit the response is stored but
 * flagged as misuse (left out of estimates); above a block limit it is refused and nothing is
 * written. The statement reads the hour's counts first, decides, inserts the response (unless
 * blocked, or its submission id is known) and adds one to the counts only when it did: a retry or
 * a refused submission is not counted.
 *
 * Each count is spread over COUNT_SLOTS rows: a submission adds to one at random and the decision
 * reads the sum of all, so that many submissions from one office network do not queue on one row.
 * Under a burst the sum can lag by the submissions in flight, a few at most, which the limits
 * allow for.
 *
 * No sums are written here: the response is stored unfolded, and the folder (sums/folder.ts) adds
 * it to the sums soon after; reports count it from the moment this statement commits.
 */
export async function submitResponse(db: Kysely<Database>, submission: Submission, context: SubmitContext): Promise<SubmitOutcome> {
	if (submission.survey_version !== context.activeVersionId) return { status: 'version_changed' };
	const now = context.now ?? new Date();
	const limits = [
		...(context.deviceHash ? [{ hash: context.deviceHash, flag: context.limits.flagPerHour, block: context.limits.blockPerHour }] : []),
		...(context.network ? [{ hash: context.network.hash, flag: context.network.flagPerHour, block: context.network.blockPerHour }] : [])
	];
	const answers = Object.entries(submission.answers);
	const hour = hourOf(now);
	try {
		const { rows } = await sql<{ id: number | null; flagged: boolean | null; blocked: boolean; known: boolean }>`
			with prior as (
				-- This hour's submissions from the device and the network so far, every slot.
				select h.hash, h.flag_at, h.block_at, h.position, coalesce((
					select sum(c.submissions) from submission_counts c
					where c.counter_id = ${context.counterId} and c.device_hash = h.hash and c.hour = ${hour}
				), 0) + 1 as n
				from unnest(${limits.map((l) => l.hash)}::text[], ${limits.map((l) => l.flag)}::bigint[], ${limits.map((l) => l.block)}::bigint[])
					with ordinality as h(hash, flag_at, block_at, position)
			), verdict as (
				select coalesce(bool_or(n > block_at), false) as blocked, coalesce(bool_or(n > flag_at), false) as flagged from prior
			), response as (
				insert into responses (agency_id, counter_id, survey_version_id, submission_id, submitted_at, source, channel,
					respondent_type, gender, age_group, ethnicity, procedure_field_id, dossier_code, comment, dossier_id, wants_contact, kiosk_id, flagged_misuse)
				select ${context.agencyId}, ${context.counterId}, ${context.activeVersionId}, ${submission.submission_id}, ${context.answeredAt ?? now}, 'online',
					${submission.channel}, ${submission.respondent_type}, ${submission.gender}, ${submission.age_group}, ${submission.ethnicity},
					${submission.procedure_field}, ${submission.dossier_code}, ${submission.comment}, ${context.dossierId ?? null}, ${context.wantsContact ?? false},
					${context.kioskId ?? null}, verdict.flagged
				from verdict where not verdict.blocked
				on conflict (submission_id) do nothing
				returning id, flagged_misuse
			), answer as (
				-- N/A answers are rows with a NULL value; skipped statements have no row.
				insert into answers (response_id, criterion_id, value)
				select response.id, a.criterion_id, a.value
				from response, unnest(${answers.map(([key]) => context.criterionIds.get(key)!)}::int[], ${answers.map(([, value]) => value)}::smallint[])
					as a(criterion_id, value)
			), counted as (
				-- Only a stored response counts; rows in one order (device, then network): no cycle of waits.
				insert into submission_counts (counter_id, device_hash, hour, slot, submissions)
				select ${context.counterId}, prior.hash, ${hour}, ${randomInt(COUNT_SLOTS)}, 1 from prior, response
				order by prior.position
				on conflict (counter_id, device_hash, hour, slot) do update set submissions = submission_counts.submissions + 1
			)
			select (select id from response) as id, (select flagged_misuse from response) as flagged,
				(select blocked from verdict) as blocked,
				exists (select 1 from responses where submission_id = ${submission.submission_id}) as known`.execute(db);
		const row = rows[0]!;
		if (row.id !== null) {
			nudgeFolder();
			return { status: 'stored', responseId: Number(row.id), flaggedMisuse: row.flagged === true };
		}
		// Not stored: a submission id stored before (double tap, retry) is a duplicate whatever the
		// counts say now; otherwise the block limit refused it.
		return row.blocked && !row.known ? { status: 'too_many' } : { status: 'duplicate' };
	} catch (error) {
		if (isUniqueViolation(error, 'responses_dossier_id_key')) return { status: 'already_rated' };
		throw error;
	}
}
