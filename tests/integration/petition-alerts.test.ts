import { sql, type Insertable, type Kysely } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/lib/server/db/schema';
import { runAlertRound } from '../../src/lib/server/petitions/alert-worker';
import { createPetition } from '../../src/lib/server/petitions/create-petition';
import { submitResponse } from '../../src/lib/server/survey/submit';
import { instantOfLocal } from '../../src/lib/sipas/calendar';
import { databaseKinds, migratedDatabase, type TestDatabase } from './helpers/databases';
import { seededCounter } from './helpers/survey';

/**
 * The alert rules on PGlite and Postgres: "Rất không hài lòng" on a civil-servants statement and
 * a new case about an official's attitude alert the unit's leader at once; deadlines alert the
 * assignee and the unit's leader once a day; a dimension clearly below target over 30 days (from
 * the estimates engine) alerts the agency's leaders at most weekly; digests go out once a day
 * from 07:00; a rule turned off raises nothing; one round at a time.
 */
const MONDAY = instantOfLocal(2026, 3, 2, 10);
const settings = (now: Date) => ({ minimumSample: 5, retentionDays: 30, now });

describe.each(await databaseKinds())('petition alerts on %s', (kind) => {
	let database: TestDatabase;
	let db: Kysely<Database>;
	let seeded: Awaited<ReturnType<typeof seededCounter>>;
	let agencyId: number;
	let unitId: number;
	let officialId: number;
	let recipients: { leader: number; unitLead: number; official: number };

	beforeAll(async () => {
		database = await migratedDatabase(kind);
		db = database.db;
		seeded = await seededCounter(db);
		agencyId = seeded.survey.agency.id;
		unitId = (await db.selectFrom('counters').select('unit_id').where('id', '=', seeded.survey.counter.id).executeTakeFirstOrThrow()).unit_id;
		officialId = (await db.insertInto('officials').values({ agency_id: agencyId, code: 'CB01', name: 'Nguyễn Văn A', unit_id: unitId }).returning('id').executeTakeFirstOrThrow()).id;
		const add = async (values: Omit<Insertable<Database['alert_recipients']>, 'agency_id'>) =>
			(await db.insertInto('alert_recipients').values({ agency_id: agencyId, ...values }).returning('id').executeTakeFirstOrThrow()).id;
		recipients = {
			leader: await add({ name: 'Giám đốc', role: 'agency_leader', channel: 'email', address: 'giamdoc@sct.test', mode: 'immediate' }),
			unitLead: await add({ name: 'Trưởng phòng', role: 'unit_leader', unit_id: unitId, channel: 'sms', address: '+84912000001', mode: 'immediate' }),
			official: await add({ name: 'Nguyễn Văn A', role: 'official', official_id: officialId, channel: 'email', address: 'cb01@sct.test', mode: 'digest' })
		};
	});
	afterAll(() => database?.drop());
	beforeEach(async () => {
		await db.deleteFrom('alert_rules').execute();
	});

	const alertsOf = (rule: string) => db.selectFrom('alerts').select(['recipient_id as recipient', 'digest', 'queued_at as queuedAt', 'text']).where('rule', '=', rule as never).orderBy('id').execute();
	const outboxOf = (topic: string) => db.selectFrom('outbox').select(['channel', 'recipient', 'subject', 'body', 'idempotency_key as key']).where('topic', '=', topic).orderBy('id').execute();

	it('alerts the unit leader at once about "Rất không hài lòng" on a civil-servants statement, once, and nothing about the past', async () => {
		await submitResponse(db, seeded.submission({ answers: { CC1: 1 } }), seeded.context({ now: MONDAY }));
		// The first round only marks where it starts.
		expect(await runAlertRound(db, settings(MONDAY))).toMatchObject({ ran: true, raised: 0 });
		await submitResponse(db, seeded.submission({ answers: { CC1: 1, CC2: 1, PA1: 5 }, comment: 'Cán bộ quát tháo.' }), seeded.context({ now: MONDAY }));
		await submitResponse(db, seeded.submission({ answers: { CC1: 2, PA1: 1 } }), seeded.context({ now: MONDAY }));
		await runAlertRound(db, settings(MONDAY));
		await runAlertRound(db, settings(MONDAY));
		const alerts = await alertsOf('very_dissatisfied');
		expect(alerts.map((a) => a.recipient)).toEqual([recipients.unitLead]);
		expect(alerts[0]!.text).toContain('Cán bộ quát tháo.');
		const sms = (await outboxOf('alert')).filter((m) => m.body.includes('Rất không hài lòng'));
		expect(sms.map((m) => [m.channel, m.recipient])).toEqual([['sms', '+84912000001']]);
	});

	it('alerts about a new case on an official’s attitude in the same transaction, and not when the rule is off', async () => {
		const create = (unit: number | null) =>
			db.transaction().execute((trx) => createPetition(trx, { kind: 'system', label: 'citizen' }, { agencyId, category: 'official_attitude', source: 'public_form', body: 'Thái độ không đúng mực.', unitId: unit }, { origin: 'https://x.test', now: MONDAY }));
		const first = await create(unitId);
		// No unit: the agency's leaders hear of it.
		const second = await create(null);
		await db.insertInto('alert_rules').values({ agency_id: agencyId, rule: 'attitude_case', enabled: false }).execute();
		const third = await create(unitId);
		const alerts = await alertsOf('attitude_case');
		expect(alerts.map((a) => [a.recipient, a.text.includes(first.code) || a.text.includes(second.code)])).toEqual([
			[recipients.unitLead, true],
			[recipients.leader, true]
		]);
		expect(alerts.some((a) => a.text.includes(third.code))).toBe(false);
	});

	it('alerts the assignee and the unit leader about deadlines once a day, and sends the digest from 07:00', async () => {
		const due = await db.transaction().execute((trx) =>
			createPetition(trx, { kind: 'system', label: 'citizen' }, { agencyId, category: 'procedures', source: 'paper', body: 'Chậm.', unitId, officialId }, { origin: 'https://x.test', now: instantOfLocal(2026, 2, 13, 9) })
		);
		await db.updateTable('petitions').set({ state: 'assigned' }).where('code', '=', due.code).execute();
		// Due 27 February (10 working days, no holidays here): not near on the 13th.
		await runAlertRound(db, settings(instantOfLocal(2026, 2, 13, 10)));
		expect((await alertsOf('deadline')).length).toBe(0);
		// Wednesday 25 February: two working days left (26, 27) → near.
		await runAlertRound(db, settings(instantOfLocal(2026, 2, 25, 6)));
		await runAlertRound(db, settings(instantOfLocal(2026, 2, 25, 6, 30)));
		let alerts = await alertsOf('deadline');
		expect(alerts.map((a) => [a.recipient, a.digest, a.queuedAt === null])).toEqual([
			[recipients.official, true, true],
			[recipients.unitLead, false, false]
		]);
		// Before 07:00 the digest waits; from 07:00 it goes once.
		expect((await outboxOf('alert.digest')).length).toBe(0);
		expect(await runAlertRound(db, settings(instantOfLocal(2026, 2, 25, 8)))).toMatchObject({ digests: 1 });
		expect(await runAlertRound(db, settings(instantOfLocal(2026, 2, 25, 9)))).toMatchObject({ digests: 0 });
		const digest = await outboxOf('alert.digest');
		expect(digest.map((m) => [m.channel, m.recipient, m.key])).toEqual([['email', 'cb01@sct.test', `alert.digest:${recipients.official}:2026-02-25`]]);
		expect(digest[0]!.body).toContain(`${due.code}`);
		// Overdue on 2 March: a new alert that day.
		await runAlertRound(db, settings(instantOfLocal(2026, 3, 2, 9)));
		alerts = await alertsOf('deadline');
		expect(alerts.length).toBe(4);
		expect(alerts.at(-1)!.text).toContain('đã quá hạn');
		// Answered cases are left alone.
		await db.updateTable('petitions').set({ state: 'answered' }).where('code', '=', due.code).execute();
		await runAlertRound(db, settings(instantOfLocal(2026, 3, 3, 9)));
		expect((await alertsOf('deadline')).length).toBe(4);
	});

	it("alerts the agency's leaders when a dimension's 30-day estimate is clearly below target, at most weekly", async () => {
		const day = instantOfLocal(2026, 3, 10, 10);
		for (let i = 0; i < 12; i++) {
			await submitResponse(db, seeded.submission({ answers: { CC1: 2, CC2: 2, CC3: 2, CC4: 2, PA1: 5, KQ1: 5 } }), seeded.context({ now: day, deviceHash: `device-${i}` }));
		}
		await runAlertRound(db, settings(day));
		const alerts = await alertsOf('dimension_below');
		expect(alerts.map((a) => a.recipient)).toEqual([recipients.leader]);
		expect(alerts[0]!.text).toMatch(/Cán bộ|công chức/i);
		// An hour later, and three days later: nothing new (at most weekly).
		await runAlertRound(db, settings(new Date(day.getTime() + 3600_000)));
		await runAlertRound(db, settings(new Date(day.getTime() + 3 * 86_400_000)));
		expect((await alertsOf('dimension_below')).length).toBe(1);
		// Eight days later, still clearly below: again.
		await runAlertRound(db, settings(new Date(day.getTime() + 8 * 86_400_000)));
		expect((await alertsOf('dimension_below')).length).toBe(2);
	});

	it.runIf(kind === 'postgres')('runs one round at a time across processes', async () => {
		// Another process holding the round's lock: this one skips its round.
		await db.connection().execute(async (other) => {
			await other.transaction().execute(async (trx) => {
				await sql`select pg_advisory_xact_lock(${0x48_4c_41_4c})`.execute(trx);
				expect(await runAlertRound(database.db, settings(MONDAY))).toEqual({ ran: false, raised: 0, digests: 0 });
			});
		});
	});
});
