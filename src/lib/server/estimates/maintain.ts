import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

/**
 * Keeps estimate_sums and criterion_sums in step with responses (see migrations/…_003).
 * CONTRACT (being implemented): adds (sign = 1) or takes away (sign = -1) the contribution of the
 * given responses, computed from their stored answers, at day and month grain, under each
 * response's key. Runs inside the caller's transaction, the one that writes or re-flags them.
 */
export async function applyToSums(trx: Kysely<Database>, responseIds: readonly number[], sign: 1 | -1): Promise<void> {
	void trx;
	void responseIds;
	void sign;
	throw new Error('applyToSums is not implemented yet');
}
