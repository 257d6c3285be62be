import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Principal } from '../../src/lib/server/auth/principal';
import { createUser } from '../../src/lib/server/auth/users';
import { parseConfig } from '../../src/lib/server/config-schema';
import type { Database } from '../../src/lib/server/db/schema';
import { createPetition } from '../../src/lib/server/petitions/create-petition';
import { findCounterSurvey } from '../../src/lib/server/survey/definition';
import { seedReference } from '../../src/lib/server/seed/reference';
import { databaseKinds, migratedDatabase, type TestDatabase } from './helpers/databases';
import { answerOf, cookieJar, requestEvent } from './helpers/events';

/**
 * The petition pages' real route modules, called as SvelteKit would, for each role and across
 * agencies: leaders read, staff handle, administrators publish and set the rules; another agency's
 * cases and files are 404; API tokens get 403 on pages; the survey's "Tôi muốn được trả lời".
 */
const app = vi.hoisted(() => ({ db: undefined as unknown }));
vi.mock('$lib/server/db', () => ({ db: () => app.db }));
vi.mock('$lib/server/config', () => ({ appConfig: () => parseConfig({ MINIMUM_SAMPLE: '30', PUBLIC_ORIGIN: 'https://khaosat.test' }) }));

const list = await import('../../src/routes/a/[agency]/petitions/+page.server');
const create = await import('../../src/routes/a/[agency]/petitions/new/+page.server');
const one = await import('../../src/routes/a/[agency]/petitions/[code]/+page.server');
const file = await import('../../src/routes/a/[agency]/petitions/[code]/files/[id]/+server');
const csv = await import('../../src/routes/a/[agency]/petitions/export.csv/+server');
const settings = await import('../../src/routes/a/[agency]/admin/petitions/+page.server');
const publicForm = await import('../../src/routes/y/[agency]/+page.server');
const survey = await import('../../src/routes/s/[code]/+page.server');
const thanks = await import('../../src/routes/s/[code]/thanks/+page.server');

type Fn = (event: never) => unknown;
const call = (fn: unknown, event: unknown) => answerOf(() => (fn as Fn)(event as never));

describe.each(await databaseKinds())('petition pages on %s', (kind) => {
	let database: TestDatabase;
	let db: Kysely<Database>;
	let people: Record<'admin' | 'staff' | 'leader' | 'staffB', Principal>;
	let token: Principal;
	let code: string;
	let fileId: number;
	let unitId: number;

	beforeAll(async () => {
		database = await migratedDatabase(kind);
		db = database.db;
		app.db = db;
		await seedReference(db);
		const agencyId = (await db.selectFrom('agencies').select('id').where('code', '=', 'sct-gialai').executeTakeFirstOrThrow()).id;
		const otherId = (await db.insertInto('agencies').values({ code: 'so-khac', name_vi: 'Sở Khác', name_en: 'Other' }).returning('id').executeTakeFirstOrThrow()).id;
		unitId = (await db.selectFrom('units').select('id').where('agency_id', '=', agencyId).orderBy('id').executeTakeFirstOrThrow()).id;
		const person = async (email: string, role: 'admin' | 'staff' | 'leader', agencyCode: string, id: number): Promise<Principal> => {
			const user = await createUser(db, { email, password: 'a long password', role, agencyCode });
			return { kind: 'user', id: user.id, label: email, role, agencyId: id };
		};
		people = {
			admin: await person('admin@pa.test', 'admin', 'sct-gialai', agencyId),
			staff: await person('staff@pa.test', 'staff', 'sct-gialai', agencyId),
			leader: await person('leader@pa.test', 'leader', 'sct-gialai', agencyId),
			staffB: await person('staff@khac.test', 'staff', 'so-khac', otherId)
		};
		token = { kind: 'token', id: 1, label: 'token:x (admin@pa.test)', role: 'leader', agencyId };
		const created = await db.transaction().execute((trx) =>
			createPetition(
				trx,
				{ kind: 'system', label: 'citizen' },
				{ agencyId, category: 'results', source: 'public_form', body: 'Kết quả sai tên. Gọi 0912345678.', phone: '+84912345678', attachments: [{ filename: 'a.pdf', contentType: 'application/pdf', data: new TextEncoder().encode('%PDF-1.4 x') }] },
				{ origin: 'https://khaosat.test', now: new Date() }
			)
		);
		code = created.code;
		fileId = (await db.selectFrom('petition_attachments').select('id').executeTakeFirstOrThrow()).id;
	});
	afterAll(() => database?.drop());

	const page = (path: string, principal?: Principal, form?: Record<string, string>, params: Record<string, string> = {}) =>
		requestEvent(`http://localhost/a/sct-gialai/petitions${path}`, { principal, form, params: { agency: 'sct-gialai', ...params } });

	it('lets leaders and staff read the list, sends the anonymous to sign in, refuses tokens and other agencies', async () => {
		const leader = await call(list.load, page('', people.leader));
		expect(leader).toMatchObject({ kind: 'ok', value: { canHandle: false, petitions: [{ code }] } });
		expect(await call(list.load, page('', people.staff))).toMatchObject({ kind: 'ok', value: { canHandle: true } });
		expect(await call(list.load, page('', people.staffB))).toEqual({ kind: 'error', status: 404 });
		expect(await call(list.load, page('', undefined))).toMatchObject({ kind: 'redirect', location: expect.stringContaining('/login?next=') });
		expect(await call(list.load, page('', token))).toEqual({ kind: 'error', status: 403 });
		expect(await call(one.load, page(`/${code}`, people.staffB, undefined, { code }))).toEqual({ kind: 'error', status: 404 });
		expect(await call(one.load, page('/PA-2026-999999', people.staff, undefined, { code: 'PA-2026-999999' }))).toEqual({ kind: 'error', status: 404 });
	});

	it('lets only staff and administrators act, only administrators publish, and names a skipped step', async () => {
		const act = (name: keyof typeof one.actions, who: Principal, form: Record<string, string> = {}) => call(one.actions[name], page(`/${code}`, who, form, { code }));
		expect(await act('assign', people.leader, { unit: String(unitId) })).toEqual({ kind: 'error', status: 403 });
		expect(await act('assign', people.staffB, { unit: String(unitId) })).toEqual({ kind: 'error', status: 404 });
		const skipped = await act('answer', people.staff, { answer: 'Đã sửa.' });
		expect(skipped).toMatchObject({ kind: 'fail', status: 409, data: { form: 'answer', errors: { form: { key: 'petitions.error.step', params: { state: 'Đã tiếp nhận' } } } } });
		expect(await act('assign', people.staff, { unit: String(unitId) })).toMatchObject({ kind: 'redirect', location: `/a/sct-gialai/petitions/${code}?saved#assign` });
		expect(await act('answer', people.staff, { answer: 'Đã sửa tên trên kết quả.' })).toMatchObject({ kind: 'redirect' });
		expect(await act('publish', people.staff, { published_answer: 'Đã sửa.' })).toEqual({ kind: 'error', status: 403 });
		expect(await act('publish', people.admin, { published_answer: 'Đã sửa tên trên kết quả.' })).toMatchObject({ kind: 'redirect' });
		const audit = await db.selectFrom('audit_log').select(['action', 'actor']).where('entity_id', '=', code).orderBy('id').execute();
		expect(audit.map((a) => `${a.action} ${a.actor}`)).toEqual(['petition.create citizen', 'petition.assign staff@pa.test', 'petition.answer staff@pa.test', 'petition.publish admin@pa.test']);
		// Published on the agency's public page.
		const pub = await call(publicForm.load, requestEvent('http://localhost/y/sct-gialai', { params: { agency: 'sct-gialai' } }));
		expect(pub).toMatchObject({ kind: 'ok', value: { answers: [{ code, answer: 'Đã sửa tên trên kết quả.' }] } });
	});

	it('enters a paper petition for staff only and shows its secret once', async () => {
		const form = { category: 'procedures', source: 'paper', body: 'Đơn giấy.', unit: '' };
		expect(await call(create.actions.default, page('/new', people.leader, form))).toEqual({ kind: 'error', status: 403 });
		const made = await call(create.actions.default, page('/new', people.staff, form));
		expect(made).toMatchObject({ kind: 'ok', value: { created: { code: expect.stringMatching(/^PA-/), secret: expect.stringMatching(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/) } } });
		expect(await call(create.actions.default, page('/new', people.staff, { ...form, source: 'survey' }))).toMatchObject({ kind: 'fail', status: 400, data: { errors: { source: {} } } });
	});

	it("serves a case's file to its agency only, and the CSV without the citizen's contact", async () => {
		const get = (who: Principal) => call(file.GET, page(`/${code}/files/${fileId}`, who, undefined, { code, id: String(fileId) }));
		const served = (await get(people.leader)) as { kind: 'ok'; value: Response };
		expect(served.value.headers.get('content-type')).toBe('application/pdf');
		expect(served.value.headers.get('content-disposition')).toContain('attachment');
		expect(await get(people.staffB)).toEqual({ kind: 'error', status: 404 });
		const exported = (await call(csv.GET, page('/export.csv', people.leader))) as { kind: 'ok'; value: Response };
		const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await exported.value.arrayBuffer());
		expect(text.startsWith('\uFEFFma_pakn,ngay_tiep_nhan,hinh_thuc_tiep_nhan,linh_vuc,noi_dung,')).toBe(true);
		expect(text).toContain(code);
		expect(text).toContain('Kết quả giải quyết');
		expect(text).not.toContain('0912345678');
		expect(text).not.toContain('+84912345678');
		expect(await call(csv.GET, page('/export.csv?from=2026-13', people.leader))).toEqual({ kind: 'error', status: 400 });
	});

	it('keeps the rules to administrators, and refuses a bad deadline', async () => {
		const admin = (who: Principal, form: Record<string, string>, name: keyof typeof settings.actions = 'deadlines') =>
			call(settings.actions[name], requestEvent('http://localhost/a/sct-gialai/admin/petitions', { principal: who, form, params: { agency: 'sct-gialai' } }));
		const days = { procedures: '10', regulations: '15', official_attitude: '3', results: '10', other: '10' };
		expect(await admin(people.staff, days)).toEqual({ kind: 'error', status: 403 });
		expect(await admin(people.admin, { ...days, official_attitude: '0' })).toMatchObject({ kind: 'fail', status: 400, data: { errors: { official_attitude: { key: 'petitions.error.days' } } } });
		expect(await admin(people.admin, days)).toMatchObject({ kind: 'redirect' });
		expect(await admin(people.admin, { day: '2026-02-30', kind: 'holiday', name: 'x' }, 'addDay')).toMatchObject({ kind: 'fail', status: 400 });
		expect(await admin(people.admin, { day: '2026-04-30', kind: 'holiday', name: 'Giải phóng miền Nam' }, 'addDay')).toMatchObject({ kind: 'redirect' });
		expect(await admin(people.admin, { name: 'GĐ', channel: 'sms', address: '123', role: 'agency_leader', mode: 'immediate' }, 'addRecipient')).toMatchObject({ kind: 'fail', status: 400, data: { errors: { address: { key: 'petitions.error.phone' } } } });
		expect(await admin(people.admin, { name: 'GĐ', channel: 'sms', address: '0912 000 999', role: 'agency_leader', mode: 'digest' }, 'addRecipient')).toMatchObject({ kind: 'redirect' });
		const stored = await db.selectFrom('petition_deadlines').select(['category', 'working_days']).where('category', '=', 'official_attitude').execute();
		expect(stored).toEqual([{ category: 'official_attitude', working_days: 3 }]);
		expect(await db.selectFrom('alert_recipients').select(['address', 'mode']).execute()).toEqual([{ address: '+84912000999', mode: 'digest' }]);
	});

	it('opens a case from the survey when asked, after checking the contact, and shows its code once', async () => {
		const surveyDef = (await findCounterSurvey(db, 'vp-01'))!;
		const form = (extra: Record<string, string>) => ({ submission_id: crypto.randomUUID(), survey_version: String(surveyDef.version.id), 'a.CC1': '1', 'a.PA1': '4', comment: 'Chờ lâu.', ...extra });
		const cookies = cookieJar();
		const post = (values: Record<string, string>) => call(survey.actions.default, requestEvent('http://localhost/s/vp-01', { form: values, params: { code: 'vp-01' }, cookies }));
		const before = await db.selectFrom('responses').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
		const bad = await post(form({ wants_answer: 'on', answer_phone: '12' }));
		expect(bad).toMatchObject({ kind: 'fail', status: 400, data: { errors: { answer_phone: { key: 'error.answerPhone' } } } });
		expect(await post(form({ wants_answer: 'on' }))).toMatchObject({ kind: 'fail', status: 400, data: { errors: { answer_phone: { key: 'error.answerContact' } } } });
		expect((await db.selectFrom('responses').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n).toEqual(before.n);
		const values = form({ wants_answer: 'on', answer_email: 'dan@example.vn' });
		expect(await post(values)).toMatchObject({ kind: 'redirect', location: '/s/vp-01/thanks' });
		const petition = await db.selectFrom('petitions').innerJoin('responses', 'responses.id', 'petitions.response_id').select(['petitions.code', 'petitions.email', 'petitions.source']).where('responses.submission_id', '=', values.submission_id).executeTakeFirstOrThrow();
		expect(petition).toMatchObject({ email: 'dan@example.vn', source: 'survey' });
		const shown = await call(thanks.load, requestEvent('http://localhost/s/vp-01/thanks', { params: { code: 'vp-01' }, cookies }));
		expect(shown).toMatchObject({ kind: 'ok', value: { petition: { code: petition.code, secret: expect.stringMatching(/^[0-9A-Z]{4}-/) } } });
		// Once: the cookie is gone.
		expect(await call(thanks.load, requestEvent('http://localhost/s/vp-01/thanks', { params: { code: 'vp-01' }, cookies }))).toMatchObject({ kind: 'ok', value: { petition: null } });
	});
});
