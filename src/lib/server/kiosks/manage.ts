import { sql, type Kysely } from 'kysely';
import { z } from 'zod';
import { audit } from '../audit/audit';
import type { Principal } from '../auth/principal';
import type { Database } from '../db/schema';
import type { KioskRefusalReason } from '../db/kiosk-schema';
import { chosenId, displayName } from '../http/form-schemas';
import { done, notFound, refused, validate, type Outcome } from '../http/outcome';
import { ENROLMENT_HOURS, hashSecret, newEnrolmentCode } from './credentials';

/**
 * The administrator's side of kiosks: create one for a counter (which shows a one-time enrolment
 * code), issue a new code (re-enrolling the tablet, the old credential stops working), revoke,
 * and list them with their last contact, the answers waiting on the device and those refused.
 */
export type KioskStatus = 'waiting' | 'enrolled' | 'revoked';

export interface KioskRow {
	id: number;
	name: string;
	counterCode: string;
	counterName: string;
	status: KioskStatus;
	enrolmentExpiresAt: Date | null;
	lastContactAt: Date | null;
	queueSize: number;
	responses: number;
	refusals: { reason: KioskRefusalReason; count: number }[];
}

const createForm = z.object({ name: displayName.pipe(z.string().max(100, { error: 'admin.error.tooLong200' })), counter: chosenId });

export async function listKiosks(db: Kysely<Database>, agencyId: number): Promise<KioskRow[]> {
	const rows = await db
		.selectFrom('kiosks')
		.innerJoin('counters', 'counters.id', 'kiosks.counter_id')
		.select((eb) => [
			'kiosks.id',
			'kiosks.name',
			'counters.code as counterCode',
			'counters.name as counterName',
			'kiosks.credential_hash',
			'kiosks.revoked_at',
			'kiosks.enrolment_expires_at',
			'kiosks.last_contact_at',
			'kiosks.queue_size',
			eb.selectFrom('responses').whereRef('responses.kiosk_id', '=', 'kiosks.id').select((e) => e.fn.countAll<number>().as('n')).as('responses'),
			sql<{ reason: KioskRefusalReason; count: number }[]>`(select coalesce(json_agg(json_build_object('reason', r.reason, 'count', r.n) order by r.reason), '[]'::json)
				from (select reason, count(*)::int as n from kiosk_refusals where kiosk_id = kiosks.id group by reason) r)`.as('refusals')
		])
		.where('kiosks.agency_id', '=', agencyId)
		.orderBy('kiosks.revoked_at', (o) => o.desc().nullsFirst())
		.orderBy('kiosks.name')
		.execute();
	return rows.map((r) => ({
		id: r.id,
		name: r.name,
		counterCode: r.counterCode,
		counterName: r.counterName,
		status: r.revoked_at ? 'revoked' : r.credential_hash ? 'enrolled' : 'waiting',
		enrolmentExpiresAt: r.enrolment_expires_at,
		lastContactAt: r.last_contact_at,
		queueSize: r.queue_size,
		responses: Number(r.responses ?? 0),
		refusals: r.refusals
	}));
}

/** A new kiosk for one of the agency's counters, and its one-time enrolment code (shown once). */
export async function createKiosk(
	db: Kysely<Database>,
	actor: Principal,
	agencyId: number,
	raw: unknown,
	now = new Date()
): Promise<Outcome<{ id: number; name: string; counterCode: string; code: string; expiresAt: Date }>> {
	const input = validate(createForm, raw);
	if (!input.ok) return input;
	const counter = await db
		.selectFrom('counters')
		.select(['id', 'code'])
		.where('id', '=', input.value.counter)
		.where('agency_id', '=', agencyId)
		.where('active', '=', true)
		.executeTakeFirst();
	if (!counter) return refused('counter', 'admin.error.choose');
	const code = newEnrolmentCode();
	const expiresAt = new Date(now.getTime() + ENROLMENT_HOURS * 3600_000);
	return db.transaction().execute(async (trx) => {
		const row = await trx
			.insertInto('kiosks')
			.values({ agency_id: agencyId, counter_id: counter.id, name: input.value.name, enrolment_hash: hashSecret(code), enrolment_expires_at: expiresAt })
			.returning('id')
			.executeTakeFirstOrThrow();
		await audit(trx, actor, { agencyId, action: 'kiosk.create', entity: 'kiosk', entityId: row.id, after: { name: input.value.name, counter: counter.code } });
		return done({ id: row.id, name: input.value.name, counterCode: counter.code, code, expiresAt });
	});
}

/**
 * A fresh enrolment code for a kiosk that is not revoked: the tablet was reset or replaced. Its
 * current credential keeps working until the code is used (then only the new tablet's does).
 */
export async function renewEnrolment(
	db: Kysely<Database>,
	actor: Principal,
	agencyId: number,
	id: number,
	now = new Date()
): Promise<Outcome<{ id: number; name: string; counterCode: string; code: string; expiresAt: Date }>> {
	const code = newEnrolmentCode();
	const expiresAt = new Date(now.getTime() + ENROLMENT_HOURS * 3600_000);
	return db.transaction().execute(async (trx) => {
		const kiosk = await trx
			.selectFrom('kiosks')
			.innerJoin('counters', 'counters.id', 'kiosks.counter_id')
			.select(['kiosks.name', 'kiosks.revoked_at', 'counters.code'])
			.where('kiosks.id', '=', id)
			.where('kiosks.agency_id', '=', agencyId)
			.forUpdate('kiosks')
			.executeTakeFirst();
		if (!kiosk) return notFound;
		if (kiosk.revoked_at) return refused('form', 'kiosk.admin.alreadyRevoked', undefined, 409);
		await trx
			.updateTable('kiosks')
			.set({ enrolment_hash: hashSecret(code), enrolment_expires_at: expiresAt })
			.where('id', '=', id)
			.execute();
		await audit(trx, actor, { agencyId, action: 'kiosk.enrolment', entity: 'kiosk', entityId: id, after: { name: kiosk.name } });
		return done({ id, name: kiosk.name, counterCode: kiosk.code, code, expiresAt });
	});
}

/** Final: the kiosk's code and credential stop working; what it sends afterwards is refused as revoked. */
export async function revokeKiosk(db: Kysely<Database>, actor: Principal, agencyId: number, id: number, now = new Date()): Promise<Outcome> {
	return db.transaction().execute(async (trx) => {
		const kiosk = await trx
			.selectFrom('kiosks')
			.select(['name', 'revoked_at'])
			.where('id', '=', id)
			.where('agency_id', '=', agencyId)
			.forUpdate()
			.executeTakeFirst();
		if (!kiosk) return notFound;
		if (kiosk.revoked_at) return done();
		await trx.updateTable('kiosks').set({ revoked_at: now, enrolment_hash: null, enrolment_expires_at: null }).where('id', '=', id).execute();
		await audit(trx, actor, { agencyId, action: 'kiosk.revoke', entity: 'kiosk', entityId: id, before: { name: kiosk.name, revoked: false }, after: { name: kiosk.name, revoked: true } });
		return done();
	});
}
