import { sql, type Kysely } from 'kysely';
import type { Channel } from '../../domain/enums';
import type { Database } from '../db/schema';
import { deviceHash, hourOf } from '../survey/flood';
import { findCounterSurvey, type CounterSurvey } from '../survey/definition';
import { hashInvitationCode, normalizeInvitationCode } from './code';

/**
 * A citizen opens a rating code (/r/{code}, or typed at /r). The answer says which survey to show,
 * or why not: unknown (404, and the device's wrong codes are counted — too many in an hour and
 * every code is refused with 429 until the hour is over), already rated (409), or expired (410,
 * INVITATION_VALID_DAYS after the result). The survey is the agency's active questionnaire,
 * counted under the dossier's counter — or, for a dossier received without one (online, postal),
 * the first active counter of its unit, else of its agency: the estimate sums are kept per counter.
 */
export interface OpenInvitation {
	dossierId: number;
	agencyId: number;
	procedureName: string;
	channel: Channel;
	procedureFieldId: number;
	survey: CounterSurvey;
}

export type InvitationLookup =
	| { kind: 'open'; invitation: OpenInvitation }
	| { kind: 'not_found' | 'used' | 'expired' | 'too_many' };

export interface LookupSettings {
	validDays: number;
	/** Wrong codes one device may try in an hour (FLOOD_FLAG_PER_HOUR). */
	wrongCodesPerHour: number;
	client: { address: string; userAgent: string };
	now?: Date;
}

export async function openInvitation(db: Kysely<Database>, rawCode: string, settings: LookupSettings): Promise<InvitationLookup> {
	const now = settings.now ?? new Date();
	const device = await deviceHash(db, settings.client.address, settings.client.userAgent, now);
	const failures = await db.selectFrom('invitation_failures').select('failures').where('device_hash', '=', device).where('hour', '=', hourOf(now)).executeTakeFirst();
	if ((failures?.failures ?? 0) >= settings.wrongCodesPerHour) return { kind: 'too_many' };

	const code = normalizeInvitationCode(rawCode);
	const dossier = code
		? await db
				.selectFrom('dossiers')
				.select(['id', 'agency_id', 'procedure_name', 'channel', 'procedure_field_id', 'unit_id', 'counter_id', 'returned_at'])
				.select((eb) => eb.exists(eb.selectFrom('responses').select('responses.id').whereRef('responses.dossier_id', '=', 'dossiers.id')).as('used'))
				.where('invitation_hash', '=', hashInvitationCode(code))
				.executeTakeFirst()
		: undefined;
	if (!dossier) {
		await countWrongCode(db, device, now);
		return { kind: 'not_found' };
	}
	if (dossier.used) return { kind: 'used' };
	if (dossier.returned_at && dossier.returned_at.getTime() + settings.validDays * 86_400_000 <= now.getTime()) return { kind: 'expired' };

	const counter = await db
		.selectFrom('counters')
		.select('code')
		.where('agency_id', '=', dossier.agency_id)
		.where('active', '=', true)
		.orderBy(sql`id = ${dossier.counter_id ?? 0}`, 'desc')
		.orderBy(sql`unit_id = ${dossier.unit_id}`, 'desc')
		.orderBy('code')
		.executeTakeFirst();
	const survey = counter ? await findCounterSurvey(db, counter.code) : undefined;
	if (!survey) return { kind: 'not_found' };
	return {
		kind: 'open',
		invitation: {
			dossierId: Number(dossier.id),
			agencyId: dossier.agency_id,
			procedureName: dossier.procedure_name,
			channel: dossier.channel,
			procedureFieldId: dossier.procedure_field_id,
			survey
		}
	};
}

async function countWrongCode(db: Kysely<Database>, device: string, now: Date): Promise<void> {
	await db
		.insertInto('invitation_failures')
		.values({ device_hash: device, hour: hourOf(now), failures: 1 })
		.onConflict((oc) => oc.columns(['device_hash', 'hour']).doUpdateSet({ failures: sql`invitation_failures.failures + 1` }))
		.execute();
	await db.deleteFrom('invitation_failures').where('hour', '<', sql<Date>`${now}::timestamptz - interval '2 hours'`).execute();
}
