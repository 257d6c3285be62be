import type { Kysely } from 'kysely';
import type { Config } from '../config-schema';
import type { Database } from '../db/schema';
import { countSubmission } from '../metrics/metrics';
import { deviceHash, networkHash } from './flood';
import { findSubmissionTarget } from './definition';
import { submitResponse } from './submit';
import { parseSubmission, type FieldErrors } from './validation';

export type SubmissionResult =
	| { kind: 'stored' | 'duplicate' }
	| { kind: 'not_found' }
	| { kind: 'invalid'; errors: FieldErrors }
	| { kind: 'version_changed' }
	| { kind: 'too_many' };

export interface Client {
	address: string;
	userAgent: string;
}

/**
 * One citizen's submission to one counter, from the HTML form or the JSON API alike: find the
 * counter, validate against its active survey version, then store exactly once.
 */
export async function receiveSubmission(
	db: Kysely<Database>,
	config: Pick<Config, 'FLOOD_FLAG_PER_HOUR' | 'FLOOD_BLOCK_PER_HOUR' | 'FLOOD_NETWORK_FLAG_PER_HOUR' | 'FLOOD_NETWORK_BLOCK_PER_HOUR'>,
	counterCode: string,
	raw: unknown,
	client: Client,
	now = new Date()
): Promise<SubmissionResult> {
	const target = await findSubmissionTarget(db, counterCode);
	if (!target) return counted({ kind: 'not_found' });
	const parsed = parseSubmission(raw, new Set(target.criterionIds.keys()));
	if (!parsed.ok) return counted({ kind: 'invalid', errors: parsed.errors });
	// Only one of this agency's procedure fields: another agency's, or none at all, is refused.
	const field = parsed.submission.procedure_field;
	if (field !== null && !target.procedureFieldIds.has(field)) return counted({ kind: 'invalid', errors: { procedure_field: { key: 'error.choice' } } });
	const outcome = await submitResponse(db, parsed.submission, {
		...target,
		deviceHash: await deviceHash(db, client.address, client.userAgent, now),
		limits: { flagPerHour: config.FLOOD_FLAG_PER_HOUR, blockPerHour: config.FLOOD_BLOCK_PER_HOUR },
		network: {
			hash: await networkHash(db, client.address, now),
			flagPerHour: config.FLOOD_NETWORK_FLAG_PER_HOUR,
			blockPerHour: config.FLOOD_NETWORK_BLOCK_PER_HOUR
		},
		now
	});
	// A counter's submission carries no dossier, so it is never 'already_rated'.
	return counted({ kind: outcome.status === 'already_rated' ? 'duplicate' : outcome.status }, outcome.status === 'stored' && outcome.flaggedMisuse);
}

/** Counts the outcome in /metrics (hailong_submissions_total) and hands it on. */
function counted(result: SubmissionResult, flagged = false): SubmissionResult {
	countSubmission(
		result.kind === 'stored' ? (flagged ? 'flagged' : 'accepted') : result.kind === 'too_many' ? 'refused' : result.kind
	);
	return result;
}
