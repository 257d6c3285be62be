import { sql, type Kysely } from 'kysely';
import type { PetitionCategory, PetitionSource } from '../../domain/enums';
import { localDate } from '../../sipas/calendar';
import { audit } from '../audit/audit';
import type { Principal } from '../auth/principal';
import type { Database } from '../db/schema';
import { enqueueMessages, type OutgoingMessage } from '../outbox/enqueue';
import { raiseAlert } from './alerts';
import type { Attachment } from './attachments';
import { dueDay } from './calendar';
import { CATEGORY_VI, dueText, receivedText } from './messages';
import { hashSecret, newTrackingSecret, petitionCode } from './secret';

/**
 * A new case, whichever way it came (survey, public form, staff entering one received on paper,
 * by phone or at the counter), in the caller's transaction: its code and deadline, its files, the
 * audit entry, the acknowledgement with the tracking secret to the contact given (outbox), and the
 * immediate alert when it is about an official's attitude. The secret is returned once, never kept.
 */
export const RECEIVED_TOPIC = 'petition.received';

export interface NewPetition {
	agencyId: number;
	category: PetitionCategory;
	source: PetitionSource;
	body: string;
	contactName?: string | null;
	phone?: string | null;
	email?: string | null;
	responseId?: number | null;
	dossierId?: number | null;
	counterId?: number | null;
	unitId?: number | null;
	officialId?: number | null;
	submissionId?: string | null;
	flaggedFlood?: boolean;
	attachments?: readonly Attachment[];
}

export interface CreatedPetition {
	id: number;
	code: string;
	secret: string;
	dueOn: string;
}

export async function createPetition(
	trx: Kysely<Database>,
	actor: Principal | { kind: 'system'; label: string },
	input: NewPetition,
	settings: { origin: string; now: Date }
): Promise<CreatedPetition> {
	const { now } = settings;
	const dueOn = await dueDay(trx, input.agencyId, input.category, now);
	const secret = newTrackingSecret();
	const { rows } = await sql<{ id: number }>`select nextval('petitions_id_seq')::int as id`.execute(trx);
	const id = Number(rows[0]!.id);
	const code = petitionCode(localDate(now).year, id);
	await trx
		.insertInto('petitions')
		.values({
			id,
			agency_id: input.agencyId,
			code,
			category: input.category,
			source: input.source,
			body: input.body,
			contact_name: input.contactName ?? null,
			phone: input.phone ?? null,
			email: input.email ?? null,
			response_id: input.responseId ?? null,
			dossier_id: input.dossierId ?? null,
			counter_id: input.counterId ?? null,
			unit_id: input.unitId ?? null,
			official_id: input.officialId ?? null,
			received_at: now,
			due_on: dueOn,
			secret_hash: hashSecret(secret),
			flagged_flood: input.flaggedFlood ?? false,
			submission_id: input.submissionId ?? null,
			created_by: actor.kind === 'user' ? actor.id : null,
			updated_at: now
		})
		.execute();
	for (const file of input.attachments ?? []) {
		await trx.insertInto('petition_attachments').values({ petition_id: id, filename: file.filename, content_type: file.contentType, size: file.data.length, data: file.data }).execute();
	}
	await audit(trx, actor, {
		agencyId: input.agencyId,
		action: 'petition.create',
		entity: 'petition',
		entityId: code,
		// Never the contact or the text in the log: who wrote what stays in the case.
		after: { code, category: input.category, source: input.source, due_on: dueOn, attachments: input.attachments?.length ?? 0, contact: !!(input.phone || input.email) }
	});

	const agency = await trx.selectFrom('agencies').select('name_vi').where('id', '=', input.agencyId).executeTakeFirstOrThrow();
	const text = receivedText(agency.name_vi, code, secret, dueOn, settings.origin);
	const messages: OutgoingMessage[] = [];
	if (input.phone) messages.push({ agencyId: input.agencyId, topic: RECEIVED_TOPIC, channel: 'sms', idempotencyKey: `${RECEIVED_TOPIC}:${id}:sms`, recipient: input.phone, subject: null, body: text });
	if (input.email) {
		messages.push({ agencyId: input.agencyId, topic: RECEIVED_TOPIC, channel: 'email', idempotencyKey: `${RECEIVED_TOPIC}:${id}:email`, recipient: input.email, subject: `Đã nhận phản ánh, kiến nghị ${code}`, body: text });
	}
	await enqueueMessages(trx, messages, now);

	if (input.category === 'official_attitude') {
		await raiseAlert(
			trx,
			{
				agencyId: input.agencyId,
				rule: 'attitude_case',
				key: `attitude_case:${id}`,
				subject: `Phản ánh về thái độ cán bộ: ${code}`,
				text: `${agency.name_vi}: phản ánh mới ${code} về ${CATEGORY_VI.official_attitude}, hạn trả lời ${dueText(dueOn)}. Nội dung: ${input.body.slice(0, 300)}`,
				targets: { unitId: input.unitId ?? null, officialId: input.officialId ?? null }
			},
			now
		);
	}
	return { id, code, secret, dueOn };
}
