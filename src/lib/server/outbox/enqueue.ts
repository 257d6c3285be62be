import { sql, type Kysely } from 'kysely';
import type { Database, OutboxChannel } from '../db/schema';

/**
 * Putting messages in the outbox, inside the caller's transaction: a message exists only if what
 * caused it committed. The idempotency key makes a message unique (for a dossier's invitation:
 * dossier and channel), so queueing twice queues once; the same key goes to the gateway so that a
 * retry after a crash between sending and recording is not delivered twice.
 */
export interface OutgoingMessage {
	agencyId: number | null;
	/** What the message is about, e.g. "dossier.invitation"; other features add theirs. */
	topic: string;
	channel: OutboxChannel;
	idempotencyKey: string;
	recipient: string;
	subject: string | null;
	body: string;
}

/** Returns how many were new. */
export async function enqueueMessages(trx: Kysely<Database>, messages: readonly OutgoingMessage[], now = new Date()): Promise<number> {
	if (messages.length === 0) return 0;
	const result = await trx
		.insertInto('outbox')
		.values(
			messages.map((m) => ({
				agency_id: m.agencyId,
				topic: m.topic,
				channel: m.channel,
				idempotency_key: m.idempotencyKey,
				recipient: m.recipient,
				subject: m.subject,
				body: m.body,
				next_attempt_at: now
			}))
		)
		.onConflict((oc) => oc.column('idempotency_key').doNothing())
		.returning('id')
		.execute();
	return result.length;
}

/** Deletes recipients of messages older than the retention period, whatever their state (privacy). */
export async function forgetOldRecipients(db: Kysely<Database>, retentionDays: number, now = new Date()): Promise<number> {
	const result = await db
		.updateTable('outbox')
		.set({ recipient: null })
		.where('recipient', 'is not', null)
		.where('created_at', '<', sql<Date>`${now}::timestamptz - make_interval(days => ${retentionDays})`)
		.executeTakeFirst();
	return Number(result.numUpdatedRows);
}
