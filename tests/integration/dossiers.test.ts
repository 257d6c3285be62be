import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import writeXlsxFile from 'write-excel-file/node';
import { readFileSync } from 'node:fs';
import type { Principal } from '../../src/lib/server/auth/principal';
import { createApiToken, tokenPrincipal } from '../../src/lib/server/auth/tokens';
import { createUser } from '../../src/lib/server/auth/users';
import { importRegister, type RegisterImportReport } from '../../src/lib/server/dossiers/import-register';
import { deriveInvitationCode, hashInvitationCode } from '../../src/lib/server/invitations/code';
import { invitationSecret } from '../../src/lib/server/invitations/secret';
import { seedReference } from '../../src/lib/server/seed/reference';
import { databaseKinds, migratedDatabase, type TestDatabase } from './helpers/databases';

/** The register import, the push API and the invitation API, on PGlite and on Postgres. */
const app = vi.hoisted(() => ({ db: undefined as unknown }));
vi.mock('$lib/server/db', () => ({ db: () => app.db }));
vi.mock('$lib/server/config', () => ({ appConfig: () => ({ PUBLIC_ORIGIN: 'https://khaosat.test', INVITATION_VALID_DAYS: 30 }) }));
const push = await import('../../src/routes/api/v1/agencies/[agency]/dossiers/+server');
const invitationApi = await import('../../src/routes/api/v1/agencies/[agency]/dossiers/[code]/invitation/+server');

const NOW = new Date('2024-06-30T03:00:00Z');
const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../fixtures/${name}`, import.meta.url)));
const text = (csv: string) => new TextEncoder().encode(csv);
const HEADER = 'dossier_code,procedure_code,procedure_name,procedure_field,channel,unit,counter,received_at,due_at,returned_at,officials,phone,email\n';

describe.each(await databaseKinds())('the dossier register on %s', (kind) => {
	let database: TestDatabase;
	let agencyId: number;
	let otherAgencyId: number;
	let staffId = 0;
	const staff = (): Principal => ({ kind: 'user', id: staffId, label: 'staff@dossiers.test', role: 'staff', agencyId });

	beforeAll(async () => {
		database = await migratedDatabase(kind);
		app.db = database.db;
		await seedReference(database.db);
		agencyId = (await database.db.selectFrom('agencies').select('id').where('code', '=', 'sct-gialai').executeTakeFirstOrThrow()).id;
		const other = await database.db.insertInto('agencies').values({ code: 'so-khac', name_vi: 'Sở Khác', name_en: 'Other' }).returning('id').executeTakeFirstOrThrow();
		otherAgencyId = other.id;
		staffId = (await createUser(database.db, { email: 'staff@dossiers.test', password: 'mat-khau-du-dai', role: 'staff', agencyCode: 'sct-gialai' })).id;
		const unit = await database.db.insertInto('units').values({ agency_id: other.id, name: 'Văn phòng' }).returning('id').executeTakeFirstOrThrow();
		const field = await database.db.insertInto('procedure_fields').values({ agency_id: other.id, name: 'Khác' }).returning('id').executeTakeFirstOrThrow();
		await database.db
			.insertInto('dossiers')
			.values({ agency_id: other.id, code: 'KHAC-0001', procedure_code: 'x', procedure_name: 'Thủ tục khác', procedure_field_id: field.id, channel: 'online', unit_id: unit.id, received_at: NOW, invitation_hash: 'other-hash' })
			.execute();
	});
	afterAll(() => database?.drop());

	const run = (bytes: Uint8Array, dryRun = false): Promise<RegisterImportReport> =>
		importRegister(database.db, { agencyId, actor: staff(), file: { name: 'so-ho-so.csv', bytes }, dryRun, origin: 'https://khaosat.test', validDays: 30, now: NOW });
	const count = async (table: 'dossiers' | 'officials' | 'dossier_officials' | 'outbox') =>
		(await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(database.db)).rows[0]!.n;

	it('checks a file without storing, then imports it whole with officials, invitations and follow-up messages', async () => {
		expect(await run(fixture('dossiers-valid.csv'), true)).toEqual({ outcome: 'checked', rows: 3, created: 3, updated: 0, messages: 0 });
		expect(await count('dossiers')).toBe(1);
		expect(await run(fixture('dossiers-valid.csv'))).toEqual({ outcome: 'imported', rows: 3, created: 3, updated: 0, messages: 1 });
		const rows = await database.db.selectFrom('dossiers').selectAll().where('agency_id', '=', agencyId).orderBy('code').execute();
		expect(rows.map((r) => [r.code, r.channel, r.counter_id !== null, r.phone, r.email, r.returned_at?.toISOString() ?? null])).toEqual([
			['H21.65-240610-0001', 'in_person', true, '+84912345678', null, null],
			// Returned with an email: the message is queued and the contact leaves the dossier.
			['H21.65-240610-0002', 'online', false, null, null, '2024-06-20T03:00:00.000Z'],
			['H21.65-240610-0003', 'postal', false, null, null, null]
		]);
		expect(rows[0]!.received_at.toISOString()).toBe('2024-06-10T01:15:00.000Z');
		const secret = await invitationSecret(database.db);
		expect(rows[0]!.invitation_hash).toBe(hashInvitationCode(deriveInvitationCode(secret, agencyId, 'H21.65-240610-0001')));
		expect(await count('officials')).toBe(3);
		expect(await count('dossier_officials')).toBe(3);
		const outbox = await database.db.selectFrom('outbox').selectAll().execute();
		expect(outbox).toHaveLength(1);
		expect(outbox[0]).toMatchObject({ channel: 'email', recipient: 'citizen@example.vn', state: 'pending' });
		expect(outbox[0]!.body).toContain(`https://khaosat.test/r/${deriveInvitationCode(secret, agencyId, 'H21.65-240610-0002')}`);
	});

	it('updates on re-import: fills returned_at, keeps the invitation, queues the SMS once', async () => {
		const before = await database.db.selectFrom('dossiers').select(['id', 'invitation_hash']).where('code', '=', 'H21.65-240610-0001').executeTakeFirstOrThrow();
		const file = readFileSync(new URL('../fixtures/dossiers-valid.csv', import.meta.url), 'utf8').replace('20/06/2024 17:00,,CB01', '20/06/2024 17:00,21/06/2024 09:00,CB01');
		expect(await run(text(file))).toEqual({ outcome: 'imported', rows: 3, created: 0, updated: 3, messages: 1 });
		expect(await run(text(file))).toEqual({ outcome: 'imported', rows: 3, created: 0, updated: 3, messages: 0 });
		const after = await database.db.selectFrom('dossiers').select(['id', 'invitation_hash', 'returned_at', 'phone']).where('code', '=', 'H21.65-240610-0001').executeTakeFirstOrThrow();
		expect(after).toMatchObject({ id: before.id, invitation_hash: before.invitation_hash, returned_at: new Date('2024-06-21T02:00:00Z'), phone: null });
		expect(await database.db.selectFrom('outbox').select(['channel', 'recipient']).orderBy('id').execute()).toEqual([
			{ channel: 'email', recipient: 'citizen@example.vn' },
			{ channel: 'sms', recipient: '+84912345678' }
		]);
	});

	it('rejects a malformed file whole, listing every bad row, and stores nothing', async () => {
		const before = { dossiers: await count('dossiers'), officials: await count('officials') };
		const report = await run(
			text(
				HEADER +
					'NEW-1,p,Thủ tục,Thương mại,Trực tiếp,Văn phòng,,01/06/2024 08:00,,,CB09:Mới,,\n' + // fine
					'NEW-2,p,Thủ tục,Nông nghiệp,qua mạng,Phòng không có,zz-99,31/06/2024,,,,12345,not-an-email\n' +
					',,,,,,,,,,,,\n' + // blank, skipped
					'NEW-1,p,Thủ tục,Thương mại,Trực tuyến,Văn phòng,,01/07/2024 08:00,,2024-05-01,CB10,,\n'
			)
		);
		expect(report.outcome).toBe('rejected');
		if (report.outcome !== 'rejected') return;
		expect(report).toMatchObject({ rows: 3, badRows: 2 });
		expect(report.errors.map((e) => [e.row, e.column?.title ?? null, e.message.key])).toEqual([
			[3, 'procedure_field', 'dossiers.row.procedureField'],
			[3, 'channel', 'dossiers.row.channel'],
			[3, 'unit', 'dossiers.row.unit'],
			[3, 'counter', 'dossiers.row.counter'],
			[3, 'received_at', 'dossiers.row.date'],
			[3, 'phone', 'dossiers.row.phone'],
			[3, 'email', 'dossiers.row.email'],
			[5, 'received_at', 'dossiers.row.future'],
			[5, 'officials', 'dossiers.row.officials']
		]);
		// The procedure-field error names the agency's fields.
		expect(report.errors[0]!.message.params!.allowed).toContain('Thương mại');
		expect({ dossiers: await count('dossiers'), officials: await count('officials') }).toEqual(before);
		const header = await run(text('dossier_code,procedure,channel\nA,b,c\n'));
		expect(header.outcome === 'rejected' && header.problems.map((p) => p.key)).toEqual([
			'dossiers.file.unknownColumn', 'dossiers.file.allowedColumns', 'dossiers.file.missingColumn', 'dossiers.file.missingColumn',
			'dossiers.file.missingColumn', 'dossiers.file.missingColumn', 'dossiers.file.missingColumn'
		]);
	});

	it('reads the same register from an XLSX workbook, dates as Excel shows them', async () => {
		const header = HEADER.trim().split(',');
		const row = ['X-0001', '1.000009', 'Thủ tục từ Excel', 'Công nghiệp', 'Trực tuyến', 'Phòng Quản lý Công nghiệp', '', new Date(Date.UTC(2024, 5, 12, 8, 0)), '', '', '', 912000111, ''];
		const workbook = await writeXlsxFile([header.map((value) => ({ value })), row.map((value) => (value === '' ? null : value instanceof Date ? { value, format: 'dd/mm/yyyy hh:mm' } : { value }))]).toBuffer();
		expect(await run(new Uint8Array(workbook))).toMatchObject({ outcome: 'imported', created: 1 });
		const stored = await database.db.selectFrom('dossiers').select(['channel', 'received_at', 'phone']).where('code', '=', 'X-0001').executeTakeFirstOrThrow();
		expect(stored).toEqual({ channel: 'online', received_at: new Date('2024-06-12T01:00:00Z'), phone: '+84912000111' });
	});

	describe('the push API', () => {
		const call = async (agency: string, body: unknown, principal: Principal | undefined) => {
			const url = new URL(`https://khaosat.test/api/v1/agencies/${agency}/dossiers`);
			const request = new Request(url, { method: 'PUT', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
			const response = (await push.PUT({ params: { agency }, url, request, locals: { principal } } as never)) as Response;
			return { status: response.status, body: await response.json() };
		};
		const dossier = (code: string, extra: Record<string, unknown> = {}) => ({
			dossier_code: code, procedure_code: '1.000001', procedure_name: 'Cấp phép', procedure_field: 'Thương mại', channel: 'online',
			unit: 'Văn phòng', received_at: '2024-06-15T08:00:00+07:00', officials: [{ code: 'CB01', name: 'Nguyễn Văn An' }], ...extra
		});
		let integration: Principal;
		beforeAll(async () => {
			const token = await createApiToken(database.db, { agencyId, name: 'Một cửa', role: 'integration', createdBy: null });
			integration = (await tokenPrincipal(database.db, token.token))!;
		});

		it('stores a batch with an integration token, idempotently', async () => {
			expect(integration.role).toBe('integration');
			const batch = [dossier('API-1'), dossier('API-2', { channel: 'Trực tiếp', counter: 'vp-01', phone: '+84 912 000 222' })];
			expect(await call('sct-gialai', batch, integration)).toEqual({ status: 200, body: { received: 2, created: 2, updated: 0 } });
			const again = [dossier('API-1', { returned_at: '2024-06-20T08:00:00+07:00' }), batch[1]];
			expect(await call('sct-gialai', again, integration)).toEqual({ status: 200, body: { received: 2, created: 0, updated: 2 } });
			const stored = await database.db.selectFrom('dossiers').select(['code', 'returned_at']).where('code', 'in', ['API-1', 'API-2']).orderBy('code').execute();
			expect(stored).toEqual([{ code: 'API-1', returned_at: new Date('2024-06-20T01:00:00Z') }, { code: 'API-2', returned_at: null }]);
		});

		it('refuses a batch with any bad dossier, naming each, and stores none of it', async () => {
			const before = await count('dossiers');
			const result = await call('sct-gialai', [dossier('API-3'), dossier('API-4', { channel: 'fax', extra: 1 }), dossier('API-3')], integration);
			expect(result.status).toBe(400);
			expect(result.body.issues.map((i: { index: number; field: string }) => [i.index, i.field])).toEqual([[1, 'extra'], [2, 'dossier_code']]);
			expect((await call('sct-gialai', [dossier('API-5', { channel: 'fax' })], integration)).body.issues).toEqual([{ index: 0, field: 'channel', message: '"fax" is not a channel (in person, online, postal).' }]);
			expect((await call('sct-gialai', { dossier_code: 'x' }, integration)).status).toBe(400);
			expect((await call('sct-gialai', Array.from({ length: 1001 }, (_, i) => dossier(`M-${i}`)), integration)).body.issues[0].message).toContain('1000');
			expect(await count('dossiers')).toBe(before);
		});

		it('answers 401 without a token, 403 for a leader, 404 for another agency', async () => {
			expect((await call('sct-gialai', [dossier('Z-1')], undefined)).status).toBe(401);
			expect((await call('sct-gialai', [dossier('Z-1')], { kind: 'token', id: 9, label: 't', role: 'leader', agencyId })).status).toBe(403);
			expect((await call('so-khac', [dossier('Z-1')], integration)).status).toBe(404);
		});

		it('gives the invitation of a dossier of the agency, and 404 for another agency\'s dossier code', async () => {
			const get = async (agency: string, code: string) => {
				const url = new URL(`https://khaosat.test/api/v1/agencies/${agency}/dossiers/${code}/invitation`);
				const response = (await invitationApi.GET({ params: { agency, code }, url, request: new Request(url), locals: { principal: integration } } as never)) as Response;
				return { status: response.status, body: await response.json() };
			};
			const found = await get('sct-gialai', 'API-1');
			const code = deriveInvitationCode(await invitationSecret(database.db), agencyId, 'API-1');
			expect(found.status).toBe(200);
			expect(found.body.url).toBe(`https://khaosat.test/r/${code}`);
			expect(found.body.code.replace(/-/g, '')).toBe(code);
			expect(found.body.svg).toMatch(/^<svg/);
			expect((await get('sct-gialai', 'KHAC-0001')).status).toBe(404);
			expect((await get('so-khac', 'KHAC-0001')).status).toBe(404);
			expect(otherAgencyId).toBeGreaterThan(agencyId);
		});
	});
});
