import { isActionFailure, isHttpError, isRedirect } from '@sveltejs/kit';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createAgency } from '../../src/lib/server/agencies/agencies';
import { createCounter } from '../../src/lib/server/counters/counters';
import { createOfficial } from '../../src/lib/server/officials/create-official';
import { createProcedureField } from '../../src/lib/server/procedure-fields/procedure-fields';
import { createVersion } from '../../src/lib/server/survey/versions';
import { createToken } from '../../src/lib/server/auth/manage-tokens';
import { createUnit } from '../../src/lib/server/units/units';
import { createAgencyUser } from '../../src/lib/server/auth/manage-users';
import type { Role } from '../../src/lib/domain/enums';
import type { Principal } from '../../src/lib/server/auth/principal';
import { createUser } from '../../src/lib/server/auth/users';
import type { Database } from '../../src/lib/server/db/schema';
import { seedReference } from '../../src/lib/server/seed/reference';
import { databaseKinds, migratedDatabase, type TestDatabase } from './helpers/databases';

/**
 * Every agency-scoped administration page, action and download, called as SvelteKit calls it,
 * by an administrator of one agency with the URL or the ids of another: each answers 404 (as for
 * an agency or id that does not exist) or refuses the form, and nothing of the other agency
 * changes. Other roles get 403, strangers are sent to sign in.
 */
const app = vi.hoisted(() => ({ db: undefined as unknown }));
vi.mock('$lib/server/db', () => ({ db: () => app.db }));
vi.mock('$lib/server/config', () => ({ appConfig: () => ({ PUBLIC_ORIGIN: undefined }) }));

const ADMIN = '../../src/routes/a/[agency]/admin';
type Module = Record<string, unknown> & { load?: (event: unknown) => unknown; actions?: Record<string, (event: unknown) => unknown>; GET?: (event: unknown) => unknown };
const modules: Record<string, () => Promise<Module>> = {
	layout: () => import('../../src/routes/a/[agency]/admin/+layout.server'),
	home: () => import('../../src/routes/a/[agency]/admin/+page.server'),
	counters: () => import('../../src/routes/a/[agency]/admin/counters/+page.server'),
	counter: () => import('../../src/routes/a/[agency]/admin/counters/[id]/+page.server'),
	poster: () => import('../../src/routes/a/[agency]/admin/counters/[id]/poster/+page.server'),
	qrSvg: () => import('../../src/routes/a/[agency]/admin/counters/[id]/qr.svg/+server'),
	qrPng: () => import('../../src/routes/a/[agency]/admin/counters/[id]/qr.png/+server'),
	posterSvg: () => import('../../src/routes/a/[agency]/admin/counters/[id]/poster.svg/+server'),
	posters: () => import('../../src/routes/a/[agency]/admin/posters/+page.server'),
	units: () => import('../../src/routes/a/[agency]/admin/units/+page.server'),
	officials: () => import('../../src/routes/a/[agency]/admin/officials/+page.server'),
	official: () => import('../../src/routes/a/[agency]/admin/officials/[id]/+page.server'),
	goals: () => import('../../src/routes/a/[agency]/admin/goals/+page.server'),
	goalYear: () => import('../../src/routes/a/[agency]/admin/goals/[year]/+page.server'),
	survey: () => import('../../src/routes/a/[agency]/admin/survey/+page.server'),
	version: () => import('../../src/routes/a/[agency]/admin/survey/[id]/+page.server'),
	users: () => import('../../src/routes/a/[agency]/admin/users/+page.server'),
	user: () => import('../../src/routes/a/[agency]/admin/users/[id]/+page.server'),
	tokens: () => import('../../src/routes/a/[agency]/admin/tokens/+page.server'),
	audit: () => import('../../src/routes/a/[agency]/admin/audit/+page.server'),
	overview: () => import('../../src/routes/a/[agency]/+page.server'),
	province: () => import('../../src/routes/province/+page.server')
} as unknown as Record<string, () => Promise<Module>>;

/** The other agency's things, by kind. */
interface Ids {
	counter: number;
	unit: number;
	field: number;
	user: number;
	version: number;
	token: number;
	official: number;
}

/**
 * One entry point: which module and function, its route parameters and form fields given the
 * ids to try. `what` says which load, action or GET.
 */
interface EntryPoint {
	module: keyof typeof modules;
	what: 'load' | 'GET' | `action:${string}`;
	path: string;
	params?: (ids: Ids) => Record<string, string>;
	form?: (ids: Ids) => Record<string, string>;
}

const id = (n: number) => String(n);
const ENTRY_POINTS: EntryPoint[] = [
	{ module: 'layout', what: 'load', path: '/admin' },
	{ module: 'home', what: 'load', path: '/admin' },
	{ module: 'counters', what: 'load', path: '/admin/counters' },
	{ module: 'counters', what: 'action:create', path: '/admin/counters', form: (i) => ({ code: 'xam-nhap', name: 'Quầy lạ', unit: id(i.unit) }) },
	{ module: 'counter', what: 'load', path: '/admin/counters/x', params: (i) => ({ id: id(i.counter) }) },
	{ module: 'counter', what: 'action:rename', path: '/admin/counters/x', params: (i) => ({ id: id(i.counter) }), form: () => ({ name: 'Đã bị đổi' }) },
	{ module: 'counter', what: 'action:move', path: '/admin/counters/x', params: (i) => ({ id: id(i.counter) }), form: (i) => ({ unit: id(i.unit) }) },
	{ module: 'counter', what: 'action:deactivate', path: '/admin/counters/x', params: (i) => ({ id: id(i.counter) }) },
	{ module: 'counter', what: 'action:reactivate', path: '/admin/counters/x', params: (i) => ({ id: id(i.counter) }) },
	{ module: 'poster', what: 'load', path: '/admin/counters/x/poster', params: (i) => ({ id: id(i.counter) }) },
	{ module: 'qrSvg', what: 'GET', path: '/admin/counters/x/qr.svg', params: (i) => ({ id: id(i.counter) }) },
	{ module: 'qrPng', what: 'GET', path: '/admin/counters/x/qr.png', params: (i) => ({ id: id(i.counter) }) },
	{ module: 'posterSvg', what: 'GET', path: '/admin/counters/x/poster.svg', params: (i) => ({ id: id(i.counter) }) },
	{ module: 'posters', what: 'load', path: '/admin/posters' },
	{ module: 'units', what: 'load', path: '/admin/units' },
	{ module: 'units', what: 'action:createUnit', path: '/admin/units', form: () => ({ name: 'Phòng lạ' }) },
	{ module: 'units', what: 'action:renameUnit', path: '/admin/units', form: (i) => ({ id: id(i.unit), name: 'Đã bị đổi' }) },
	{ module: 'units', what: 'action:createField', path: '/admin/units', form: () => ({ name: 'Lĩnh vực lạ' }) },
	{ module: 'units', what: 'action:renameField', path: '/admin/units', form: (i) => ({ id: id(i.field), name: 'Đã bị đổi' }) },
	{ module: 'officials', what: 'load', path: '/admin/officials' },
	{ module: 'officials', what: 'action:create', path: '/admin/officials', form: (i) => ({ code: 'XAM', name: 'Kẻ lạ', unit: id(i.unit) }) },
	{ module: 'official', what: 'load', path: '/admin/officials/x', params: (i) => ({ id: id(i.official) }) },
	{ module: 'official', what: 'action:edit', path: '/admin/officials/x', params: (i) => ({ id: id(i.official) }), form: () => ({ name: 'Đã bị đổi', unit: '' }) },
	{ module: 'official', what: 'action:deactivate', path: '/admin/officials/x', params: (i) => ({ id: id(i.official) }) },
	{ module: 'official', what: 'action:reactivate', path: '/admin/officials/x', params: (i) => ({ id: id(i.official) }) },
	{ module: 'goals', what: 'load', path: '/admin/goals' },
	{ module: 'goalYear', what: 'load', path: '/admin/goals/2024', params: () => ({ year: '2024' }) },
	{ module: 'goalYear', what: 'action:default', path: '/admin/goals/2024', params: () => ({ year: '2024' }), form: () => ({ 'target.service_access': '1' }) },
	{ module: 'survey', what: 'load', path: '/admin/survey' },
	{ module: 'survey', what: 'action:create', path: '/admin/survey' },
	{ module: 'version', what: 'load', path: '/admin/survey/x', params: (i) => ({ id: id(i.version) }) },
	{ module: 'version', what: 'action:update', path: '/admin/survey/x', params: (i) => ({ id: id(i.version) }), form: () => ({ lead_in_vi: 'Đã bị đổi', lead_in_en: 'Changed' }) },
	{ module: 'version', what: 'action:activate', path: '/admin/survey/x', params: (i) => ({ id: id(i.version) }) },
	{ module: 'users', what: 'load', path: '/admin/users' },
	{ module: 'users', what: 'action:create', path: '/admin/users', form: () => ({ email: 'ke-la@test.vn', role: 'admin', password: 'mật khẩu của kẻ lạ' }) },
	{ module: 'user', what: 'load', path: '/admin/users/x', params: (i) => ({ id: id(i.user) }) },
	{ module: 'user', what: 'action:role', path: '/admin/users/x', params: (i) => ({ id: id(i.user) }), form: () => ({ role: 'leader' }) },
	{ module: 'user', what: 'action:deactivate', path: '/admin/users/x', params: (i) => ({ id: id(i.user) }) },
	{ module: 'user', what: 'action:reactivate', path: '/admin/users/x', params: (i) => ({ id: id(i.user) }) },
	{ module: 'user', what: 'action:reset', path: '/admin/users/x', params: (i) => ({ id: id(i.user) }), form: () => ({ password: 'mật khẩu của kẻ lạ' }) },
	{ module: 'tokens', what: 'load', path: '/admin/tokens' },
	{ module: 'tokens', what: 'action:create', path: '/admin/tokens', form: () => ({ name: 'Mã lạ', role: 'admin' }) },
	{ module: 'tokens', what: 'action:revoke', path: '/admin/tokens', form: (i) => ({ id: id(i.token) }) },
	{ module: 'audit', what: 'load', path: '/admin/audit' }
];

function requestEvent(principal: Principal | undefined, agency: string, entry: EntryPoint, ids: Ids) {
	const url = new URL(`http://localhost/a/${agency}${entry.path}`);
	const form = entry.form?.(ids) ?? {};
	const request = entry.what.startsWith('action:')
		? new Request(url, { method: 'POST', body: new URLSearchParams(form), headers: { 'content-type': 'application/x-www-form-urlencoded' } })
		: new Request(url);
	return { params: { agency, ...(entry.params?.(ids) ?? {}) }, locals: { principal, locale: 'vi' }, url, request, route: { id: null } };
}

/** What SvelteKit would answer: "error 404", "fail 400", "redirect /login", "ok". */
async function answer(entry: EntryPoint, event: unknown): Promise<string> {
	const module = await modules[entry.module]!();
	const fn =
		entry.what === 'load' ? module.load : entry.what === 'GET' ? module.GET : module.actions?.[entry.what.slice('action:'.length)];
	if (!fn) throw new Error(`${entry.module} has no ${entry.what}`);
	try {
		const result = await fn(event);
		if (isActionFailure(result)) return `fail ${result.status}`;
		if (result instanceof Response) return `response ${result.status}`;
		return 'ok';
	} catch (error) {
		if (isHttpError(error)) return `error ${error.status}`;
		if (isRedirect(error)) return `redirect ${error.location.startsWith('/login') ? '/login' : error.location}`;
		throw error;
	}
}

/** Everything of an agency a page could change, to compare before and after. */
async function snapshot(db: Kysely<Database>, agencyId: number) {
	// Untyped on purpose: the same query on nine tables that all have agency_id.
	const untyped = db as unknown as Kysely<Record<string, { agency_id: number }>>;
	const of = (table: 'counters' | 'units' | 'procedure_fields' | 'officials' | 'users' | 'api_tokens' | 'survey_versions' | 'baselines' | 'targets') =>
		untyped.selectFrom(table).selectAll().where('agency_id', '=', agencyId).execute().then((rows) => rows.map((r) => JSON.stringify(r)).sort());
	const criteria = await db
		.selectFrom('criteria')
		.innerJoin('survey_versions', 'survey_versions.id', 'criteria.survey_version_id')
		.selectAll('criteria')
		.where('survey_versions.agency_id', '=', agencyId)
		.orderBy('criteria.id')
		.execute();
	const audit = await db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
	return {
		counters: await of('counters'),
		units: await of('units'),
		fields: await of('procedure_fields'),
		officials: await of('officials'),
		users: await of('users'),
		tokens: await of('api_tokens'),
		versions: await of('survey_versions'),
		baselines: await of('baselines'),
		targets: await of('targets'),
		criteria: JSON.stringify(criteria),
		auditEntries: Number(audit.n)
	};
}

describe.each(await databaseKinds())('agency-scoped administration on %s', (kind) => {
	let database: TestDatabase;
	let gialai: number;
	let other: number;
	let adminA: Principal;
	let staffA: Principal;
	let leaderA: Principal;
	let adminB: Principal;
	let province: Principal;
	let theirs: Ids;
	let ours: Ids;

	beforeAll(async () => {
		database = await migratedDatabase(kind);
		const db = database.db;
		app.db = db;
		await seedReference(db);
		gialai = (await db.selectFrom('agencies').select('id').where('code', '=', 'sct-gialai').executeTakeFirstOrThrow()).id;
		const person = async (email: string, role: Role, agencyCode: string | null, agencyId: number | null): Promise<Principal> => {
			const { id } = await createUser(db, { email, password: 'a long password', role, agencyCode });
			return { kind: 'user', id, label: email, role, agencyId };
		};
		province = await person('province@test.vn', 'province_admin', null, null);
		adminA = await person('admin-a@test.vn', 'admin', 'sct-gialai', gialai);
		staffA = await person('staff-a@test.vn', 'staff', 'sct-gialai', gialai);
		leaderA = await person('leader-a@test.vn', 'leader', 'sct-gialai', gialai);

		const must = <T>(outcome: { ok: boolean; value?: T }): T => {
			if (!outcome.ok) throw new Error(`fixture refused: ${JSON.stringify(outcome)}`);
			return outcome.value as T;
		};
		other = must(await createAgency(db, province, { code: 'so-khac', name_vi: 'Sở Khác', name_en: 'Other', questionnaire: 'on', goals: 'on' })).id;
		adminB = await person('admin-b@test.vn', 'admin', 'so-khac', other);
		const unit = must(await createUnit(db, province, other, { name: 'Phòng B' })).id;
		theirs = {
			unit,
			counter: must(await createCounter(db, province, other, { code: 'b-01', name: 'Quầy B', unit: String(unit) })).id,
			field: must(await createProcedureField(db, province, other, { name: 'Lĩnh vực B' })).id,
			user: must(await createAgencyUser(db, province, other, { email: 'staff-b@test.vn', role: 'staff', password: 'a long password' })).id,
			version: must(await createVersion(db, province, other)).id,
			token: must(await createToken(db, province, other, { name: 'Mã B', role: 'leader' })).id,
			official: must(await createOfficial(db, province, other, { code: 'CB-B', name: 'Cán bộ B', unit: String(unit) })).id
		};
		const ourUnit = (await db.selectFrom('units').select('id').where('agency_id', '=', gialai).executeTakeFirstOrThrow()).id;
		ours = {
			unit: ourUnit,
			counter: (await db.selectFrom('counters').select('id').where('code', '=', 'vp-01').executeTakeFirstOrThrow()).id,
			field: (await db.selectFrom('procedure_fields').select('id').where('agency_id', '=', gialai).executeTakeFirstOrThrow()).id,
			user: staffA.id,
			version: (await db.selectFrom('survey_versions').select('id').where('agency_id', '=', gialai).executeTakeFirstOrThrow()).id,
			token: must(await createToken(db, adminA, gialai, { name: 'Mã A', role: 'leader' })).id,
			official: must(await createOfficial(db, adminA, gialai, { code: 'CB-A', name: 'Cán bộ A', unit: '' })).id
		};
	});
	afterAll(() => database?.drop());

	it('answers 404 to an administrator on every page, action and download of another agency, and changes nothing there', async () => {
		const before = await snapshot(database.db, other);
		const answers: Record<string, string> = {};
		for (const entry of ENTRY_POINTS) {
			answers[`${entry.module} ${entry.what}`] = await answer(entry, requestEvent(adminA, 'so-khac', entry, theirs));
		}
		expect(Object.entries(answers).filter(([, a]) => a !== 'error 404')).toEqual([]);
		expect(await snapshot(database.db, other)).toEqual(before);
	});

	it('answers 404, or refuses the form, when another agency’s ids are sent under one’s own agency', async () => {
		const before = await snapshot(database.db, other);
		// Forms whose chosen unit is another agency's: the form is refused, nothing is created or moved.
		const refusedForms = new Set(['counters action:create', 'counter action:move', 'officials action:create']);
		const mixed = (entry: EntryPoint): Ids =>
			refusedForms.has(`${entry.module} ${entry.what}`) ? { ...ours, unit: theirs.unit } : theirs;
		const withIds = ENTRY_POINTS.filter((e) => e.params?.(theirs).id !== undefined || refusedForms.has(`${e.module} ${e.what}`) || e.form?.(theirs).id !== undefined);
		expect(withIds.length).toBeGreaterThanOrEqual(20);
		const answers: Record<string, string> = {};
		for (const entry of withIds) answers[`${entry.module} ${entry.what}`] = await answer(entry, requestEvent(adminA, 'sct-gialai', entry, mixed(entry)));
		for (const [name, got] of Object.entries(answers)) expect(got, name).toBe(refusedForms.has(name) ? 'fail 400' : 'error 404');
		expect(await snapshot(database.db, other)).toEqual(before);
	});

	it('answers 404 the other way round too, and for an agency that does not exist', async () => {
		const before = await snapshot(database.db, gialai);
		for (const entry of ENTRY_POINTS) {
			expect(await answer(entry, requestEvent(adminB, 'sct-gialai', entry, ours)), `${entry.module} ${entry.what}`).toBe('error 404');
			expect(await answer(entry, requestEvent(adminA, 'khong-ton-tai', entry, ours)), `${entry.module} ${entry.what}`).toBe('error 404');
		}
		expect(await snapshot(database.db, gialai)).toEqual(before);
	});

	it('answers 403 to staff and leaders of the agency, and sends strangers to sign in', async () => {
		const before = await snapshot(database.db, gialai);
		for (const entry of ENTRY_POINTS) {
			const name = `${entry.module} ${entry.what}`;
			expect(await answer(entry, requestEvent(staffA, 'sct-gialai', entry, ours)), name).toBe('error 403');
			expect(await answer(entry, requestEvent(leaderA, 'sct-gialai', entry, ours)), name).toBe('error 403');
			expect(await answer(entry, requestEvent(undefined, 'sct-gialai', entry, ours)), name).toBe('redirect /login');
		}
		expect(await snapshot(database.db, gialai)).toEqual(before);
	});

	it('serves the same pages to the agency’s administrator and to the province administrator', async () => {
		for (const entry of ENTRY_POINTS.filter((e) => e.what === 'load' || e.what === 'GET')) {
			const name = `${entry.module} ${entry.what}`;
			const expected = entry.what === 'GET' ? 'response 200' : 'ok';
			expect(await answer(entry, requestEvent(adminA, 'sct-gialai', entry, ours)), name).toBe(expected);
			expect(await answer(entry, requestEvent(province, 'so-khac', entry, theirs)), name).toBe(expected);
		}
	});

	it('keeps the agency overview to the agency’s own people and the province page to the province administrator', async () => {
		const overview: EntryPoint = { module: 'overview', what: 'load', path: '' };
		expect(await answer(overview, requestEvent(leaderA, 'sct-gialai', overview, ours))).toBe('ok');
		expect(await answer(overview, requestEvent(leaderA, 'so-khac', overview, ours))).toBe('error 404');
		expect(await answer(overview, requestEvent(adminB, 'sct-gialai', overview, ours))).toBe('error 404');

		const before = await database.db.selectFrom('agencies').select('code').orderBy('id').execute();
		for (const what of ['load', 'action:create'] as const) {
			const entry: EntryPoint = { module: 'province', what, path: '', form: () => ({ code: 'so-moi', name_vi: 'Sở Mới', name_en: 'New' }) };
			const event = (principal: Principal | undefined) => ({ ...requestEvent(principal, 'x', entry, ours), url: new URL('http://localhost/province') });
			for (const principal of [adminA, staffA, leaderA]) expect(await answer(entry, event(principal)), `${what} ${principal.role}`).toBe('error 403');
			expect(await answer(entry, event(undefined))).toBe('redirect /login');
		}
		expect(await database.db.selectFrom('agencies').select('code').orderBy('id').execute()).toEqual(before);
	});
});
