import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { COUNTER_CODE } from '../counters/schema';
import { CREDENTIAL, ENROLMENT_CODE, hashSecret, newCredential } from './credentials';

export type EnrolOutcome = { ok: true; credential: string; kioskId: number; name: string } | { ok: false; reason: 'invalid_code' };

/**
 * The tablet opens /k/{counter}?enrol=CODE once: the code (single use, not expired, for that
 * counter, of a kiosk not revoked) is exchanged for a device credential. Using the code clears it
 * in the same statement, so two tablets racing with one code get one credential.
 */
export async function enrolKiosk(db: Kysely<Database>, counterCode: string, code: unknown, now = new Date()): Promise<EnrolOutcome> {
	if (typeof code !== 'string' || !ENROLMENT_CODE.test(code.toUpperCase()) || !COUNTER_CODE.test(counterCode)) return { ok: false, reason: 'invalid_code' };
	const credential = newCredential();
	const row = await db
		.updateTable('kiosks')
		.set({ credential_hash: hashSecret(credential), enrolled_at: now, enrolment_hash: null, enrolment_expires_at: null, last_contact_at: now, queue_size: 0 })
		.where('enrolment_hash', '=', hashSecret(code.toUpperCase()))
		.where('enrolment_expires_at', '>', now)
		.where('revoked_at', 'is', null)
		.where('counter_id', 'in', (eb) => eb.selectFrom('counters').select('id').where('code', '=', counterCode))
		.returning(['id', 'name'])
		.executeTakeFirst();
	return row ? { ok: true, credential, kioskId: row.id, name: row.name } : { ok: false, reason: 'invalid_code' };
}

export interface KioskIdentity {
	id: number;
	agencyId: number;
	counterId: number;
	revoked: boolean;
}

/**
 * The kiosk holding this credential at this counter, revoked or not (a revoked kiosk's answers are
 * refused with that reason, recorded for the administrator); undefined for an unknown credential.
 * Every call is a contact: its time and the size of the device's queue are kept.
 */
export async function identifyKiosk(
	db: Kysely<Database>,
	counterCode: string,
	credential: string | null,
	queued: number | null,
	now = new Date()
): Promise<KioskIdentity | undefined> {
	if (!credential || !CREDENTIAL.test(credential) || !COUNTER_CODE.test(counterCode)) return undefined;
	const row = await db
		.updateTable('kiosks')
		.set((eb) => ({ last_contact_at: now, queue_size: queued ?? eb.ref('queue_size') }))
		.where('credential_hash', '=', hashSecret(credential))
		.where('counter_id', 'in', (eb) => eb.selectFrom('counters').select('id').where('code', '=', counterCode))
		.returning(['id', 'agency_id', 'counter_id', 'revoked_at'])
		.executeTakeFirst();
	return row ? { id: row.id, agencyId: row.agency_id, counterId: row.counter_id, revoked: row.revoked_at !== null } : undefined;
}

/** The device's queue size as it reports it (a header): a small whole number, else not reported. */
export function queuedOf(header: string | null): number | null {
	if (header === null || !/^[0-9]{1,6}$/.test(header)) return null;
	return Number(header);
}
