import { sql, type Kysely } from 'kysely';
import type { AlertRule } from '../../domain/enums';
import type { Database } from '../db/schema';
import { enqueueMessages } from '../outbox/enqueue';

/**
 * Raising an alert: to whom (the agency's leaders, a unit's leader, an official as assignee), once
 * per key and recipient (alerts.dedupe_key), and how: an immediate recipient's message goes to the
 * outbox in the same transaction; a digest recipient's waits for the daily digest (alert-worker.ts).
 * A rule the agency turned off raises nothing. A unit without a leader on the list falls back to
 * the agency's leaders, so an alert is never raised to nobody when someone could hear it.
 */
export const ALERT_TOPIC = 'alert';

export interface AlertTargets {
	agencyLeaders?: boolean;
	unitId?: number | null;
	officialId?: number | null;
}

export async function ruleEnabled(db: Kysely<Database>, agencyId: number, rule: AlertRule): Promise<boolean> {
	const row = await db.selectFrom('alert_rules').select('enabled').where('agency_id', '=', agencyId).where('rule', '=', rule).executeTakeFirst();
	return row?.enabled ?? true;
}

export async function recipientsFor(db: Kysely<Database>, agencyId: number, targets: AlertTargets) {
	const base = db.selectFrom('alert_recipients').select(['id', 'name', 'channel', 'address', 'role', 'mode']).where('agency_id', '=', agencyId).where('active', '=', true);
	const found = new Map<number, Awaited<ReturnType<typeof base.execute>>[number]>();
	if (targets.officialId) for (const r of await base.where('role', '=', 'official').where('official_id', '=', targets.officialId).execute()) found.set(r.id, r);
	if (targets.unitId) for (const r of await base.where('role', '=', 'unit_leader').where('unit_id', '=', targets.unitId).execute()) found.set(r.id, r);
	const wantsLeaders = targets.agencyLeaders || found.size === 0;
	if (wantsLeaders) for (const r of await base.where('role', '=', 'agency_leader').execute()) found.set(r.id, r);
	return [...found.values()];
}

/** Returns how many recipients got a new alert. */
export async function raiseAlert(
	trx: Kysely<Database>,
	alert: { agencyId: number; rule: AlertRule; key: string; subject: string; text: string; targets: AlertTargets },
	now: Date
): Promise<number> {
	if (!(await ruleEnabled(trx, alert.agencyId, alert.rule))) return 0;
	let raised = 0;
	for (const recipient of await recipientsFor(trx, alert.agencyId, alert.targets)) {
		const digest = recipient.mode === 'digest';
		const row = await trx
			.insertInto('alerts')
			.values({ agency_id: alert.agencyId, recipient_id: recipient.id, rule: alert.rule, dedupe_key: `${alert.key}:r${recipient.id}`, text: alert.text, digest, queued_at: digest ? null : now, created_at: now })
			.onConflict((oc) => oc.column('dedupe_key').doNothing())
			.returning('id')
			.executeTakeFirst();
		if (!row) continue;
		raised++;
		if (!digest) {
			await enqueueMessages(
				trx,
				[{ agencyId: alert.agencyId, topic: ALERT_TOPIC, channel: recipient.channel, idempotencyKey: `${ALERT_TOPIC}:${row.id}`, recipient: recipient.address, subject: alert.subject, body: alert.text }],
				now
			);
		}
	}
	return raised;
}

/** Was an alert of this key prefix raised since `since`? (the weekly limit per dimension) */
export async function raisedSince(db: Kysely<Database>, keyPrefix: string, since: Date): Promise<boolean> {
	const row = await db
		.selectFrom('alerts')
		.select('id')
		.where('dedupe_key', 'like', sql<string>`${keyPrefix.replace(/[%_\\]/g, '\\$&')} || '%'`)
		.where('created_at', '>', since)
		.limit(1)
		.executeTakeFirst();
	return !!row;
}
