import { Migrator, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { migrationProvider } from '../../migrations/index';
import { listAuditEntries } from '../../src/lib/server/audit/audit-log';
import { createToken, listTokens, revokeToken } from '../../src/lib/server/auth/manage-tokens';
import { identify } from '../../src/lib/server/auth/identify';
import type { Principal } from '../../src/lib/server/auth/principal';
import { createApiToken, tokenPrincipal } from '../../src/lib/server/auth/tokens';
import { createUser } from '../../src/lib/server/auth/users';
import { parseConfig } from '../../src/lib/server/config-schema';
import { seedReference } from '../../src/lib/server/seed/reference';
import { databaseKinds, emptyDatabase, migratedDatabase, type TestDatabase } from './helpers/databases';
import { answerOf, cookieJar, requestEvent } from './helpers/events';

/**
 * API tokens are for other systems: they reach /api/v1 only, read reports (`leader`) or are
 * reserved for the dossier push API (`integration`), are never administrators, and the audit log
 * names who created each. Tokens of other roles made before were revoked by migration 004.
 */
const app = vi.hoisted(() => ({ db: undefined as unknown }));
vi.mock('$lib/server/db', () => ({ db: () => app.db }));
vi.mock('$lib/server/config', async () => {
	const { parseConfig } = await import('../../src/lib/server/config-schema');
	return { appConfig: () => parseConfig({}) };
});

type Handler = (event: unknown) => unknown;
type Module = { load?: Handler; actions?: Record<string, Handler>; GET?: Handler };
const route = {
	users: () => import('../../src/routes/a/[agency]/admin/users/+page.server') as unknown as Promise<Module>,
	user: () => import('../../src/routes/a/[agency]/admin/users/[id]/+page.server') as unknown as Promise<Module>,
	tokens: () => import('../../src/routes/a/[agency]/admin/tokens/+page.server') as unknown as Promise<Module>,
	audit: () => import('../../src/routes/a/[agency]/admin/audit/+page.server') as unknown as Promise<Module>,
	report: () => import('../../src/routes/a/[agency]/report/+page.server') as unknown as Promise<Module>,
	estimates: () => import('../../src/routes/api/v1/agencies/[agency]/estimates/+server') as unknown as Promise<Module>
};

const PASSWORD = 'mật khẩu của quản trị viên';

describe.each(await databaseKinds())('migration 004 on %s', (kind) => {
	let database: TestDatabase;
	beforeAll(async () => {
		database = await emptyDatabase(kind);
	});
	afterAll(() => database?.drop());

	it('revokes tokens of roles other than leader, with an audit entry naming the token and its creator', async () => {
		const migrator = new Migrator({ db: database.db, provider: migrationProvider });
		expect((await migrator.migrateTo('2026-11-27_003_estimate_sums')).error).toBeUndefined();
		await seedReference(database.db);
		const agency = await database.db.selectFrom('agencies').select('id').where('code', '=', 'sct-gialai').executeTakeFirstOrThrow();
		const { id: creator } = await createUser(database.db, { email: 'nguoi.tao@sct.gov.vn', password: PASSWORD, role: 'admin', agencyCode: 'sct-gialai' });
		const earlier = new Date('2026-10-01T00:00:00Z');
		const insert = async (name: string, role: string, revokedAt: Date | null = null) => {
			const { rows } = await sql<{ id: number }>`
				insert into api_tokens (agency_id, name, role, token_hash, created_by, revoked_at)
				values (${agency.id}, ${name}, ${role}, ${`hash-${name}`}, ${creator}, ${revokedAt}) returning id`.execute(database.db);
			return rows[0]!.id;
		};
		const admin = await insert('quản trị cũ', 'admin');
		const staff = await insert('cán bộ cũ', 'staff');
		const leader = await insert('cổng tỉnh', 'leader');
		const revokedBefore = await insert('đã thu hồi', 'admin', earlier);

		expect((await migrator.migrateToLatest()).error).toBeUndefined();
		const tokens = await database.db.selectFrom('api_tokens').select(['id', 'revoked_at']).orderBy('id').execute();
		const revoked = Object.fromEntries(tokens.map((t) => [t.id, t.revoked_at]));
		expect(revoked[admin]).toBeInstanceOf(Date);
		expect(revoked[staff]).toBeInstanceOf(Date);
		expect(revoked[leader]).toBeNull();
		expect(revoked[revokedBefore]).toEqual(earlier);

		const entries = await database.db.selectFrom('audit_log').select(['actor', 'action', 'entity_id', 'before', 'after']).where('action', '=', 'token.revoke').orderBy('id').execute();
		expect(entries).toEqual([
			{ actor: 'migration:2026-12-03_004_token_roles', action: 'token.revoke', entity_id: String(admin), before: { name: 'quản trị cũ', role: 'admin', created_by: 'nguoi.tao@sct.gov.vn', revoked: false }, after: { name: 'quản trị cũ', role: 'admin', created_by: 'nguoi.tao@sct.gov.vn', revoked: true } },
			{ actor: 'migration:2026-12-03_004_token_roles', action: 'token.revoke', entity_id: String(staff), before: { name: 'cán bộ cũ', role: 'staff', created_by: 'nguoi.tao@sct.gov.vn', revoked: false }, after: { name: 'cán bộ cũ', role: 'staff', created_by: 'nguoi.tao@sct.gov.vn', revoked: true } }
		]);

		// From now on the database itself refuses a token in use with another role.
		await expect(insert('quản trị mới', 'admin')).rejects.toThrow(/api_tokens_role_check/);
		await expect(insert('quản trị mới', 'province_admin')).rejects.toThrow(/api_tokens_role_check/);
		expect(await insert('hồ sơ', 'integration')).toBeGreaterThan(0);
	});
});

describe.each(await databaseKinds())('API tokens on %s', (kind) => {
	let database: TestDatabase;
	let agencyId: number;
	let admin: Principal;
	let deactivated: number;

	beforeAll(async () => {
		database = await migratedDatabase(kind);
		app.db = database.db;
		await seedReference(database.db);
		agencyId = (await database.db.selectFrom('agencies').select('id').where('code', '=', 'sct-gialai').executeTakeFirstOrThrow()).id;
		const { id } = await createUser(database.db, { email: 'quan.tri@sct.gov.vn', password: PASSWORD, role: 'admin', agencyCode: 'sct-gialai' });
		admin = { kind: 'user', id, label: 'quan.tri@sct.gov.vn', role: 'admin', agencyId };
		({ id: deactivated } = await createUser(database.db, { email: 'da.nghi@sct.gov.vn', password: PASSWORD, role: 'admin', agencyCode: 'sct-gialai' }));
		await database.db.updateTable('users').set({ active: false }).where('id', '=', deactivated).execute();
	});
	afterAll(() => database?.drop());

	it('are made only with the leader or integration role', async () => {
		for (const role of ['admin', 'staff', 'province_admin', '']) {
			const refused = await createToken(database.db, admin, agencyId, { name: `mã ${role}`, role });
			expect(refused, role).toMatchObject({ ok: false, status: 400, errors: { role: { key: 'admin.users.roleChoose' } } });
			await expect(createApiToken(database.db, { agencyId, name: 'x', role: role as 'leader', createdBy: null })).rejects.toThrow(/leader or integration/);
		}
		for (const role of ['leader', 'integration']) expect(await createToken(database.db, admin, agencyId, { name: `mã ${role}`, role }), role).toMatchObject({ ok: true });
		const tokens = await database.db.selectFrom('api_tokens').select('role').where('agency_id', '=', agencyId).execute();
		expect(tokens.map((t) => t.role).sort()).toEqual(['integration', 'leader']);
	});

	it('are ignored on pages and form actions: a Bearer header there signs nobody in', async () => {
		const created = await createToken(database.db, admin, agencyId, { name: 'cổng báo cáo', role: 'leader' });
		if (!created.ok) throw new Error('token refused');
		const bearer = { authorization: `Bearer ${created.value.token}` };
		const at = (path: string, method: 'GET' | 'POST' = 'GET') => requestEvent(path, { method, headers: bearer, cookies: cookieJar() });
		expect(await identify(at('/api/v1/agencies/sct-gialai/estimates'))).toMatchObject({ kind: 'token', role: 'leader' });
		for (const path of ['/a', '/a/sct-gialai', '/a/sct-gialai/report', '/a/sct-gialai/admin/users', '/account', '/province', '/api/v2/anything']) {
			expect(await identify(at(path)), path).toBeUndefined();
			expect(await identify(at(path, 'POST')), path).toBeUndefined();
		}
	});

	it('are refused by every page and form action even as an administrator (what a leaked admin token did)', async () => {
		// As if a token had got the admin role: the guard refuses a token anywhere but /api/v1.
		const token: Principal = { kind: 'token', id: 999, label: 'token:rò rỉ', role: 'admin', agencyId };
		const before = await database.db.selectFrom('users').select(['id', 'active', 'password_hash', 'role']).orderBy('id').execute();
		const tokensBefore = await database.db.selectFrom('api_tokens').select('id').execute();
		const calls: [keyof typeof route, string, string, Record<string, string>, Record<string, string>][] = [
			['user', 'reactivate', `/a/sct-gialai/admin/users/${deactivated}`, { id: String(deactivated) }, {}],
			['user', 'reset', `/a/sct-gialai/admin/users/${deactivated}`, { id: String(deactivated) }, { password: 'mật khẩu của kẻ gian' }],
			['users', 'create', '/a/sct-gialai/admin/users', {}, { email: 'ke.gian@example.vn', role: 'admin', password: 'mật khẩu của kẻ gian' }],
			['tokens', 'create', '/a/sct-gialai/admin/tokens', {}, { name: 'mã mới', role: 'leader' }],
			['users', 'load', '/a/sct-gialai/admin/users', {}, {}],
			['report', 'load', '/a/sct-gialai/report', {}, {}]
		];
		for (const [module, what, path, params, form] of calls) {
			const loaded = await route[module]();
			const handler = what === 'load' ? loaded.load! : loaded.actions![what]!;
			const event = requestEvent(path, { principal: token, params: { agency: 'sct-gialai', ...params }, ...(what === 'load' ? {} : { form }) });
			expect(await answerOf(() => handler(event)), `${module} ${what}`).toEqual({ kind: 'error', status: 403 });
		}
		expect(await database.db.selectFrom('users').select(['id', 'active', 'password_hash', 'role']).orderBy('id').execute()).toEqual(before);
		expect(await database.db.selectFrom('api_tokens').select('id').execute()).toEqual(tokensBefore);
	});

	it('read reports through the API as leader; an integration token may do nothing yet', async () => {
		const { GET } = await route.estimates();
		const call = async (role: 'leader' | 'integration') => {
			const { token } = await createApiToken(database.db, { agencyId, name: `api ${role}`, role, createdBy: admin.id });
			const event = requestEvent('/api/v1/agencies/sct-gialai/estimates?from=2026-01&to=2026-02', { headers: { authorization: `Bearer ${token}` }, params: { agency: 'sct-gialai' } });
			event.locals.principal = await identify(event);
			return ((await GET!(event)) as Response).status;
		};
		expect(await call('leader')).toBe(200);
		expect(await call('integration')).toBe(403);
	});

	it('name their creator: in the token list, in the audit log of their creation and revocation, and as the actor', async () => {
		const created = await createToken(database.db, admin, agencyId, { name: 'hệ thống một cửa', role: 'leader' });
		if (!created.ok) throw new Error('token refused');
		expect(await tokenPrincipal(database.db, created.value.token)).toMatchObject({ label: 'token:hệ thống một cửa (quan.tri@sct.gov.vn)' });
		expect((await listTokens(database.db, agencyId)).find((t) => t.id === created.value.id)).toMatchObject({ createdBy: 'quan.tri@sct.gov.vn' });
		expect((await revokeToken(database.db, admin, agencyId, created.value.id)).ok).toBe(true);

		const log = await listAuditEntries(database.db, agencyId, 1);
		const about = log.entries.filter((e) => e.entityId === String(created.value.id));
		expect(about.map((e) => [e.action, e.subject, e.createdBy])).toEqual([
			['token.revoke', 'hệ thống một cửa', 'quan.tri@sct.gov.vn'],
			['token.create', 'hệ thống một cửa', 'quan.tri@sct.gov.vn']
		]);

		// The audit page, in Vietnamese: the creator next to the token's name, and a token as actor.
		await database.db.insertInto('audit_log').values({ agency_id: agencyId, actor: 'token:hệ thống một cửa (quan.tri@sct.gov.vn)', action: 'dossier.push', entity: 'dossier' }).execute();
		const { load } = await route.audit();
		const page = (await load!(requestEvent('/a/sct-gialai/admin/audit', { principal: admin, params: { agency: 'sct-gialai' } }))) as { entries: { action: string; actor: string; subject: string | null }[] };
		expect(page.entries[0]).toMatchObject({ action: 'dossier.push', actor: 'Mã API “hệ thống một cửa” (người tạo: quan.tri@sct.gov.vn)' });
		expect(page.entries.find((e) => e.action === 'token.revoke')).toMatchObject({ subject: 'hệ thống một cửa (người tạo: quan.tri@sct.gov.vn)' });
	});
});
