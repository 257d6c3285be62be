import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { listComments } from '../../src/lib/server/comments/comments';
import { importRegister } from '../../src/lib/server/dossiers/import-register';
import { resolvePeriod } from '../../src/lib/server/estimates';
import { responsesCsvStream } from '../../src/lib/server/export/responses-files';
import { CSV_DIALECTS } from '../../src/lib/server/export/csv';
import { answerInvitation } from '../../src/lib/server/invitations/answer-invitation';
import { deriveInvitationCode } from '../../src/lib/server/invitations/code';
import { invitationSecret } from '../../src/lib/server/invitations/secret';
import { seedReference } from '../../src/lib/server/seed/reference';
import { parseCsv } from '../../src/lib/server/tabular/csv';
import type { Principal } from '../../src/lib/server/auth/principal';
import { databaseKinds, migratedDatabase, type TestDatabase } from './helpers/databases';

/**
 * The privacy rule of a verified response (README "Privacy"): the comments page and the raw
 * export show which dossier a response came from only when the citizen ticked "Tôi muốn được liên
 * hệ lại về góp ý này". Without the tick, the dossier's code appears nowhere they send.
 */
const app = vi.hoisted(() => ({ db: undefined as unknown }));
vi.mock('$lib/server/db', () => ({ db: () => app.db }));
const commentsRoute = await import('../../src/routes/a/[agency]/comments/+page.server');

const NOW = new Date('2024-06-28T03:00:00Z');
const JUNE = resolvePeriod({ kind: 'month', month: '2024-06' });
const REGISTER =
	'dossier_code,procedure_code,procedure_name,procedure_field,channel,unit,received_at,returned_at\n' +
	'LIEN-HE-0001,1.1,Cấp phép bán lẻ rượu,Thương mại,Trực tuyến,Phòng Quản lý Thương mại,2024-06-01T08:00,2024-06-20T08:00\n' +
	'KHONG-0002,1.2,Cấp phép xăng dầu,Năng lượng,Trực tiếp,Phòng Quản lý Năng lượng,2024-06-02T08:00,2024-06-21T08:00\n';

describe.each(await databaseKinds())('which dossier a response came from, on %s', (kind) => {
	let database: TestDatabase;
	let agencyId: number;
	let ticked: number;
	let unticked: number;
	let typed: number;

	beforeAll(async () => {
		database = await migratedDatabase(kind);
		app.db = database.db;
		await seedReference(database.db);
		agencyId = (await database.db.selectFrom('agencies').select('id').where('code', '=', 'sct-gialai').executeTakeFirstOrThrow()).id;
		const version = (await database.db.selectFrom('survey_versions').select('id').where('agency_id', '=', agencyId).where('active', '=', true).executeTakeFirstOrThrow()).id;
		const report = await importRegister(database.db, {
			agencyId, actor: { kind: 'system', label: 'test' }, file: { name: 'r.csv', bytes: new TextEncoder().encode(REGISTER) }, dryRun: false, origin: 'https://x.test', validDays: 30, now: NOW
		});
		expect(report.outcome).toBe('imported');
		const secret = await invitationSecret(database.db);
		const answer = async (dossier: string, extra: Record<string, unknown>) => {
			const submission_id = randomUUID();
			const outcome = await answerInvitation(
				database.db,
				{ FLOOD_FLAG_PER_HOUR: 10, FLOOD_BLOCK_PER_HOUR: 60, INVITATION_VALID_DAYS: 30 },
				deriveInvitationCode(secret, agencyId, dossier),
				{ submission_id, survey_version: String(version), answers: { PA1: '4', CC1: '5' }, ...extra },
				{ address: '203.0.113.9', userAgent: `phone ${dossier}` },
				NOW
			);
			expect(outcome).toEqual({ kind: 'stored' });
			return (await database.db.selectFrom('responses').select('id').where('submission_id', '=', submission_id).executeTakeFirstOrThrow()).id;
		};
		ticked = await answer('LIEN-HE-0001', { comment: 'Xin gọi lại cho tôi về thời hạn.', wants_contact: 'on' });
		unticked = await answer('KHONG-0002', { comment: 'Cán bộ nhiệt tình.' });
		// A counter survey where the citizen typed a dossier code themselves: shown as before.
		const counter = (await database.db.selectFrom('counters').select('id').where('code', '=', 'vp-01').executeTakeFirstOrThrow()).id;
		typed = (
			await database.db
				.insertInto('responses')
				.values({ agency_id: agencyId, counter_id: counter, survey_version_id: version, submission_id: randomUUID(), submitted_at: NOW, source: 'online', channel: 'in_person', dossier_code: 'TU-GO-9', comment: 'Tự ghi mã.' })
				.returning('id')
				.executeTakeFirstOrThrow()
		).id;
		const linked = await database.db.selectFrom('responses').select(['id', 'dossier_id', 'wants_contact']).where('dossier_id', 'is not', null).orderBy('id').execute();
		expect(linked.map((r) => [r.id, r.wants_contact])).toEqual([[ticked, true], [unticked, false]]);
	});
	afterAll(() => database?.drop());

	it('lists the dossier beside a comment only when the citizen ticked the box', async () => {
		const page = await listComments(database.db, agencyId, { q: '', counter: '', state: 'all', page: 1 });
		const byId = new Map(page.rows.map((r) => [r.id, r]));
		expect(byId.get(ticked)).toMatchObject({ comment: 'Xin gọi lại cho tôi về thời hạn.', contactDossier: 'LIEN-HE-0001' });
		expect(byId.get(unticked)).toMatchObject({ comment: 'Cán bộ nhiệt tình.', contactDossier: null });
		expect(byId.get(typed)).toMatchObject({ contactDossier: null });

		// What the page sends the browser: the ticked dossier's code, and nothing of the other.
		const staff: Principal = { kind: 'user', id: 1, label: 'staff@test', role: 'staff', agencyId };
		const url = new URL('http://localhost/a/sct-gialai/comments');
		const data = await commentsRoute.load({ params: { agency: 'sct-gialai' }, locals: { principal: staff, locale: 'vi' }, url, request: new Request(url), route: { id: null } } as never);
		const sent = JSON.stringify(data);
		expect(sent).toContain('LIEN-HE-0001');
		expect(sent).not.toContain('KHONG-0002');
		expect((data as { rows: { id: number; contactDossier: string | null }[] }).rows.find((r) => r.id === unticked)!.contactDossier).toBeNull();
	});

	it('fills the export’s dossier_code for the ticked response only (a code the citizen typed stays)', async () => {
		const csv = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await new Response(responsesCsvStream(database.db, { agencyId }, JUNE, CSV_DIALECTS.comma)).arrayBuffer());
		expect(csv).not.toContain('KHONG-0002');
		const parsed = parseCsv(csv.slice(1), ',');
		if (!parsed.ok) throw new Error('unparsable CSV');
		const [header, ...rows] = parsed.records.map((r) => r.fields);
		const column = header!.indexOf('dossier_code');
		expect(column).toBeGreaterThan(0);
		const codeOf = (id: number) => rows.find((r) => Number(r[0]) === id)![column];
		expect(codeOf(ticked)).toBe('LIEN-HE-0001');
		expect(codeOf(unticked)).toBe('');
		expect(codeOf(typed)).toBe('TU-GO-9');
	});
});
