import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { localDayKey } from '../../sipas/calendar';
import { deriveInvitationCode, groupInvitationCode, invitationUrl } from '../invitations/code';
import { enqueueMessages, type OutgoingMessage } from '../outbox/enqueue';

/**
 * The follow-up after the result: when a dossier's result is returned and it has a phone number or
 * an email, its rating link is queued once per channel, in the transaction that recorded the
 * result. The contact then leaves the dossier: the outbox keeps it until the message is delivered
 * (or the retention period ends), and nothing else ever reads it.
 */
export const INVITATION_TOPIC = 'dossier.invitation';

export interface FollowUpSettings {
	/** Where citizens open the link (PUBLIC_ORIGIN, else the site's origin). */
	origin: string;
	validDays: number;
	secret: Uint8Array;
	now: Date;
}

export async function queueFollowUps(trx: Kysely<Database>, agencyId: number, dossierIds: readonly number[], settings: FollowUpSettings): Promise<number> {
	if (dossierIds.length === 0) return 0;
	const due = await trx
		.selectFrom('dossiers')
		.innerJoin('agencies', 'agencies.id', 'dossiers.agency_id')
		.select(['dossiers.id', 'dossiers.code', 'dossiers.returned_at', 'dossiers.phone', 'dossiers.email', 'agencies.name_vi as agencyName'])
		.select((eb) => eb.exists(eb.selectFrom('responses').select('responses.id').whereRef('responses.dossier_id', '=', 'dossiers.id')).as('rated'))
		.where('dossiers.agency_id', '=', agencyId)
		.where(sql<boolean>`dossiers.id = any(${[...dossierIds]}::bigint[])`)
		.where('dossiers.returned_at', 'is not', null)
		.where('dossiers.follow_up_at', 'is', null)
		.where((eb) => eb.or([eb('dossiers.phone', 'is not', null), eb('dossiers.email', 'is not', null)]))
		.execute();
	if (due.length === 0) return 0;

	const messages: OutgoingMessage[] = [];
	for (const dossier of due) {
		const expires = new Date(dossier.returned_at!.getTime() + settings.validDays * 86_400_000);
		if (dossier.rated || expires <= settings.now) continue; // nothing left to invite to: the contact is dropped all the same
		const code = deriveInvitationCode(settings.secret, agencyId, dossier.code);
		const url = invitationUrl(settings.origin, code);
		const until = localDayKey(expires).split('-').reverse().join('/');
		const text = `${dossier.agencyName}: mời Ông/Bà đánh giá việc giải quyết hồ sơ ${dossier.code} tại ${url} (mã ${groupInvitationCode(code)}, dùng một lần, đến hết ${until}).`;
		const common = { agencyId, topic: INVITATION_TOPIC, body: text };
		if (dossier.phone) messages.push({ ...common, channel: 'sms', idempotencyKey: `${INVITATION_TOPIC}:${dossier.id}:sms`, recipient: dossier.phone, subject: null });
		if (dossier.email) {
			messages.push({
				...common,
				channel: 'email',
				idempotencyKey: `${INVITATION_TOPIC}:${dossier.id}:email`,
				recipient: dossier.email,
				subject: `Mời đánh giá việc giải quyết hồ sơ ${dossier.code}`
			});
		}
	}
	const queued = await enqueueMessages(trx, messages, settings.now);
	await trx
		.updateTable('dossiers')
		.set({ follow_up_at: settings.now, phone: null, email: null })
		.where(sql<boolean>`id = any(${due.map((d) => d.id)}::bigint[])`)
		.execute();
	return queued;
}

/** Deletes contact details of dossiers whose result is older than the retention period (privacy). */
export async function forgetOldContacts(db: Kysely<Database>, retentionDays: number, now = new Date()): Promise<number> {
	const result = await db
		.updateTable('dossiers')
		.set({ phone: null, email: null })
		.where((eb) => eb.or([eb('phone', 'is not', null), eb('email', 'is not', null)]))
		.where('returned_at', '<', sql<Date>`${now}::timestamptz - make_interval(days => ${retentionDays})`)
		.executeTakeFirst();
	return Number(result.numUpdatedRows);
}
