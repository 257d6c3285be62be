import type { Kysely } from 'kysely';
import type { FieldErrors } from '$lib/i18n';
import type { Config } from '../config-schema';
import type { Database } from '../db/schema';
import { deviceHash } from '../survey/flood';
import { criterionIds } from '../survey/definition';
import { submitResponse } from '../survey/submit';
import { parseSubmission } from '../survey/validation';
import { openInvitation } from './open-invitation';

/**
 * A citizen's answers through a dossier's invitation: the counter survey's own validation and its
 * exactly-once submission, with the channel and procedure field taken from the dossier (the form
 * does not ask them) and the response linked to the dossier. The unique index on
 * responses.dossier_id makes the code single-use even when two phones send at the same moment.
 */
export type InvitationAnswer =
	| { kind: 'stored' | 'duplicate' }
	| { kind: 'not_found' | 'used' | 'expired' | 'too_many' | 'version_changed' }
	| { kind: 'invalid'; errors: FieldErrors };

export async function answerInvitation(
	db: Kysely<Database>,
	config: Pick<Config, 'FLOOD_FLAG_PER_HOUR' | 'FLOOD_BLOCK_PER_HOUR' | 'INVITATION_VALID_DAYS'>,
	rawCode: string,
	raw: Record<string, unknown>,
	client: { address: string; userAgent: string },
	now = new Date()
): Promise<InvitationAnswer> {
	const found = await openInvitation(db, rawCode, { validDays: config.INVITATION_VALID_DAYS, wrongCodesPerHour: config.FLOOD_FLAG_PER_HOUR, client, now });
	if (found.kind !== 'open') {
		// The same submission sent again after it was stored (a double tap) is not "already rated".
		if (found.kind === 'used' && typeof raw.submission_id === 'string') {
			const mine = await db.selectFrom('responses').select('id').where('submission_id', '=', raw.submission_id).where('dossier_id', 'is not', null).executeTakeFirst().catch(() => undefined);
			if (mine) return { kind: 'duplicate' };
		}
		return { kind: found.kind };
	}
	const { invitation } = found;
	const ids = criterionIds(invitation.survey);
	const parsed = parseSubmission({ ...raw, channel: invitation.channel, procedure_field: invitation.procedureFieldId, dossier_code: null }, new Set(ids.keys()));
	if (!parsed.ok) return { kind: 'invalid', errors: parsed.errors };
	const outcome = await submitResponse(db, parsed.submission, {
		agencyId: invitation.agencyId,
		counterId: invitation.survey.counter.id,
		activeVersionId: invitation.survey.version.id,
		criterionIds: ids,
		deviceHash: await deviceHash(db, client.address, client.userAgent, now),
		limits: { flagPerHour: config.FLOOD_FLAG_PER_HOUR, blockPerHour: config.FLOOD_BLOCK_PER_HOUR },
		dossierId: invitation.dossierId,
		wantsContact: raw.wants_contact === 'on' || raw.wants_contact === true,
		now
	});
	if (outcome.status === 'already_rated') return { kind: 'used' };
	return { kind: outcome.status };
}
