import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { audit } from '../audit/audit';
import { deviceHash, hourOf } from '../survey/flood';
import { PETITION_CODE, secretMatches } from './secret';

/**
 * The tracking page /y/t/{code}: the case's state, deadline and answer for whoever holds its
 * secret. An unknown code and a wrong secret get the same answer (403), so codes cannot be probed;
 * after FLOOD_FLAG_PER_HOUR wrong tries in an hour from one device (its keyed hash), every try gets
 * 429 until the hour is over. One question at the end: was the answer satisfactory?
 */
export type TrackResult =
	| { kind: 'found'; petition: TrackedPetition }
	| { kind: 'wrong' }
	| { kind: 'too_many' };

export interface TrackedPetition {
	id: number;
	code: string;
	agencyName: string;
	agencyNameEn: string;
	agencyCode: string;
	category: string;
	state: string;
	receivedAt: Date;
	dueOn: string;
	answer: string | null;
	answeredAt: Date | null;
	declineReason: string | null;
	satisfied: boolean | null;
}

export interface TrackSettings {
	client: { address: string; userAgent: string };
	wrongPerHour: number;
	now?: Date;
}

export async function trackPetition(db: Kysely<Database>, code: string, secret: string, settings: TrackSettings): Promise<TrackResult> {
	const now = settings.now ?? new Date();
	const device = await deviceHash(db, settings.client.address, settings.client.userAgent, now);
	const failures = await db.selectFrom('petition_lookup_failures').select('failures').where('device_hash', '=', device).where('hour', '=', hourOf(now)).executeTakeFirst();
	if ((failures?.failures ?? 0) >= settings.wrongPerHour) return { kind: 'too_many' };
	const row = PETITION_CODE.test(code)
		? await db
				.selectFrom('petitions')
				.innerJoin('agencies', 'agencies.id', 'petitions.agency_id')
				.select([
					'petitions.id',
					'petitions.code',
					'petitions.secret_hash as secretHash',
					'agencies.name_vi as agencyName',
					'agencies.name_en as agencyNameEn',
					'agencies.code as agencyCode',
					'petitions.category',
					'petitions.state',
					'petitions.received_at as receivedAt',
					'petitions.due_on as dueOn',
					'petitions.answer',
					'petitions.answered_at as answeredAt',
					'petitions.decline_reason as declineReason',
					'petitions.citizen_satisfied as satisfied'
				])
				.where('petitions.code', '=', code)
				.executeTakeFirst()
		: undefined;
	if (!row || !secretMatches(secret, row.secretHash)) {
		await db
			.insertInto('petition_lookup_failures')
			.values({ device_hash: device, hour: hourOf(now), failures: 1 })
			.onConflict((oc) => oc.columns(['device_hash', 'hour']).doUpdateSet({ failures: sql`petition_lookup_failures.failures + 1` }))
			.execute();
		await db.deleteFrom('petition_lookup_failures').where('hour', '<', sql<Date>`${now}::timestamptz - interval '2 hours'`).execute();
		return { kind: 'wrong' };
	}
	const { secretHash: _, ...petition } = row;
	return { kind: 'found', petition };
}

/** The citizen's verdict on the answer, once the case is answered; given again, the last one counts. */
export async function recordFeedback(db: Kysely<Database>, petition: TrackedPetition, satisfied: boolean, now = new Date()): Promise<boolean> {
	if (petition.state !== 'answered' && petition.state !== 'closed') return false;
	await db.transaction().execute(async (trx) => {
		const agency = await trx.selectFrom('petitions').select('agency_id').where('id', '=', petition.id).executeTakeFirstOrThrow();
		await trx.updateTable('petitions').set({ citizen_satisfied: satisfied, feedback_at: now, updated_at: now }).where('id', '=', petition.id).execute();
		await audit(trx, { kind: 'system', label: 'citizen' }, { agencyId: agency.agency_id, action: 'petition.feedback', entity: 'petition', entityId: petition.code, after: { citizen_satisfied: satisfied } });
	});
	return true;
}
