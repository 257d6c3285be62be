import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importRegister } from '../../src/lib/server/dossiers/import-register';
import { answerInvitation } from '../../src/lib/server/invitations/answer-invitation';
import { deriveInvitationCode, groupInvitationCode } from '../../src/lib/server/invitations/code';
import { openInvitation } from '../../src/lib/server/invitations/open-invitation';
import { invitationSecret } from '../../src/lib/server/invitations/secret';
import { responseRatesResponse } from '../../src/lib/server/dossiers/response-rates';
import { seedReference } from '../../src/lib/server/seed/reference';
import { databaseKinds, migratedDatabase, type TestDatabase } from './helpers/databases';

/** The life of a rating code: opened, answered once, refused after, expired, guessed. */
const NOW = new Date('2024-06-30T03:00:00Z');
const CONFIG = { FLOOD_FLAG_PER_HOUR: 10, FLOOD_BLOCK_PER_HOUR: 60, INVITATION_VALID_DAYS: 30 };
const HEADER = 'dossier_code,procedure_code,procedure_name,procedure_field,channel,unit,counter,received_at,returned_at\n';
const REGISTER =
	HEADER +
	'INV-1,1.1,Cấp phép bán lẻ rượu,Thương mại,Trực tuyến,Phòng Quản lý Thương mại,,2024-06-01T08:00,2024-06-20T08:00\n' +
	'INV-2,1.2,Cấp phép xăng dầu,Năng lượng,Trực tiếp,Phòng Quản lý Năng lượng,nl-01,2024-06-02T08:00,\n' +
	'INV-OLD,1.3,Thủ tục cũ,Thương mại,Bưu chính,Văn phòng,,2024-04-01T08:00,2024-05-01T08:00\n' +
	'INV-RACE,1.4,Thủ tục,Thương mại,Trực tuyến,Văn phòng,,2024-06-03T08:00,\n';

describe.each(await databaseKinds())('invitations on %s', (kind) => {
	let database: TestDatabase;
	let agencyId: number;
	let code: (dossier: string) => string;
	const client = { address: '203.0.113.7', userAgent: 'phone' };
	const answers = (extra: Record<string, unknown> = {}) => ({
		submission_id: randomUUID(), survey_version: 0, answers: { PA1: '5', CC1: '4' }, channel: 'in_person', procedure_field: '999', dossier_code: 'forged', comment: 'Tốt', ...extra
	});
	let version = 0;

	beforeAll(async () => {
		database = await migratedDatabase(kind);
		await seedReference(database.db);
		agencyId = (await database.db.selectFrom('agencies').select('id').where('code', '=', 'sct-gialai').executeTakeFirstOrThrow()).id;
		version = (await database.db.selectFrom('survey_versions').select('id').where('agency_id', '=', agencyId).where('active', '=', true).executeTakeFirstOrThrow()).id;
		const report = await importRegister(database.db, {
			agencyId, actor: { kind: 'system', label: 'test' }, file: { name: 'r.csv', bytes: new TextEncoder().encode(REGISTER) }, dryRun: false, origin: 'https://x.test', validDays: 30, now: NOW
		});
		expect(report.outcome).toBe('imported');
		const secret = await invitationSecret(database.db);
		code = (dossier) => deriveInvitationCode(secret, agencyId, dossier);
	});
	afterAll(() => database?.drop());

	const open = (raw: string, who = client) => openInvitation(database.db, raw, { validDays: 30, wrongCodesPerHour: 10, client: who, now: NOW });
	const answer = (raw: string, form: Record<string, unknown>, who = client) => answerInvitation(database.db, CONFIG, raw, form, who, NOW);
	const responseCount = async () => (await sql<{ n: number }>`select count(*)::int as n from responses`.execute(database.db)).rows[0]!.n;

	it('opens the survey of the dossier, typed grouped and in lower case too', async () => {
		const found = await open(groupInvitationCode(code('INV-1')).toLowerCase());
		expect(found.kind).toBe('open');
		if (found.kind !== 'open') return;
		expect(found.invitation).toMatchObject({ procedureName: 'Cấp phép bán lẻ rượu', channel: 'online' });
		// An online dossier has no counter: its unit's counter carries the response.
		expect(found.invitation.survey.counter.code).toBe('tm-01');
		expect((await open(code('INV-2'))).kind === 'open' && ((await open(code('INV-2'))) as { invitation: { survey: { counter: { code: string } } } }).invitation.survey.counter.code).toBe('nl-01');
	});

	it('stores one verified response with the dossier\'s channel and field, whatever the form says', async () => {
		const form = answers({ survey_version: String(version), wants_contact: 'on' });
		expect(await answer(code('INV-1'), form)).toEqual({ kind: 'stored' });
		const stored = await database.db
			.selectFrom('responses')
			.innerJoin('dossiers', 'dossiers.id', 'responses.dossier_id')
			.select(['responses.channel', 'responses.procedure_field_id', 'dossiers.procedure_field_id as dossierField', 'responses.dossier_code', 'responses.wants_contact', 'dossiers.code'])
			.executeTakeFirstOrThrow();
		expect(stored).toMatchObject({ channel: 'online', dossier_code: null, wants_contact: true, code: 'INV-1' });
		expect(stored.procedure_field_id).toBe(stored.dossierField);
		// The same submission again (a double tap) is the same response; another one is refused.
		expect(await answer(code('INV-1'), form)).toEqual({ kind: 'duplicate' });
		expect(await answer(code('INV-1'), answers({ survey_version: String(version) }))).toEqual({ kind: 'used' });
		expect((await open(code('INV-1'))).kind).toBe('used');
		expect(await responseCount()).toBe(1);
	});

	it('lets only one of two simultaneous answers through', async () => {
		const results = await Promise.all([1, 2, 3].map(() => answer(code('INV-RACE'), answers({ survey_version: String(version) }))));
		expect(results.map((r) => r.kind).sort()).toEqual(['stored', 'used', 'used']);
		expect(await responseCount()).toBe(2);
	});

	it('says an expired code expired, and stores nothing', async () => {
		expect((await open(code('INV-OLD'))).kind).toBe('expired');
		expect(await answer(code('INV-OLD'), answers({ survey_version: String(version) }))).toEqual({ kind: 'expired' });
		expect(await responseCount()).toBe(2);
	});

	it('answers 404 to forged codes and, after ten in an hour, refuses every code from that device', async () => {
		const guesser = { address: '198.51.100.9', userAgent: 'bot' };
		const forged = code('INV-2').slice(0, 20) + (code('INV-2').endsWith('0') ? '1' : '0');
		for (let i = 0; i < 10; i++) expect((await open(i % 2 ? forged : 'not-a-code', guesser)).kind).toBe('not_found');
		expect((await open(code('INV-2'), guesser)).kind).toBe('too_many');
		expect(await answer(code('INV-2'), answers({ survey_version: String(version) }), guesser)).toEqual({ kind: 'too_many' });
		// Another device is not affected.
		expect((await open(code('INV-2'))).kind).toBe('open');
		expect(await responseCount()).toBe(2);
	});

	it('codes are per agency: the same dossier code elsewhere has another code', async () => {
		const secret = await invitationSecret(database.db);
		expect((await open(deriveInvitationCode(secret, agencyId + 1, 'INV-2'))).kind).toBe('not_found');
	});

	it('counts response rates by month of the result and by channel (SIPAS.md §8)', async () => {
		const zero = { invited: 0, responded: 0, rate: null };
		const answer = await responseRatesResponse(database.db, { id: agencyId, code: 'sct-gialai' }, new URLSearchParams({ from: '2024-04', to: '2024-06' }));
		expect(answer).toEqual({
			status: 200,
			body: {
				agency: 'sct-gialai',
				periods: [
					{ period: '2024-04', invited: 0, responded: 0, rate: null, by_channel: { in_person: zero, online: zero, postal: zero } },
					// INV-OLD, returned in May, never answered (it expired).
					{ period: '2024-05', invited: 1, responded: 0, rate: 0, by_channel: { in_person: zero, online: zero, postal: { invited: 1, responded: 0, rate: 0 } } },
					// INV-1, returned in June and answered; INV-2 and INV-RACE have no result yet.
					{ period: '2024-06', invited: 1, responded: 1, rate: 1, by_channel: { in_person: zero, online: { invited: 1, responded: 1, rate: 1 }, postal: zero } }
				]
			}
		});
		expect((await responseRatesResponse(database.db, { id: agencyId, code: 'sct-gialai' }, new URLSearchParams({ from: '2024-07', to: '2024-06' }))).status).toBe(400);
		expect((await responseRatesResponse(database.db, { id: agencyId, code: 'sct-gialai' }, new URLSearchParams({ from: '2024-01', to: '2024-02', x: '1' }))).status).toBe(400);
		// Another agency sees none of these dossiers.
		const other = await responseRatesResponse(database.db, { id: agencyId + 1000, code: 'x' }, new URLSearchParams({ from: '2024-06', to: '2024-06' }));
		expect(other.body).toMatchObject({ periods: [{ invited: 0 }] });
	});
});
