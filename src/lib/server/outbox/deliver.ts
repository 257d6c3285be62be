import { sql, type Kysely } from 'kysely';
import type { Database, OutboxChannel } from '../db/schema';
import { isQuietHour, retryDelayMs } from './schedule';
import { PermanentFailure, type Transports } from './transports';

/**
 * Sending what the outbox holds, safely from several app processes at once. A batch is claimed in
 * one statement (FOR UPDATE SKIP LOCKED: two workers never take the same row), marked "sending"
 * with a lease, and sent outside any transaction; each result is then recorded. A process that dies
 * mid-batch leaves rows "sending" whose lease runs out: they are claimed again and re-sent with the
 * same idempotency key. Delivered messages lose their recipient at once (privacy); failures wait
 * retryDelayMs and give up after maxAttempts. Nothing is sent in the quiet hours.
 */
export interface DeliverySettings {
	transports: Transports;
	maxAttempts: number;
	batchSize?: number;
	leaseMs?: number;
	/** false: send at any hour (OUTBOX_QUIET_HOURS=0, e.g. for end-to-end tests). */
	quietHours?: boolean;
	now?: () => Date;
}

export interface DeliveryRound {
	sent: number;
	retrying: number;
	failed: number;
	quiet: boolean;
}

export async function deliverDue(db: Kysely<Database>, settings: DeliverySettings): Promise<DeliveryRound> {
	const clock = settings.now ?? (() => new Date());
	const round: DeliveryRound = { sent: 0, retrying: 0, failed: 0, quiet: false };
	const started = clock();
	if (settings.quietHours !== false && isQuietHour(started)) return { ...round, quiet: true };
	const channels = (Object.keys(settings.transports) as OutboxChannel[]).filter((c) => settings.transports[c]);
	if (channels.length === 0) return round;

	const lease = new Date(started.getTime() + (settings.leaseMs ?? 5 * 60_000));
	const { rows: claimed } = await sql<{ id: number; channel: OutboxChannel; recipient: string | null; subject: string | null; body: string; idempotency_key: string; attempts: number }>`
		update outbox set state = 'sending', locked_until = ${lease}, attempts = attempts + 1
		where id in (
			select id from outbox
			where channel = any(${channels}::text[])
				and ((state = 'pending' and next_attempt_at <= ${started}) or (state = 'sending' and locked_until <= ${started}))
			order by next_attempt_at, id
			limit ${settings.batchSize ?? 50}
			for update skip locked
		)
		returning id, channel, recipient, subject, body, idempotency_key, attempts`.execute(db);

	for (const message of claimed) {
		const id = Number(message.id);
		try {
			if (!message.recipient) throw new PermanentFailure('recipient deleted (retention period over)');
			await settings.transports[message.channel]!({ to: message.recipient, subject: message.subject, text: message.body, idempotencyKey: message.idempotency_key });
			await db.updateTable('outbox').set({ state: 'sent', sent_at: clock(), recipient: null, locked_until: null, last_error: null }).where('id', '=', id).execute();
			round.sent++;
		} catch (error) {
			const reason = String(error instanceof Error ? error.message : error).slice(0, 500);
			const giveUp = error instanceof PermanentFailure || message.attempts >= settings.maxAttempts;
			await db
				.updateTable('outbox')
				.set(
					giveUp
						? { state: 'failed', recipient: null, locked_until: null, last_error: reason }
						: { state: 'pending', locked_until: null, last_error: reason, next_attempt_at: new Date(clock().getTime() + retryDelayMs(message.attempts)) }
				)
				.where('id', '=', id)
				.execute();
			giveUp ? round.failed++ : round.retrying++;
		}
	}
	return round;
}

/** The outbox as the administrator sees it: state, attempts, last error; never the recipient. */
export async function listOutbox(db: Kysely<Database>, agencyId: number, limit = 200) {
	return db
		.selectFrom('outbox')
		.select(['id', 'topic', 'channel', 'state', 'attempts', 'next_attempt_at as nextAttemptAt', 'last_error as lastError', 'created_at as createdAt', 'sent_at as sentAt'])
		.where('agency_id', '=', agencyId)
		.orderBy('id', 'desc')
		.limit(limit)
		.execute();
}
