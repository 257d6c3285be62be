import type { AddressInfo } from 'node:net';
import type { Kysely } from 'kysely';
import nodemailer from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../src/lib/server/auth/principal';
import { createUser } from '../../src/lib/server/auth/users';
import type { Database } from '../../src/lib/server/db/schema';
import { deliverDue } from '../../src/lib/server/outbox/deliver';
import { emailTransport } from '../../src/lib/server/outbox/transports';
import { createPetition } from '../../src/lib/server/petitions/create-petition';
import { openCaseFromSurvey } from '../../src/lib/server/petitions/from-survey';
import { addNote, answerPetition, assignPetition, closePetition, declinePetition, publishAnswer } from '../../src/lib/server/petitions/lifecycle';
import { submitPublicPetition } from '../../src/lib/server/petitions/public-submit';
import { getPetition, publishedAnswers } from '../../src/lib/server/petitions/queries';
import { enterPetition } from '../../src/lib/server/petitions/staff-create';
import { recordFeedback, trackPetition, type TrackResult } from '../../src/lib/server/petitions/tracking';
import { instantOfLocal } from '../../src/lib/sipas/calendar';
import { submitResponse } from '../../src/lib/server/survey/submit';
import { databaseKinds, migratedDatabase, type TestDatabase } from './helpers/databases';
import { seededCounter } from './helpers/survey';

/**
 * Petitions on PGlite and Postgres: deadlines across weekends and holidays, the life cycle and its
 * refused steps, cases of another agency, the tracking secret, the public form's files and flood
 * limit, the survey's "Tôi muốn được trả lời", and the answer reaching a real SMTP server through
 * the outbox (kept and retried while the server is down).
 */
interface Mail { to: string; raw: string }
const mails: Mail[] = [];
const smtpState = { down: false };
let smtp: SMTPServer;
let smtpPort = 0;

beforeAll(async () => {
	smtp = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS'],
		onData(stream, session, callback) {
			let raw = '';
			stream.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
			stream.on('end', () => {
				if (smtpState.down) return callback(Object.assign(new Error('try later'), { responseCode: 451 }));
				mails.push({ to: session.envelope.rcptTo.map((r) => r.address).join(','), raw });
				callback();
			});
		}
	});
	await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
	smtpPort = (smtp.server.address() as AddressInfo).port;
});
afterAll(async () => {
	await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

const ORIGIN = 'https://khaosat.test';
const CLIENT = { address: '203.0.113.9', userAgent: 'Mozilla/5.0 test' };
/** Monday 2 March 2026, 10:00 in Hanoi: a working day, outside the outbox's quiet hours. */
const MONDAY = instantOfLocal(2026, 3, 2, 10);
const mailer = () => emailTransport(nodemailer.createTransport({ host: '127.0.0.1', port: smtpPort, secure: false, ignoreTLS: true }), 'Hài Lòng <khaosat@sct.test>');
/** A quoted-printable mail body as text. */
const quoted = (raw: string) => Buffer.from(raw.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8');

describe.each(await databaseKinds())('petitions on %s', (kind) => {
	let database: TestDatabase;
	let db: Kysely<Database>;
	let agencyId: number;
	let otherId: number;
	let staff: Principal;
	let staffOther: Principal;
	let unitId: number;
	let otherUnitId: number;
	let seeded: Awaited<ReturnType<typeof seededCounter>>;

	beforeAll(async () => {
		database = await migratedDatabase(kind);
		db = database.db;
		seeded = await seededCounter(db);
		agencyId = seeded.survey.agency.id;
		otherId = (await db.insertInto('agencies').values({ code: 'so-khac', name_vi: 'Sở Khác', name_en: 'Other' }).returning('id').executeTakeFirstOrThrow()).id;
		unitId = (await db.selectFrom('units').select('id').where('agency_id', '=', agencyId).orderBy('id').executeTakeFirstOrThrow()).id;
		otherUnitId = (await db.insertInto('units').values({ agency_id: otherId, name: 'Phòng khác' }).returning('id').executeTakeFirstOrThrow()).id;
		const person = async (email: string, agencyCode: string, agency: number): Promise<Principal> => {
			const { id } = await createUser(db, { email, password: 'a long password', role: 'staff', agencyCode });
			return { kind: 'user', id, label: email, role: 'staff', agencyId: agency };
		};
		staff = await person('staff@sct.test', 'sct-gialai', agencyId);
		staffOther = await person('staff@khac.test', 'so-khac', otherId);
		// Tết-like break: Thursday 5 and Friday 6 March 2026 off; Saturday 7 March worked in exchange.
		await db.insertInto('calendar_days').values([
			{ agency_id: agencyId, day: '2026-03-05', kind: 'holiday', name: 'Nghỉ lễ' },
			{ agency_id: agencyId, day: '2026-03-06', kind: 'holiday', name: 'Nghỉ lễ' },
			{ agency_id: agencyId, day: '2026-03-07', kind: 'working', name: 'Làm bù' }
		]).execute();
	});
	afterAll(() => database?.drop());

	const newCase = (overrides: Partial<Parameters<typeof createPetition>[2]> = {}, now = MONDAY) =>
		db.transaction().execute((trx) =>
			createPetition(trx, { kind: 'system', label: 'citizen' }, { agencyId, category: 'procedures', source: 'public_form', body: 'Hồ sơ bị trả lại nhiều lần.', ...overrides }, { origin: ORIGIN, now })
		);

	it('counts the deadline in working days: weekends, holidays and a day worked in exchange', async () => {
		// Monday 2 March + 3 working days: Tue 3, Wed 4, (Thu 5, Fri 6 off), Sat 7 worked → due Saturday 7.
		await db.insertInto('petition_deadlines').values({ agency_id: agencyId, category: 'results', working_days: 3 }).execute();
		const results = await newCase({ category: 'results' });
		expect(results.dueOn).toBe('2026-03-07');
		// The default, 10 working days: 3, 4, 7, 9, 10, 11, 12, 13, 16, 17 → Tuesday 17 March.
		const other = await newCase({ category: 'other' });
		expect(other.dueOn).toBe('2026-03-17');
		// Received on Friday evening (a holiday here): the count starts the next working day.
		const friday = await newCase({ category: 'results' }, instantOfLocal(2026, 3, 6, 22));
		expect(friday.dueOn).toBe('2026-03-10');
		expect(results.code).toMatch(/^PA-2026-\d{6}$/);
		const stored = await db.selectFrom('petitions').select(['due_on', 'state', 'secret_hash']).where('code', '=', results.code).executeTakeFirstOrThrow();
		expect(stored).toMatchObject({ due_on: '2026-03-07', state: 'received' });
		expect(stored.secret_hash).not.toContain(results.secret);
	});

	it('goes received → assigned → answered → closed, refuses skipped steps and sends the answer through the outbox', async () => {
		const created = await enterPetition(db, staff, agencyId, { category: 'procedures', source: 'counter', body: 'Chờ quá lâu.', phone: '0912 345 678', email: 'Dan@Example.vn', unit: '' }, { origin: ORIGIN, now: MONDAY });
		expect(created.ok).toBe(true);
		const code = (created as { value: { code: string } }).value.code;
		const settings = { origin: ORIGIN, now: MONDAY };

		// Answering or closing before assigning skips a step: 409, nothing changes.
		const early = await answerPetition(db, staff, agencyId, code, { answer: 'Đã xử lý.' }, settings);
		expect(early).toMatchObject({ ok: false, status: 409, errors: { form: { key: 'petitions.error.step', params: { state: 'received' } } } });
		expect(await closePetition(db, staff, agencyId, code, settings)).toMatchObject({ ok: false, status: 409 });
		expect((await getPetition(db, agencyId, code))!.state).toBe('received');

		// Another agency's unit is refused; an empty assignment too.
		expect(await assignPetition(db, staff, agencyId, code, { unit: String(otherUnitId) }, settings)).toMatchObject({ ok: false, status: 400, errors: { unit: {} } });
		expect(await assignPetition(db, staff, agencyId, code, {}, settings)).toMatchObject({ ok: false, status: 400, errors: { unit: { key: 'petitions.error.assignee' } } });
		expect(await assignPetition(db, staff, agencyId, code, { unit: String(unitId) }, settings)).toEqual({ ok: true, value: undefined });
		expect(await addNote(db, staff, agencyId, code, { note: 'Đã gọi điện cho người dân.' })).toMatchObject({ ok: true });
		expect(await answerPetition(db, staff, agencyId, code, { answer: '   ' }, settings)).toMatchObject({ ok: false, status: 400, errors: { answer: { key: 'petitions.error.required' } } });
		expect(await answerPetition(db, staff, agencyId, code, { answer: 'Bộ phận đã rút ngắn thời gian chờ. Gọi 0987 654 321 nếu cần.' }, settings)).toMatchObject({ ok: true });
		// Declining an answered case, or answering twice, skips back: refused.
		expect(await declinePetition(db, staff, agencyId, code, { reason: 'x' }, settings)).toMatchObject({ ok: false, status: 409 });
		expect(await answerPetition(db, staff, agencyId, code, { answer: 'Lần hai' }, settings)).toMatchObject({ ok: false, status: 409 });
		expect(await closePetition(db, staff, agencyId, code, settings)).toMatchObject({ ok: true });

		const petition = (await getPetition(db, agencyId, code))!;
		expect(petition).toMatchObject({ state: 'closed', unit_id: unitId, phone: '+84912345678', email: 'dan@example.vn' });
		expect(petition.notes.map((n) => n.body)).toEqual(['Đã gọi điện cho người dân.']);
		const actions = await db.selectFrom('audit_log').select('action').where('entity', '=', 'petition').where('entity_id', '=', code).orderBy('id').execute();
		expect(actions.map((a) => a.action)).toEqual(['petition.create', 'petition.assign', 'petition.note', 'petition.answer', 'petition.close']);
		const outbox = await db.selectFrom('outbox').select(['topic', 'channel', 'recipient', 'body']).where('idempotency_key', 'like', `%:${petition.id}:%`).orderBy('id').execute();
		expect(outbox.map((m) => [m.topic, m.channel, m.recipient])).toEqual([
			['petition.received', 'sms', '+84912345678'],
			['petition.received', 'email', 'dan@example.vn'],
			['petition.answer', 'sms', '+84912345678'],
			['petition.answer', 'email', 'dan@example.vn']
		]);
		expect(outbox[3]!.body).toContain('Bộ phận đã rút ngắn thời gian chờ.');
		expect(outbox[3]!.body).toContain(`${ORIGIN}/y/t/${code}`);

		// Publishing takes out phone numbers whatever was typed; it needs an answered case.
		expect(await publishAnswer(db, staff, agencyId, code, { published_answer: petition.answer! }, MONDAY)).toMatchObject({ ok: true });
		const published = await publishedAnswers(db, agencyId);
		expect(published[0]!.answer).toBe('Bộ phận đã rút ngắn thời gian chờ. Gọi […] nếu cần.');
		expect(await publishedAnswers(db, otherId)).toEqual([]);
	});

	it('declines with a reason before an answer, and nothing after', async () => {
		const { code } = await newCase();
		expect(await declinePetition(db, staff, agencyId, code, { reason: '' }, { origin: ORIGIN })).toMatchObject({ ok: false, status: 400 });
		expect(await declinePetition(db, staff, agencyId, code, { reason: 'Không thuộc thẩm quyền của Sở.' }, { origin: ORIGIN })).toMatchObject({ ok: true });
		expect(await assignPetition(db, staff, agencyId, code, { unit: String(unitId) }, { origin: ORIGIN })).toMatchObject({ ok: false, status: 409 });
		expect((await getPetition(db, agencyId, code))!).toMatchObject({ state: 'declined', decline_reason: 'Không thuộc thẩm quyền của Sở.' });
	});

	it("answers another agency's case as unknown (404) and changes nothing", async () => {
		const { code } = await newCase();
		const before = await db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
		for (const outcome of [
			await assignPetition(db, staffOther, otherId, code, { unit: String(otherUnitId) }, { origin: ORIGIN }),
			await declinePetition(db, staffOther, otherId, code, { reason: 'x' }, { origin: ORIGIN }),
			await addNote(db, staffOther, otherId, code, { note: 'x' }),
			await closePetition(db, staffOther, otherId, 'PA-2026-999999', { origin: ORIGIN }),
			await closePetition(db, staffOther, otherId, "PA-2026'; --", { origin: ORIGIN })
		]) {
			expect(outcome).toEqual({ ok: false, status: 404 });
		}
		expect(await getPetition(db, otherId, code)).toBeUndefined();
		expect((await getPetition(db, agencyId, code))!.state).toBe('received');
		const after = await db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
		expect(Number(after.n)).toBe(Number(before.n));
	});

	it('opens the tracking page with the secret only, throttles guessing, and asks whether the answer satisfied', async () => {
		const { code, secret } = await newCase({ phone: '+84912000111' });
		const settings = { client: { ...CLIENT, userAgent: `tracker-${kind}` }, wrongPerHour: 3, now: MONDAY };
		const found = await trackPetition(db, code, secret.toLowerCase().replace(/(.{4})/g, '$1 '), settings);
		expect(found).toMatchObject({ kind: 'found', petition: { code, state: 'received', answer: null } });
		expect(await recordFeedback(db, (found as Extract<TrackResult, { kind: "found" }>).petition, true)).toBe(false); // not answered yet
		expect(await trackPetition(db, code, 'AAAAAAAAAAAAAAAA', settings)).toEqual({ kind: 'wrong' });
		expect(await trackPetition(db, 'PA-2026-999999', secret, settings)).toEqual({ kind: 'wrong' }); // unknown code: the same answer
		expect(await trackPetition(db, code, '', settings)).toEqual({ kind: 'wrong' });
		expect(await trackPetition(db, code, secret, settings)).toEqual({ kind: 'too_many' }); // 3 wrong tries this hour
		const later = { ...settings, now: new Date(MONDAY.getTime() + 3600_000) };
		await assignPetition(db, staff, agencyId, code, { unit: String(unitId) }, { origin: ORIGIN });
		await answerPetition(db, staff, agencyId, code, { answer: 'Đã giải quyết.' }, { origin: ORIGIN });
		const answered = await trackPetition(db, code, secret, later);
		expect(answered).toMatchObject({ kind: 'found', petition: { state: 'answered', answer: 'Đã giải quyết.' } });
		expect(await recordFeedback(db, (answered as Extract<TrackResult, { kind: "found" }>).petition, false)).toBe(true);
		expect((await getPetition(db, agencyId, code))!.citizen_satisfied).toBe(false);
	});

	it('takes the public form with files typed by content, once per submission, and refuses a flood', async () => {
		const form = (id: string, files: File[] = []) => {
			const f = new FormData();
			f.set('submission_id', id);
			f.set('category', 'official_attitude');
			f.set('body', 'Cán bộ quầy 3 không hướng dẫn.');
			f.set('email', 'dan2@example.vn');
			for (const file of files) f.append('files', file);
			return f;
		};
		const jpeg = new File([new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3])], 'anh.jpg');
		const id = crypto.randomUUID();
		const limits = { FLOOD_FLAG_PER_HOUR: 10, FLOOD_BLOCK_PER_HOUR: 3, FLOOD_NETWORK_FLAG_PER_HOUR: 60, FLOOD_NETWORK_BLOCK_PER_HOUR: 200 };
		const client = { ...CLIENT, userAgent: `form-${kind}` };
		const wrongType = await submitPublicPetition(db, limits, 'sct-gialai', form(crypto.randomUUID(), [new File(['MZ\x90'], 'anh.jpg', { type: 'image/jpeg' })]), client, { origin: ORIGIN, now: MONDAY });
		expect(wrongType).toEqual({ kind: 'invalid', errors: { files: { key: 'petitions.error.fileType' } } });
		const stored = await submitPublicPetition(db, limits, 'sct-gialai', form(id, [jpeg]), client, { origin: ORIGIN, now: MONDAY });
		expect(stored).toMatchObject({ kind: 'stored' });
		const again = await submitPublicPetition(db, limits, 'sct-gialai', form(id, [jpeg]), client, { origin: ORIGIN, now: MONDAY });
		expect(again).toEqual({ kind: 'duplicate', code: (stored as { code: string }).code });
		const petition = (await getPetition(db, agencyId, (stored as { code: string }).code))!;
		expect(petition.attachments).toMatchObject([{ filename: 'anh.jpg', contentType: 'image/jpeg', size: 7 }]);
		expect(petition.source).toBe('public_form');
		await submitPublicPetition(db, limits, 'sct-gialai', form(crypto.randomUUID()), client, { origin: ORIGIN, now: MONDAY });
		await submitPublicPetition(db, limits, 'sct-gialai', form(crypto.randomUUID()), client, { origin: ORIGIN, now: MONDAY });
		const count = await db.selectFrom('petitions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
		expect(await submitPublicPetition(db, limits, 'sct-gialai', form(crypto.randomUUID()), client, { origin: ORIGIN, now: MONDAY })).toEqual({ kind: 'too_many' });
		expect((await db.selectFrom('petitions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n).toEqual(count.n);
		expect(await submitPublicPetition(db, limits, 'khong-co', form(crypto.randomUUID()), client, { origin: ORIGIN, now: MONDAY })).toEqual({ kind: 'not_found' });
	});

	it('opens a case from a low survey rating, linked to the response, once', async () => {
		const low = seeded.submission({ answers: { PA1: 4, CC1: 1, KQ1: 4 }, comment: null });
		expect((await submitResponse(db, low, seeded.context({ now: MONDAY }))).status).toBe('stored');
		const opened = await openCaseFromSurvey(db, low.submission_id, { phone: null, email: 'dan3@example.vn' }, { origin: ORIGIN, now: MONDAY });
		expect(opened).toMatchObject({ kind: 'opened' });
		const code = (opened as { code: string }).code;
		const petition = (await getPetition(db, agencyId, code))!;
		const response = await db.selectFrom('responses').select('id').where('submission_id', '=', low.submission_id).executeTakeFirstOrThrow();
		expect(petition).toMatchObject({ source: 'survey', category: 'official_attitude', response_id: response.id, counter_id: seeded.survey.counter.id, email: 'dan3@example.vn' });
		expect(petition.body).toContain('Rất không hài lòng');
		expect(await openCaseFromSurvey(db, low.submission_id, { phone: null, email: 'dan3@example.vn' }, { origin: ORIGIN })).toEqual({ kind: 'existing', code });
		// All good and no comment: nothing to answer.
		const fine = seeded.submission({ answers: { PA1: 5, CC1: 4 }, comment: null });
		await submitResponse(db, fine, seeded.context({ now: MONDAY }));
		expect(await openCaseFromSurvey(db, fine.submission_id, { phone: '+84912000222', email: null }, { origin: ORIGIN })).toEqual({ kind: 'not_eligible' });
	});

	it('delivers the answer to a real SMTP server, and keeps it while the server refuses', async () => {
		const { code, id } = await newCase({ email: `smtp-${kind}@example.vn` });
		await assignPetition(db, staff, agencyId, code, { unit: String(unitId) }, { origin: ORIGIN });
		await answerPetition(db, staff, agencyId, code, { answer: `Trả lời qua thư ${kind}.` }, { origin: ORIGIN, now: MONDAY });
		await db.updateTable('outbox').set({ state: 'sent' }).where('idempotency_key', 'not like', `petition.answer:${id}:%`).where('state', '=', 'pending').execute();
		smtpState.down = true;
		const refused = await deliverDue(db, { transports: { email: mailer() }, maxAttempts: 5, now: () => MONDAY });
		expect(refused).toMatchObject({ sent: 0, retrying: 1 });
		const waiting = await db.selectFrom('outbox').select(['state', 'recipient']).where('idempotency_key', '=', `petition.answer:${id}:email`).executeTakeFirstOrThrow();
		expect(waiting).toEqual({ state: 'pending', recipient: `smtp-${kind}@example.vn` });
		smtpState.down = false;
		const later = new Date(MONDAY.getTime() + 5 * 60_000);
		expect(await deliverDue(db, { transports: { email: mailer() }, maxAttempts: 5, now: () => later })).toMatchObject({ sent: 1 });
		const mail = mails.find((m) => m.to === `smtp-${kind}@example.vn`)!;
		expect(quoted(mail.raw)).toContain(`Trả lời qua thư ${kind}.`);
		expect(quoted(mail.raw)).toContain(`/y/t/${code}`);
	});
});
