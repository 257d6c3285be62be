import type { Kysely } from 'kysely';
import { audit } from '../audit/audit';
import type { Principal } from '../auth/principal';
import type { Database } from '../db/schema';
import { reflagResponses, type Reflagged } from '../sums/maintain';

export type Moderation = 'flag_spam' | 'restore';

/**
 * Flags a response as spam, or restores it, in one transaction: the flags, the response's move
 * between the counted and the excluded pre-aggregated sums (reflagResponses), and the audit entry
 * commit together or not at all. Restoring clears the automatic misuse flag too: it is a person's
 * decision that the response counts.
 *
 * Returns 'not_found' for a response that is not this agency's (nothing is read or changed for
 * it), 'unchanged' when it already had those flags.
 */
export async function moderateResponse(
	db: Kysely<Database>,
	principal: Principal,
	agencyId: number,
	responseId: number,
	moderation: Moderation
): Promise<'not_found' | 'unchanged' | Reflagged> {
	return db.transaction().execute(async (trx) => {
		const own = await trx.selectFrom('responses').select('id').where('id', '=', responseId).where('agency_id', '=', agencyId).executeTakeFirst();
		if (!own) return 'not_found';
		const flags = moderation === 'flag_spam' ? { spam: true } : { spam: false, misuse: false };
		const [changed] = await reflagResponses(trx, [own.id], flags);
		if (!changed) return 'unchanged';
		await audit(trx, principal, {
			agencyId,
			action: moderation === 'flag_spam' ? 'response.flag_spam' : 'response.restore',
			entity: 'response',
			entityId: changed.id,
			before: changed.before,
			after: changed.after
		});
		return changed;
	});
}
