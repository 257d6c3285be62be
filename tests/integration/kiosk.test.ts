import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Principal } from '../../src/lib/server/auth/principal';
import { createUser } from '../../src/lib/server/auth/users';
import { parseConfig } from '../../src/lib/server/config-schema';
import { audioTypeOf, clipOfCounter, uploadClip } from '../../src/lib/server/kiosks/clips';
import { hashSecret } from '../../src/lib/server/kiosks/credentials';
import { enrolKiosk, identifyKiosk, type KioskIdentity } from '../../src/lib/server/kiosks/enrol';
import { createKiosk, listKiosks, renewEnrolment, revokeKiosk } from '../../src/lib/server/kiosks/manage';
import { kioskQuestionnaire } from '../../src/lib/server/kiosks/questionnaire';
import { receiveKioskAnswer } from '../../src/lib/server/kiosks/receive';
import { completeness, parseTranslationCsv, saveTranslations, translationsOf, vietnameseTexts, loadVersionSource } from '../../src/lib/server/kiosks/translations';
import { databaseKinds, migratedDatabase, type TestDatabase } from './helpers/databases';
import { seededCounter } from './helpers/survey';

/**
 * Kiosks: enrolment by a one-time code, the hashed and revocable credential, answers sent from
 * the device's queue (exactly once, at the time the citizen answered, within bounds), the
 * repeat-press guard, and the languages and clips the kiosk carries. Through the routes where the
 * HTTP status is part of the contract.
 */
const app = vi.hoisted(() => ({ db: undefined as unknown }));
vi.mock('$lib/server/db', () => ({ db: () => app.db }));
vi.mock('$lib/server/config', async () => {
	const { parseConfig } = await import('../../src/lib/server/config-schema');
	return { appConfig: () => parseConfig({}) };
});
const answersRoute = await import('../../src/routes/k/[counter]/answers/+server');

const config = parseConfig({});
const HOUR = 3600_000;
const DAY = 24 * HOUR;

describe.each(await databaseKinds())('kiosks on %s', (kind) => {
	let database: TestDatabase;
	let fixture: Awaited<ReturnType<typeof seededCounter>>;
	let admin: Principal;
	let agencyId: number;
	let counterId: number;

	beforeAll(async () => {
		database = await migratedDatabase(kind);
		app.db = database.db;
		fixture = await seededCounter(database.db);
		agencyId = fixture.survey.agency.id;
		counterId = fixture.survey.counter.id;
		const { id } = await createUser(database.db, { email: 'admin@kiosk.test', password: 'a long password', role: 'admin', agencyCode: 'sct-gialai' });
		admin = { kind: 'user', id, label: 'admin@kiosk.test', role: 'admin', agencyId };
	});
	afterAll(() => database?.drop());

	async function enrolled(name: string, now = new Date()): Promise<{ id: number; credential: string; identity: KioskIdentity }> {
		const created = await createKiosk(database.db, admin, agencyId, { name, counter: String(counterId) }, now);
		if (!created.ok) throw new Error('kiosk not created');
		const outcome = await enrolKiosk(database.db, 'vp-01', created.value.code, now);
		if (!outcome.ok) throw new Error('not enrolled');
		const identity = (await identifyKiosk(database.db, 'vp-01', outcome.credential, 0, now))!;
		return { id: created.value.id, credential: outcome.credential, identity };
	}
	const entry = (answeredAt: Date, overrides: Record<string, unknown> = {}) => ({
		submission_id: randomUUID(),
		survey_version: fixture.survey.version.id,
		answers: { PA1: 5, SA1: 4, CC1: 'na' },
		answered_at: answeredAt.toISOString(),
		...overrides
	});
	const responsesOf = (kioskId: number) =>
		database.db.selectFrom('responses').select(['submission_id', 'submitted_at', 'channel', 'flagged_misuse']).where('kiosk_id', '=', kioskId).orderBy('id').execute();

	it('enrols once with its code, for its counter only, keeping only hashes', async () => {
		const now = new Date();
		const created = await createKiosk(database.db, admin, agencyId, { name: 'Máy quầy 1', counter: String(counterId) }, now);
		expect(created.ok).toBe(true);
		if (!created.ok) return;
		const { code } = created.value;
		expect(code).toMatch(/^[A-Z2-9]{10}$/);

		expect(await enrolKiosk(database.db, 'tm-01', code, now)).toEqual({ ok: false, reason: 'invalid_code' });
		expect(await enrolKiosk(database.db, 'vp-01', 'ABCDEFGHJK', now)).toEqual({ ok: false, reason: 'invalid_code' });
		const first = await enrolKiosk(database.db, 'vp-01', code.toLowerCase(), now);
		expect(first.ok).toBe(true);
		// Single use: the same code again gives nothing.
		expect(await enrolKiosk(database.db, 'vp-01', code, now)).toEqual({ ok: false, reason: 'invalid_code' });

		const row = await database.db.selectFrom('kiosks').selectAll().where('id', '=', created.value.id).executeTakeFirstOrThrow();
		expect(row.enrolment_hash).toBeNull();
		if (!first.ok) return;
		expect(row.credential_hash).toBe(hashSecret(first.credential));
		expect(JSON.stringify(row)).not.toContain(first.credential);

		// Every contact is kept with the device's queue size, shown to the administrator.
		const later = new Date(now.getTime() + 60_000);
		expect(await identifyKiosk(database.db, 'vp-01', first.credential, 7, later)).toMatchObject({ id: created.value.id, revoked: false });
		expect(await identifyKiosk(database.db, 'tm-01', first.credential, 7, later)).toBeUndefined();
		expect(await identifyKiosk(database.db, 'vp-01', 'kiosk_' + 'x'.repeat(43), 7, later)).toBeUndefined();
		const listed = (await listKiosks(database.db, agencyId)).find((k) => k.id === created.value.id)!;
		expect(listed).toMatchObject({ status: 'enrolled', queueSize: 7, lastContactAt: later });

		// An expired code enrols nothing.
		const renewed = await renewEnrolment(database.db, admin, agencyId, created.value.id, now);
		if (!renewed.ok) throw new Error('not renewed');
		expect(await enrolKiosk(database.db, 'vp-01', renewed.value.code, new Date(now.getTime() + 25 * HOUR))).toEqual({ ok: false, reason: 'invalid_code' });
	});

	it('stores a queued answer once, at the time it was answered, from its kiosk, at the counter', async () => {
		const now = new Date();
		const kiosk = await enrolled('Máy quầy 2', now);
		const answeredAt = new Date(now.getTime() - 3 * DAY);
		const sent = entry(answeredAt);
		expect(await receiveKioskAnswer(database.db, config, 'vp-01', kiosk.identity, sent, now)).toEqual({ status: 'stored', flaggedMisuse: false });
		// The connection was lost after the server stored it: the kiosk sends it again.
		expect(await receiveKioskAnswer(database.db, config, 'vp-01', kiosk.identity, sent, now)).toEqual({ status: 'duplicate' });
		const rows = await responsesOf(kiosk.id);
		expect(rows).toHaveLength(1);
		expect(rows[0]).toMatchObject({ submission_id: sent.submission_id, channel: 'in_person', flagged_misuse: false });
		expect(rows[0]!.submitted_at.getTime()).toBe(answeredAt.getTime());
	});

	it('refuses an answer in the future or older than 7 days, recording the reason for the administrator', async () => {
		const now = new Date();
		const kiosk = await enrolled('Máy quầy 3', now);
		const cases = [
			[new Date(now.getTime() + 10 * 60_000), { status: 'refused', reason: 'future' }],
			[new Date(now.getTime() - 7 * DAY - 60_000), { status: 'refused', reason: 'too_old' }],
			// A tablet's clock a minute ahead is drift, not the future; 6 days 23 hours is within the week.
			[new Date(now.getTime() + 60_000), { status: 'stored', flaggedMisuse: false }],
			[new Date(now.getTime() - 7 * DAY + HOUR), { status: 'stored', flaggedMisuse: false }]
		] as const;
		for (const [at, expected] of cases) {
			expect(await receiveKioskAnswer(database.db, config, 'vp-01', kiosk.identity, entry(at, { answers: { PA1: 3 } }), now)).toEqual(expected);
		}
		expect(await receiveKioskAnswer(database.db, config, 'vp-01', kiosk.identity, entry(now, { answered_at: 'yesterday' }), now)).toEqual({ status: 'refused', reason: 'invalid' });
		expect(await receiveKioskAnswer(database.db, config, 'vp-01', kiosk.identity, entry(now, { answers: { PA1: 9 } }), now)).toEqual({ status: 'refused', reason: 'invalid' });
		expect(await responsesOf(kiosk.id)).toHaveLength(2);
		const listed = (await listKiosks(database.db, agencyId)).find((k) => k.id === kiosk.id)!;
		expect(listed.refusals).toEqual([
			{ reason: 'future', count: 1 },
			{ reason: 'invalid', count: 2 },
			{ reason: 'too_old', count: 1 }
		]);
	});

	it('refuses what a revoked kiosk still sends, with the reason "revoked", and its code no longer enrols', async () => {
		const now = new Date();
		const kiosk = await enrolled('Máy quầy 4', now);
		const renewed = await renewEnrolment(database.db, admin, agencyId, kiosk.id, now);
		if (!renewed.ok) throw new Error('not renewed');
		// Another agency's administrator cannot see, renew or revoke it (404, as for an unknown id).
		const other = (await database.db.insertInto('agencies').values({ code: 'so-khac-kiosk', name_vi: 'Sở Khác', name_en: 'Other' }).returning('id').executeTakeFirstOrThrow()).id;
		expect(await revokeKiosk(database.db, admin, other, kiosk.id, now)).toEqual({ ok: false, status: 404 });
		expect(await renewEnrolment(database.db, admin, other, kiosk.id, now)).toEqual({ ok: false, status: 404 });
		expect(await listKiosks(database.db, other)).toEqual([]);
		expect(await createKiosk(database.db, admin, other, { name: 'Lạ', counter: String(counterId) })).toMatchObject({ ok: false, status: 400 });
		expect((await revokeKiosk(database.db, admin, agencyId, kiosk.id, now)).ok).toBe(true);
		expect(await enrolKiosk(database.db, 'vp-01', renewed.value.code, now)).toEqual({ ok: false, reason: 'invalid_code' });

		// Through the route, as the kiosk sends it: 403 with the reason.
		const queued = entry(new Date(now.getTime() - HOUR));
		const response = await post(kiosk.credential, queued);
		expect(response.status).toBe(403);
		expect(await response.json()).toEqual({ status: 'refused', reason: 'revoked' });
		expect(await responsesOf(kiosk.id)).toHaveLength(0);
		const listed = (await listKiosks(database.db, agencyId)).find((k) => k.id === kiosk.id)!;
		expect(listed).toMatchObject({ status: 'revoked', refusals: [{ reason: 'revoked', count: 1 }] });
		const audited = await database.db.selectFrom('audit_log').select('action').where('entity', '=', 'kiosk').where('entity_id', '=', String(kiosk.id)).orderBy('id').execute();
		expect(audited.map((a) => a.action)).toEqual(['kiosk.create', 'kiosk.enrolment', 'kiosk.revoke']);
	});

	it('answers through the route: 201 stored, 200 resent, 401 unknown credential, 422 tampered', async () => {
		const kiosk = await enrolled('Máy quầy 5');
		const queued = entry(new Date(Date.now() - 60_000));
		expect((await post(kiosk.credential, queued)).status).toBe(201);
		expect((await post(kiosk.credential, queued)).status).toBe(200);
		expect((await post('kiosk_' + 'A'.repeat(43), entry(new Date()))).status).toBe(401);
		const tampered = await post(kiosk.credential, { ...entry(new Date()), survey_version: 'v1', answers: { PA1: '5; drop table' } });
		expect(tampered.status).toBe(422);
		expect(await responsesOf(kiosk.id)).toHaveLength(1);
	});

	it('flags many identical answers from one kiosk within the window as misuse (repeat-press guard)', async () => {
		const now = new Date();
		const kiosk = await enrolled('Máy quầy 6', now);
		const other = await enrolled('Máy quầy 7', now);
		// Within one 5-minute window (config KIOSK_REPEAT_WINDOW_MINUTES), same answers.
		const windowStart = Math.floor((now.getTime() - 20 * 60_000) / (5 * 60_000)) * 5 * 60_000;
		const same = () => entry(new Date(windowStart + 1000), { answers: { PA1: 1, PA2: 1 } });
		const results = [];
		for (let i = 0; i < config.KIOSK_REPEAT_FLAG + 2; i++) results.push(await receiveKioskAnswer(database.db, config, 'vp-01', kiosk.identity, same(), now));
		expect(results.map((r) => (r.status === 'stored' ? r.flaggedMisuse : r.status))).toEqual([false, false, false, false, true, true]);
		// Different answers in the same window, the same answers in the next window or from another kiosk: not repeats.
		const fine = [
			entry(new Date(windowStart + 2000), { answers: { PA1: 2, PA2: 1 } }),
			entry(new Date(windowStart + 5 * 60_000 + 1000), { answers: { PA1: 1, PA2: 1 } })
		];
		for (const e of fine) expect(await receiveKioskAnswer(database.db, config, 'vp-01', kiosk.identity, e, now)).toEqual({ status: 'stored', flaggedMisuse: false });
		expect(await receiveKioskAnswer(database.db, config, 'vp-01', other.identity, same(), now)).toEqual({ status: 'stored', flaggedMisuse: false });
		const flagged = (await responsesOf(kiosk.id)).filter((r) => r.flagged_misuse);
		expect(flagged).toHaveLength(2);
	});

	it('carries Jrai translations imported as CSV, checks completeness, falls back to Vietnamese', async () => {
		const versionId = fixture.survey.version.id;
		const csv = 'key,text\ncrit.PA1,"Tơlơi pơhiăp kơ kơnuk kơna, lu"\nui.start,Čŏng\nlead_in,Jrai lead in\n';
		const rows = parseTranslationCsv(csv)!;
		expect(rows).toEqual([
			['crit.PA1', 'Tơlơi pơhiăp kơ kơnuk kơna, lu'],
			['ui.start', 'Čŏng'],
			['lead_in', 'Jrai lead in']
		]);
		expect(parseTranslationCsv('a,b,c\n')).toBeUndefined();
		const unknown = await saveTranslations(database.db, admin, agencyId, versionId, 'jrai', [['crit.ZZ9', 'x']], 'csv');
		expect(unknown).toMatchObject({ ok: false, status: 400, errors: { translations: { key: 'kiosk.lang.unknownKey', params: { line: 1, key: 'crit.ZZ9' } } } });
		expect(await saveTranslations(database.db, admin, agencyId, versionId, 'klingon', rows, 'csv')).toMatchObject({ ok: false });
		expect(await saveTranslations(database.db, admin, agencyId, versionId, 'jrai', rows, 'csv')).toEqual({ ok: true, value: { saved: 3, removed: 0 } });

		const keys = vietnameseTexts((await loadVersionSource(database.db, agencyId, versionId))!);
		const [jrai, bahnar] = completeness(keys.keys(), await translationsOf(database.db, versionId));
		expect(jrai).toMatchObject({ language: 'jrai', translated: 3, total: keys.size });
		expect(jrai!.missing).toContain('crit.PA2');
		expect(bahnar).toMatchObject({ language: 'bahnar', translated: 0 });

		const questionnaire = (await kioskQuestionnaire(database.db, config, 'vp-01'))!;
		expect(questionnaire.languages.map((l) => l.code)).toEqual(['vi', 'en', 'jrai']);
		const texts = questionnaire.languages[2]!.texts;
		expect(texts['crit.PA1']).toBe('Tơlơi pơhiăp kơ kơnuk kơna, lu');
		expect(texts['crit.PA2']).toBe(keys.get('crit.PA2'));
		expect(texts['ui.submit']).toBe('Gửi đánh giá');
	});

	it('keeps recorded clips checked by their content and size, served for the counter', async () => {
		const versionId = fixture.survey.version.id;
		const wav = new Uint8Array(64);
		wav.set(new TextEncoder().encode('RIFF'), 0);
		wav.set(new TextEncoder().encode('WAVE'), 8);
		expect(audioTypeOf(wav)).toBe('audio/wav');
		expect(audioTypeOf(new TextEncoder().encode('ID3\x04\x00\x00\x00\x00\x00\x00\x00\x00'))).toBe('audio/mpeg');
		expect(audioTypeOf(new TextEncoder().encode('<html><body>not audio</body></html>'))).toBeUndefined();

		const upload = (bytes: Uint8Array, key = 'crit.PA1', max = 1024) => uploadClip(database.db, admin, agencyId, { versionId, language: 'jrai', key, bytes }, max);
		expect(await upload(new TextEncoder().encode('<script>alert(1)</script>'))).toMatchObject({ ok: false, errors: { file: { key: 'kiosk.audio.type' } } });
		expect(await upload(wav, 'crit.PA1', 32)).toMatchObject({ ok: false, errors: { file: { key: 'kiosk.audio.tooLarge' } } });
		expect(await upload(wav, 'crit.NOPE')).toMatchObject({ ok: false, errors: { key: { key: 'admin.error.choose' } } });
		expect(await upload(wav)).toEqual({ ok: true, value: undefined });
		const clip = await clipOfCounter(database.db, 'vp-01', 'jrai', 'crit.PA1');
		expect(clip?.mime).toBe('audio/wav');
		expect(Buffer.from(clip!.data).equals(Buffer.from(wav))).toBe(true);
		expect((await kioskQuestionnaire(database.db, config, 'vp-01'))!.clips).toEqual({ jrai: ['crit.PA1'] });
	});

	async function post(credential: string, body: unknown): Promise<Response> {
		const url = new URL('http://localhost/k/vp-01/answers');
		const request = new Request(url, {
			method: 'POST',
			headers: { 'content-type': 'application/json', authorization: `Bearer ${credential}`, 'x-kiosk-queue': '1' },
			body: JSON.stringify(body)
		});
		return answersRoute.POST({ request, params: { counter: 'vp-01' }, url } as never);
	}
});
