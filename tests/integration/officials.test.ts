import { isActionFailure, isHttpError, isRedirect } from '@sveltejs/kit';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Principal } from '../../src/lib/server/auth/principal';
import { createUser } from '../../src/lib/server/auth/users';
import type { Database } from '../../src/lib/server/db/schema';
import { importRegister } from '../../src/lib/server/dossiers/import-register';
import { editOfficial, setOfficialActive } from '../../src/lib/server/officials/change-official';
import { createOfficial } from '../../src/lib/server/officials/create-official';
import { getOfficial, listOfficials } from '../../src/lib/server/officials/queries';
import { seedReference } from '../../src/lib/server/seed/reference';
import { databaseKinds, migratedDatabase, type TestDatabase } from './helpers/databases';

/**
 * Officials (cán bộ, công chức) on the admin pages: the use cases with their audit entries and
 * refusals, the import beside them, and the real route modules called with another agency's ids.
 */
const app = vi.hoisted(() => ({ db: undefined as unknown }));
vi.mock('$lib/server/db', () => ({ db: () => app.db }));
const listRoute = await import('../../src/routes/a/[agency]/admin/officials/+page.server');
const oneRoute = await import('../../src/routes/a/[agency]/admin/officials/[id]/+page.server');

type Handler = (event: unknown) => unknown;

function event(principal: Principal | undefined, agency: string, path: string, options: { id?: number; form?: Record<string, string> } = {}) {
	const url = new URL(`http://localhost/a/${agency}/admin/officials${path}`);
	const request = options.form
		? new Request(url, { method: 'POST', body: new URLSearchParams(options.form), headers: { 'content-type': 'application/x-www-form-urlencoded' } })
		: new Request(url);
	return { params: { agency, ...(options.id === undefined ? {} : { id: String(options.id) }) }, locals: { principal, locale: 'vi' }, url, request, route: { id: null } };
}

/** What SvelteKit would answer: "error 404", "fail 400", "redirect …", or the load's data. */
async function answer(fn: Handler, e: unknown): Promise<unknown> {
	try {
		const result = await fn(e);
		if (isActionFailure(result)) return { fail: result.status, data: result.data };
		return result;
	} catch (error) {
		if (isHttpError(error)) return `error ${error.status}`;
		if (isRedirect(error)) return `redirect ${error.location}`;
		throw error;
	}
}

async function auditOf(db: Kysely<Database>, agencyId: number, id: number) {
	return db.selectFrom('audit_log').select(['action', 'actor', 'before', 'after']).where('agency_id', '=', agencyId).where('entity', '=', 'official').where('entity_id', '=', String(id)).orderBy('id').execute();
}

function expectOk<T>(outcome: { ok: true; value: T } | { ok: false }): T {
	expect(outcome).toMatchObject({ ok: true });
	return (outcome as { value: T }).value;
}

describe.each(await databaseKinds())('officials on %s', (kind) => {
	let database: TestDatabase;
	let db: Kysely<Database>;
	let gialai: number;
	let other: number;
	let admin: Principal;
	let adminB: Principal;
	let staff: Principal;
	let unitA: number;
	let unitA2: number;
	let unitB: number;

	beforeAll(async () => {
		database = await migratedDatabase(kind);
		db = database.db;
		app.db = db;
		await seedReference(db);
		gialai = (await db.selectFrom('agencies').select('id').where('code', '=', 'sct-gialai').executeTakeFirstOrThrow()).id;
		other = (await db.insertInto('agencies').values({ code: 'so-khac', name_vi: 'Sở Khác', name_en: 'Other' }).returning('id').executeTakeFirstOrThrow()).id;
		const person = async (email: string, role: 'admin' | 'staff', agencyCode: string, agencyId: number): Promise<Principal> => {
			const { id } = await createUser(db, { email, password: 'a long password', role, agencyCode });
			return { kind: 'user', id, label: email, role, agencyId };
		};
		admin = await person('admin@officials.test', 'admin', 'sct-gialai', gialai);
		staff = await person('staff@officials.test', 'staff', 'sct-gialai', gialai);
		adminB = await person('admin@other.test', 'admin', 'so-khac', other);
		const units = await db.selectFrom('units').select(['id', 'name']).where('agency_id', '=', gialai).orderBy('id').execute();
		unitA = units.find((u) => u.name === 'Phòng Quản lý Thương mại')!.id;
		unitA2 = units.find((u) => u.name === 'Phòng Quản lý Năng lượng')!.id;
		unitB = (await db.insertInto('units').values({ agency_id: other, name: 'Văn phòng' }).returning('id').executeTakeFirstOrThrow()).id;
	});
	afterAll(() => database?.drop());

	it('creates an official with or without a unit, audited; refuses a taken or malformed code, a missing name and another agency’s unit', async () => {
		const an = expectOk(await createOfficial(db, admin, gialai, { code: ' CB-TM.01 ', name: '  Nguyễn Văn An ', unit: String(unitA) }));
		expect(an.code).toBe('CB-TM.01');
		expect(await getOfficial(db, gialai, an.id)).toMatchObject({ code: 'CB-TM.01', name: 'Nguyễn Văn An', unitId: unitA, unitName: 'Phòng Quản lý Thương mại', active: true });
		expect(await auditOf(db, gialai, an.id)).toEqual([
			{ action: 'official.create', actor: 'admin@officials.test', before: null, after: { code: 'CB-TM.01', name: 'Nguyễn Văn An', unit: 'Phòng Quản lý Thương mại', active: true } }
		]);
		const binh = expectOk(await createOfficial(db, admin, gialai, { code: 'CB02', name: 'Trần Thị Bình', unit: '' }));
		expect(await getOfficial(db, gialai, binh.id)).toMatchObject({ unitId: null, unitName: null });

		expect(await createOfficial(db, admin, gialai, { code: 'CB02', name: 'Người khác', unit: '' })).toEqual({
			ok: false,
			status: 400,
			errors: { code: { key: 'admin.officials.codeTaken', params: { code: 'CB02' } } }
		});
		expect(await createOfficial(db, admin, gialai, { code: 'CB 03', name: ' ', unit: 'x' })).toMatchObject({
			ok: false,
			errors: { code: { key: 'admin.officials.codeFormat' }, name: { key: 'admin.error.required' }, unit: { key: 'admin.error.choose' } }
		});
		expect(await createOfficial(db, admin, gialai, { code: 'CB03', name: 'Lê Văn Cường', unit: String(unitB) })).toEqual({
			ok: false,
			status: 400,
			errors: { unit: { key: 'admin.error.choose' } }
		});
		// The same code in another agency is another official.
		expectOk(await createOfficial(db, adminB, other, { code: 'CB02', name: 'Phạm Văn Dũng', unit: String(unitB) }));
		expect((await listOfficials(db, gialai)).map((o) => o.code)).toEqual(['CB-TM.01', 'CB02']);
	});

	it('edits name and unit and (de)activates, with what changed in the audit log; nothing changes when nothing differs', async () => {
		const id = expectOk(await createOfficial(db, admin, gialai, { code: 'CB10', name: 'Võ Thị Em', unit: String(unitA) })).id;
		expectOk(await editOfficial(db, admin, gialai, id, { name: 'Võ Thị Em', unit: String(unitA) }));
		expectOk(await editOfficial(db, admin, gialai, id, { name: 'Võ Thị Kim Em', unit: String(unitA) }));
		expectOk(await editOfficial(db, admin, gialai, id, { name: 'Võ Thị Kim Em', unit: String(unitA2) }));
		expectOk(await editOfficial(db, admin, gialai, id, { name: 'Võ Thị Kim Em', unit: '' }));
		expectOk(await setOfficialActive(db, admin, gialai, id, false));
		expectOk(await setOfficialActive(db, admin, gialai, id, false));
		expectOk(await setOfficialActive(db, admin, gialai, id, true));
		expect(await editOfficial(db, admin, gialai, id, { name: '', unit: String(unitB) })).toMatchObject({ ok: false, errors: { name: { key: 'admin.error.required' } } });
		expect(await editOfficial(db, admin, gialai, id, { name: 'X', unit: String(unitB) })).toEqual({ ok: false, status: 400, errors: { unit: { key: 'admin.error.choose' } } });
		expect((await auditOf(db, gialai, id)).map((e) => [e.action, e.before, e.after])).toEqual([
			['official.create', null, { code: 'CB10', name: 'Võ Thị Em', unit: 'Phòng Quản lý Thương mại', active: true }],
			['official.edit', { code: 'CB10', name: 'Võ Thị Em' }, { code: 'CB10', name: 'Võ Thị Kim Em' }],
			['official.edit', { code: 'CB10', unit: 'Phòng Quản lý Thương mại' }, { code: 'CB10', unit: 'Phòng Quản lý Năng lượng' }],
			['official.edit', { code: 'CB10', unit: 'Phòng Quản lý Năng lượng' }, { code: 'CB10', unit: null }],
			['official.deactivate', { code: 'CB10', active: true }, { code: 'CB10', active: false }],
			['official.reactivate', { code: 'CB10', active: false }, { code: 'CB10', active: true }]
		]);
		expect(await getOfficial(db, gialai, id)).toMatchObject({ name: 'Võ Thị Kim Em', unitId: null, active: true });
	});

	it('keeps a deactivated official deactivated, with their name, when a register import names them again', async () => {
		const id = expectOk(await createOfficial(db, admin, gialai, { code: 'CB20', name: 'Đặng Văn Giang', unit: String(unitA) })).id;
		expectOk(await setOfficialActive(db, admin, gialai, id, false));
		const csv =
			'dossier_code,procedure_code,procedure_name,procedure_field,channel,unit,received_at,officials\n' +
			'H21.65-240610-0901,1.000001,Cấp Giấy phép kinh doanh bán lẻ rượu,Thương mại,online,Phòng Quản lý Thương mại,10/06/2024 08:15,CB20:Tên khác;CB21:Hồ Thị Hạnh\n';
		const report = await importRegister(db, { agencyId: gialai, actor: staff, file: { name: 'so.csv', bytes: new TextEncoder().encode(csv) }, dryRun: false, origin: 'https://khaosat.test', validDays: 30, now: new Date('2024-06-30T03:00:00Z') });
		expect(report).toMatchObject({ outcome: 'imported', created: 1 });
		expect(await getOfficial(db, gialai, id)).toMatchObject({ name: 'Đặng Văn Giang', active: false });
		expect((await listOfficials(db, gialai)).find((o) => o.code === 'CB21')).toMatchObject({ name: 'Hồ Thị Hạnh', unitName: 'Phòng Quản lý Thương mại', active: true });
	});

	it('serves the pages and actions to the agency’s administrator', async () => {
		const page = (await answer(listRoute.load as Handler, event(admin, 'sct-gialai', ''))) as { officials: { code: string; id: number }[]; units: unknown[] };
		expect(page.officials.map((o) => o.code)).toContain('CB-TM.01');
		expect(page.units).toHaveLength(7);
		expect(await answer(listRoute.actions.create as Handler, event(admin, 'sct-gialai', '', { form: { code: 'CB30', name: 'Mai Văn Hùng', unit: '' } }))).toMatch(
			/^redirect \/a\/sct-gialai\/admin\/officials\?created=CB30#o-\d+$/
		);
		const refused = (await answer(listRoute.actions.create as Handler, event(admin, 'sct-gialai', '', { form: { code: 'CB30', name: 'Lặp', unit: '' } }))) as { fail: number; data: unknown };
		expect(refused).toEqual({ fail: 400, data: { form: 'create', id: null, errors: { code: { key: 'admin.officials.codeTaken', params: { code: 'CB30' } } }, values: { code: 'CB30', name: 'Lặp', unit: '' } } });
		const id = page.officials.find((o) => o.code === 'CB-TM.01')!.id;
		expect(await answer(oneRoute.load as Handler, event(admin, 'sct-gialai', `/${id}`, { id }))).toMatchObject({ official: { code: 'CB-TM.01', name: 'Nguyễn Văn An' } });
		expect(await answer(oneRoute.actions.edit as Handler, event(admin, 'sct-gialai', `/${id}`, { id, form: { name: 'Nguyễn Văn An', unit: String(unitA2) } }))).toBe(
			`redirect /a/sct-gialai/admin/officials/${id}?saved=edit`
		);
		expect(await answer(oneRoute.actions.deactivate as Handler, event(admin, 'sct-gialai', `/${id}`, { id, form: {} }))).toBe(`redirect /a/sct-gialai/admin/officials/${id}?saved=active`);
		expect(await getOfficial(db, gialai, id)).toMatchObject({ unitId: unitA2, active: false });
	});

	it('answers 404 to another agency’s official ids and agency, 403 to staff, and changes nothing', async () => {
		const theirs = (await listOfficials(db, other))[0]!;
		const ours = (await listOfficials(db, gialai))[0]!;
		const before = JSON.stringify([await listOfficials(db, other), await listOfficials(db, gialai)]);
		const calls: [string, Handler, (p: Principal, agency: string, id: number) => unknown][] = [
			['load', oneRoute.load as Handler, (p, a, id) => event(p, a, `/${id}`, { id })],
			['edit', oneRoute.actions.edit as Handler, (p, a, id) => event(p, a, `/${id}`, { id, form: { name: 'Đã bị đổi', unit: '' } })],
			['deactivate', oneRoute.actions.deactivate as Handler, (p, a, id) => event(p, a, `/${id}`, { id, form: {} })],
			['reactivate', oneRoute.actions.reactivate as Handler, (p, a, id) => event(p, a, `/${id}`, { id, form: {} })]
		];
		for (const [name, fn, make] of calls) {
			// Their id under our agency, their agency's URL, and ours seen by their administrator.
			expect(await answer(fn, make(admin, 'sct-gialai', theirs.id)), name).toBe('error 404');
			expect(await answer(fn, make(admin, 'so-khac', theirs.id)), name).toBe('error 404');
			expect(await answer(fn, make(adminB, 'sct-gialai', ours.id)), name).toBe('error 404');
			expect(await answer(fn, make(admin, 'sct-gialai', 2_000_000_000)), name).toBe('error 404');
			expect(await answer(fn, make(staff, 'sct-gialai', ours.id)), name).toBe('error 403');
		}
		expect(await answer(listRoute.load as Handler, event(admin, 'so-khac', ''))).toBe('error 404');
		expect(await answer(listRoute.actions.create as Handler, event(admin, 'so-khac', '', { form: { code: 'XAM', name: 'Kẻ lạ', unit: '' } }))).toBe('error 404');
		expect(await answer(listRoute.load as Handler, event(staff, 'sct-gialai', ''))).toBe('error 403');
		// Another agency's unit chosen under one's own agency: the form is refused.
		expect(await answer(listRoute.actions.create as Handler, event(admin, 'sct-gialai', '', { form: { code: 'CB40', name: 'Kẻ lạ', unit: String(unitB) } }))).toMatchObject({ fail: 400 });
		expect(JSON.stringify([await listOfficials(db, other), await listOfficials(db, gialai)])).toBe(before);
	});
});
