import { isActionFailure, isHttpError, isRedirect } from '@sveltejs/kit';
import type { AddressInfo } from 'node:net';
import type { Kysely } from 'kysely';
import nodemailer from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Principal } from '../../src/lib/server/auth/principal';
import { createUser } from '../../src/lib/server/auth/users';
import type { Database } from '../../src/lib/server/db/schema';
import { importRegister } from '../../src/lib/server/dossiers/import-register';
import { pushDossiers } from '../../src/lib/server/dossiers/push-dossiers';
import { deliverDue } from '../../src/lib/server/outbox/deliver';
import { emailTransport, gatewayTransport } from '../../src/lib/server/outbox/transports';
import { addTask, deleteTask, editCriterionTarget, editPlanHeader, editTask } from '../../src/lib/server/plan/edit-plan';
import { loadProgress } from '../../src/lib/server/plan/progress';
import { loadPlan } from '../../src/lib/server/plan/queries';
import { loadPlanPage } from '../../src/lib/server/plan/page';
import { queuePlanReminders } from '../../src/lib/server/plan/reminders';
import { readEvidence, updateTask } from '../../src/lib/server/plan/tasks';
import { seedDemoPlan } from '../../src/lib/server/seed/demo-plan';
import { seedReference } from '../../src/lib/server/seed/reference';
import { staffTranslator } from '../../src/lib/i18n/staff';
import { databaseKinds, migratedDatabase, type TestDatabase } from './helpers/databases';
import { unzipSync, strFromU8 } from 'fflate';
import { readSheet } from 'read-excel-file/node';
import writeXlsxFile from 'write-excel-file/node';
import { pdfText } from '../helpers/pdf-text';
import { buildPlanReport } from '../../src/lib/server/plan/report';
import { planReportDocx } from '../../src/lib/server/plan/report-docx';
import { planReportPdf } from '../../src/lib/server/plan/report-pdf';
import { planRatesXlsx } from '../../src/lib/server/plan/rates-xlsx';

/**
 * The improvement plan: the seeded 2024 plan, the Office's task updates with evidence, the
 * administrators' edits, who may do what (the real route module, another agency's task answering
 * 404), the PAR rates from the register's new flags, and the reminders through the outbox to a
 * real SMTP server.
 */
const app = vi.hoisted(() => ({ db: undefined as unknown }));
vi.mock('$lib/server/db', () => ({ db: () => app.db }));
const route = await import('../../src/routes/a/[agency]/plan/+page.server');

const mails: { to: string; raw: string }[] = [];
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
				mails.push({ to: session.envelope.rcptTo.map((r) => r.address).join(','), raw });
				callback();
			});
		}
	});
	await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
	smtpPort = (smtp.server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => smtp.close(() => resolve())));

function formEvent(principal: Principal | undefined, agency: string, form: FormData) {
	const url = new URL(`http://localhost/a/${agency}/plan`);
	return { params: { agency }, locals: { principal, locale: 'vi' }, url, request: new Request(url, { method: 'POST', body: form }), route: { id: '/a/[agency]/plan' } };
}

async function answer(fn: (event: never) => unknown, e: unknown): Promise<unknown> {
	try {
		const result = await fn(e as never);
		if (isActionFailure(result)) return { fail: result.status, data: result.data };
		return result;
	} catch (error) {
		if (isHttpError(error)) return `error ${error.status}`;
		if (isRedirect(error)) return `redirect ${error.location}`;
		throw error;
	}
}

const csv = (lines: string[]) => ({ name: 'so-ho-so.csv', bytes: new TextEncoder().encode(lines.join('\n')) });
const HEADER = 'dossier_code,procedure_code,procedure_name,procedure_field,channel,unit,received_at,due_at,returned_at,synced_national,digitised,full_online_service,paid_online,fee_required';

describe.each(await databaseKinds())('the improvement plan on %s', (kind) => {
	let database: TestDatabase;
	let db: Kysely<Database>;
	let gialai: number;
	let other: number;
	let admin: Principal;
	let office: Principal;
	let leader: Principal;
	let otherAdmin: Principal;
	let otherTask: number;

	beforeAll(async () => {
		database = await migratedDatabase(kind);
		db = database.db;
		app.db = db;
		await seedReference(db);
		gialai = (await db.selectFrom('agencies').select('id').where('code', '=', 'sct-gialai').executeTakeFirstOrThrow()).id;
		other = (await db.insertInto('agencies').values({ code: 'so-khac', name_vi: 'Sở Khác', name_en: 'Other' }).returning('id').executeTakeFirstOrThrow()).id;
		const person = async (email: string, role: 'admin' | 'staff' | 'leader', agencyCode: string, agencyId: number): Promise<Principal> => {
			const { id } = await createUser(db, { email, password: 'a long password', role, agencyCode });
			return { kind: 'user', id, label: email, role, agencyId };
		};
		admin = await person('admin@plan.test', 'admin', 'sct-gialai', gialai);
		office = await person('vanphong@plan.test', 'staff', 'sct-gialai', gialai);
		leader = await person('lanhdao@plan.test', 'leader', 'sct-gialai', gialai);
		otherAdmin = await person('admin@khac.test', 'admin', 'so-khac', other);
		// Another agency's plan with one task.
		const plan = await db.insertInto('plans').values({ agency_id: other, year: 2024, title: 'Kế hoạch khác' }).returning('id').executeTakeFirstOrThrow();
		const criterion = await db.insertInto('plan_criteria').values({ plan_id: plan.id, code: '1.1', kind: 'par', title: 'Khác' }).returning('id').executeTakeFirstOrThrow();
		otherTask = (await db.insertInto('plan_tasks').values({ criterion_id: criterion.id, title: 'Việc của sở khác', due_on: '2024-09-30' }).returning('id').executeTakeFirstOrThrow()).id;
	});
	afterAll(() => database?.drop());

	it('seeds the 2024 plan once: thirteen PAR and seven SIPAS criteria with targets, units and tasks', async () => {
		expect(await seedDemoPlan(db)).toEqual({ created: true });
		expect(await seedDemoPlan(db)).toEqual({ created: false });
		const view = (await loadPlan(db, gialai, 2024))!;
		expect(view.plan).toMatchObject({ year: 2024, number: '…/KH-SCT', signer: 'Phạm Văn Binh' });
		expect(view.criteria.map((c) => c.code)).toEqual([
			'1.1', '1.2', '1.3', '1.4', '1.5', '1.6', '1.7', '1.8', '1.9', '1.10', '1.11', '1.12', '1.13',
			'2.1', '2.2', '2.3', '2.4', '2.5', '2.6', '2.7'
		]);
		expect(view.criteria.filter((c) => c.kind === 'sipas').map((c) => c.dimensionKey)).toEqual([
			'policy_accountability', 'policy_participation', 'service_access', 'procedures', 'civil_servants', 'service_results', 'feedback_handling'
		]);
		const digitised = view.criteria.find((c) => c.code === '1.9')!;
		expect(digitised).toMatchObject({ targetPercent: 30, direction: 'at_least', measure: 'digitised' });
		expect(digitised.lead.map((u) => u.name)).toEqual(['Văn phòng']);
		expect(digitised.support.map((u) => u.name).sort()).toEqual(['Phòng Kỹ thuật an toàn – Môi trường', 'Phòng Quản lý Công nghiệp', 'Phòng Quản lý Năng lượng', 'Phòng Quản lý Thương mại']);
		expect(view.criteria.find((c) => c.code === '1.6')!.lead.map((u) => u.name).sort()).toEqual(['Trung tâm Khuyến công và Xúc tiến thương mại', 'Văn phòng']);
		expect(view.criteria.every((c) => c.tasks.length > 0 && c.lead.length > 0)).toBe(true);
		// The other agency's plan is not this one's.
		expect((await loadPlan(db, other, 2024))!.criteria.map((c) => c.title)).toEqual(['Khác']);
	});

	it('lets the Office mark a task done with evidence, audited; refuses a future date; another agency’s task is not found', async () => {
		const view = (await loadPlan(db, gialai, 2024))!;
		const task = view.criteria.find((c) => c.code === '1.8')!.tasks[0]!;
		expect(task.status).toBe('open');
		const now = new Date('2024-12-02T03:00:00Z');
		const pdf = { name: 'C:\\Users\\vp\\Biên bản rà soát NDXP.pdf', type: 'application/pdf', bytes: new TextEncoder().encode('%PDF-1.4 minh chứng') };
		expect(await updateTask(db, office, gialai, task.id, { status: 'done', done_on: '', note: 'Đã rà soát 12 dịch vụ.' }, pdf, now)).toEqual({ ok: true, value: undefined });
		const after = (await loadPlan(db, gialai, 2024))!.criteria.find((c) => c.code === '1.8')!.tasks[0]!;
		expect(after).toMatchObject({ status: 'done', doneOn: '2024-12-02', note: 'Đã rà soát 12 dịch vụ.' });
		expect(after.evidence).toMatchObject([{ fileName: 'Biên bản rà soát NDXP.pdf', size: pdf.bytes.length }]);
		const file = await readEvidence(db, gialai, after.evidence[0]!.id);
		expect(Buffer.from(file!.content).toString()).toBe('%PDF-1.4 minh chứng');
		expect(await readEvidence(db, other, after.evidence[0]!.id)).toBeUndefined();
		const entries = await db.selectFrom('audit_log').select(['action', 'actor', 'before', 'after']).where('entity', '=', 'plan_task').where('entity_id', '=', String(task.id)).execute();
		expect(entries).toEqual([
			{
				action: 'plan.task.update',
				actor: 'vanphong@plan.test',
				before: { status: 'open', done_on: null, note: '' },
				after: { status: 'done', done_on: '2024-12-02', note: 'Đã rà soát 12 dịch vụ.', evidence: { name: 'Biên bản rà soát NDXP.pdf', size: pdf.bytes.length } }
			}
		]);

		expect(await updateTask(db, office, gialai, task.id, { status: 'done', done_on: '2024-12-03', note: '' }, null, now)).toEqual({
			ok: false, status: 400, errors: { done_on: { key: 'plan.error.doneInFuture' } }
		});
		expect(await updateTask(db, office, gialai, task.id, { status: 'finished', note: '' }, null, now)).toMatchObject({ ok: false, status: 400, errors: { status: { key: 'admin.error.choose' } } });
		expect(await updateTask(db, office, gialai, otherTask, { status: 'done', note: '' }, null, now)).toEqual({ ok: false, status: 404 });
		expect((await db.selectFrom('plan_tasks').select('status').where('id', '=', otherTask).executeTakeFirstOrThrow()).status).toBe('open');
	});

	it('routes: the Office updates through the page, a leader is refused, another agency’s task answers 404', async () => {
		const view = (await loadPlan(db, gialai, 2024))!;
		const task = view.criteria.find((c) => c.code === '2.2')!.tasks[0]!;
		const form = (id: number) => {
			const f = new FormData();
			f.set('id', String(id));
			f.set('status', 'in_progress');
			f.set('note', 'Đang lấy ý kiến.');
			f.set('file', new File(['ảnh'], 'anh.png', { type: 'image/png' }));
			return f;
		};
		expect(await answer(route.actions.task!, formEvent(office, 'sct-gialai', form(task.id)))).toEqual({ form: 'task', id: task.id, saved: true });
		expect(await answer(route.actions.task!, formEvent(leader, 'sct-gialai', form(task.id)))).toBe('error 403');
		expect(await answer(route.actions.task!, formEvent(office, 'sct-gialai', form(otherTask)))).toBe('error 404');
		expect(await answer(route.actions.task!, formEvent(otherAdmin, 'sct-gialai', form(task.id)))).toBe('error 404');
		expect(await answer(route.actions.task!, formEvent(undefined, 'sct-gialai', form(task.id)))).toMatch(/^redirect \/login/);
		// Office staff do not edit the plan itself; administrators do.
		const add = new FormData();
		add.set('criterion', String(view.criteria[0]!.id));
		add.set('title', 'Nhiệm vụ mới');
		add.set('due_on', '2024-12-31');
		expect(await answer(route.actions.addTask!, formEvent(office, 'sct-gialai', add))).toBe('error 403');
		expect(await answer(route.actions.addTask!, formEvent(admin, 'sct-gialai', add))).toEqual({ form: 'addTask', id: view.criteria[0]!.id, saved: true });
		const load = (principal: Principal) => answer(route.load as never, { params: { agency: 'sct-gialai' }, locals: { principal, locale: 'vi' }, url: new URL('http://localhost/a/sct-gialai/plan') });
		expect(await load(leader)).toMatchObject({ canTasks: false, canEdit: false, years: [2024] });
		expect(await load(office)).toMatchObject({ canTasks: true, canEdit: false });
		expect(await load(otherAdmin)).toBe('error 404');
		const after = (await loadPlan(db, gialai, 2024))!.criteria.find((c) => c.code === '2.2')!.tasks[0]!;
		expect(after).toMatchObject({ status: 'in_progress', note: 'Đang lấy ý kiến.', evidence: [{ fileName: 'anh.png' }] });
	});

	it('lets administrators edit targets and tasks of their own agency only', async () => {
		const view = (await loadPlan(db, gialai, 2024))!;
		const c = view.criteria.find((x) => x.code === '1.9')!;
		expect(await editCriterionTarget(db, admin, gialai, c.id, { target_text: 'Tối thiểu 35%.', target_percent: '35', target_direction: 'at_least' })).toEqual({ ok: true, value: undefined });
		expect(await editCriterionTarget(db, admin, gialai, c.id, { target_text: '', target_percent: '120', target_direction: 'at_least' })).toMatchObject({ ok: false, errors: { target_percent: { key: 'plan.error.percent' } } });
		expect(await editCriterionTarget(db, admin, gialai, c.id, { target_text: '', target_percent: '50', target_direction: '' })).toMatchObject({ ok: false, errors: { target_direction: { key: 'plan.error.direction' } } });
		expect(await editCriterionTarget(db, otherAdmin, other, c.id, { target_text: 'x', target_percent: '', target_direction: '' })).toEqual({ ok: false, status: 404 });
		expect((await loadPlan(db, gialai, 2024))!.criteria.find((x) => x.code === '1.9')).toMatchObject({ targetPercent: 35, targetText: 'Tối thiểu 35%.' });
		await editCriterionTarget(db, admin, gialai, c.id, { target_text: c.targetText, target_percent: '30', target_direction: 'at_least' });

		expect(await editPlanHeader(db, admin, gialai, view.plan.id, { number: '1234/KH-SCT', title: view.plan.title, issued_on: '2024-07-15', signer: 'Phạm Văn Binh' })).toEqual({ ok: true, value: undefined });
		expect(await editPlanHeader(db, admin, gialai, view.plan.id, { number: '', title: ' ', issued_on: '15/07/2024', signer: '' })).toMatchObject({ ok: false, errors: { title: { key: 'admin.error.required' }, issued_on: { key: 'plan.error.date' } } });
		expect(await editPlanHeader(db, otherAdmin, other, view.plan.id, { number: '', title: 'x', issued_on: '', signer: '' })).toEqual({ ok: false, status: 404 });
		expect((await loadPlan(db, gialai, 2024))!.plan.number).toBe('1234/KH-SCT');
		await editPlanHeader(db, admin, gialai, view.plan.id, { number: view.plan.number, title: view.plan.title, issued_on: '2024-07-15', signer: 'Phạm Văn Binh' });

		const otherUnit = (await db.insertInto('units').values({ agency_id: other, name: 'Văn phòng' }).returning('id').executeTakeFirstOrThrow()).id;
		expect(await addTask(db, admin, gialai, c.id, { title: 'Số hóa', unit: String(otherUnit), owner: '', due_on: '2024-12-31' })).toMatchObject({ ok: false, errors: { unit: { key: 'admin.error.choose' } } });
		expect(await addTask(db, admin, gialai, c.id, { title: 'Số hóa', unit: '', owner: String(otherAdmin.id), due_on: '2024-12-31' })).toMatchObject({ ok: false, errors: { owner: { key: 'admin.error.choose' } } });
		expect(await addTask(db, admin, gialai, c.id, { title: ' ', unit: '', owner: '', due_on: '31/12/2024' })).toMatchObject({ ok: false, errors: { title: { key: 'admin.error.required' }, due_on: { key: 'plan.error.date' } } });
		const added = await addTask(db, admin, gialai, c.id, { title: 'Số hóa hồ sơ tồn', unit: '', owner: String(office.id), due_on: '2024-12-31' });
		expect(added.ok).toBe(true);
		const id = (added as { value: { id: number } }).value.id;
		expect(await editTask(db, admin, gialai, id, { title: 'Số hóa hồ sơ tồn đọng', unit: '', owner: String(office.id), due_on: '2025-01-15' })).toEqual({ ok: true, value: undefined });
		expect(await editTask(db, otherAdmin, other, id, { title: 'x', unit: '', owner: '', due_on: '2025-01-15' })).toEqual({ ok: false, status: 404 });
		expect((await db.selectFrom('plan_tasks').select(['title', 'due_on', 'owner_user_id']).where('id', '=', id).executeTakeFirstOrThrow())).toEqual({ title: 'Số hóa hồ sơ tồn đọng', due_on: '2025-01-15', owner_user_id: office.id });
		expect(await deleteTask(db, otherAdmin, other, id)).toEqual({ ok: false, status: 404 });
		expect(await deleteTask(db, admin, gialai, id)).toEqual({ ok: true, value: undefined });
		expect(await addTask(db, otherAdmin, other, c.id, { title: 'x', unit: '', owner: '', due_on: '2024-12-31' })).toEqual({ ok: false, status: 404 });
	});

	it('computes the PAR rates from the register flags, per Vietnam month, with "no data" for columns never filled', async () => {
		const rows = [
			// Received 30 June 23:30 Vietnam time (16:30 UTC): June, not July.
			'D1,P1,Cấp phép,Thương mại,Trực tuyến,Phòng Quản lý Thương mại,30/06/2024 23:30,05/07/2024 17:00,04/07/2024 10:00,có,Không,có,có,có',
			// Received 1 July 00:10 Vietnam time (30 June 17:10 UTC): July.
			'D2,P1,Cấp phép,Thương mại,Trực tiếp,Phòng Quản lý Thương mại,01/07/2024 00:10,05/07/2024 17:00,08/07/2024 10:00,TRUE,true,có,false,có',
			'D3,P2,Đăng ký,Thương mại,Trực tuyến,Phòng Quản lý Thương mại,02/07/2024 09:00,10/07/2024 17:00,10/07/2024 17:00,true,false,KHÔNG,,không',
			'D4,P2,Đăng ký,Thương mại,Trực tuyến,Phòng Quản lý Thương mại,03/07/2024 09:00,,,,,,,'
		];
		const imported = await importRegister(db, { agencyId: gialai, actor: admin, file: csv([HEADER, ...rows]), dryRun: false, origin: 'http://x.test', validDays: 30 });
		expect(imported).toMatchObject({ outcome: 'imported', rows: 4 });
		const stored = await db.selectFrom('dossiers').select(['code', 'synced_national', 'digitised', 'full_online_service', 'paid_online', 'fee_required']).where('agency_id', '=', gialai).orderBy('code').execute();
		expect(stored[3]).toEqual({ code: 'D4', synced_national: null, digitised: null, full_online_service: null, paid_online: null, fee_required: null });
		expect(stored[2]).toMatchObject({ synced_national: true, digitised: false, full_online_service: false, paid_online: null, fee_required: false });

		const q3 = (await loadProgress(db, gialai, { year: 2024, period: { kind: 'quarter', quarter: 3 }, minimumSample: 30, now: new Date('2024-12-02T03:00:00Z') }))!;
		const rate = (k: string) => q3.rates.find((r) => r.kind === k)!;
		// July: D2, D3 filled; D4 left empty (counted apart, never as "no").
		expect(rate('synced').period).toEqual({ numerator: 2, denominator: 2, unknown: 1, value: 1 });
		expect(rate('digitised').period).toEqual({ numerator: 1, denominator: 2, unknown: 1, value: 0.5 });
		// Full-online services received in July: D2, filed at the counter.
		expect(rate('full_online').period).toEqual({ numerator: 0, denominator: 1, unknown: 1, value: 0 });
		expect(rate('full_online').verdict).toBe('below');
		// Fee-bearing: D2 (not paid online); D3 bears none.
		expect(rate('paid_online').period).toEqual({ numerator: 0, denominator: 1, unknown: 1, value: 0 });
		// Returned in July with a due date: D1 (on time), D2 (late), D3 (on the minute: on time).
		expect(rate('on_time').period).toEqual({ numerator: 2, denominator: 3, unknown: 0, value: 2 / 3 });
		expect(rate('digitised').verdict).toBe('met');
		expect(q3.criteria.find((c) => c.code === '1.9')!.rate).toMatchObject({ verdict: 'met', latest: { month: '2024-07' } });

		// Narrowed to a unit or a procedure field: the Trade unit has them all, the Energy unit none.
		const units = await db.selectFrom('units').select(['id', 'name']).where('agency_id', '=', gialai).execute();
		const unitOf = (name: string) => units.find((u) => u.name === name)!.id;
		const narrowed = async (unitId: number) =>
			(await loadProgress(db, gialai, { year: 2024, period: { kind: 'quarter', quarter: 3 }, minimumSample: 30, now: new Date('2024-12-02T03:00:00Z'), unitId }))!.rates.find((r) => r.kind === 'synced')!.period;
		expect(await narrowed(unitOf('Phòng Quản lý Thương mại'))).toEqual({ numerator: 2, denominator: 2, unknown: 1, value: 1 });
		expect((await narrowed(unitOf('Phòng Quản lý Năng lượng'))).value).toBeNull();
		const page = await loadPlanPage(db, gialai, { minimumSample: 30, forAdmin: false, locale: 'vi', unitId: unitOf('Phòng Quản lý Năng lượng'), now: new Date('2024-12-02T03:00:00Z') });
		expect(page.filter).toEqual({ unitId: unitOf('Phòng Quản lý Năng lượng'), procedureFieldId: null });
		expect(page.rateWords.synced).toEqual({ latest: 'Chưa có dữ liệu', year: 'Chưa có dữ liệu' });
		const otherUnit = (await db.insertInto('units').values({ agency_id: other, name: 'Phòng khác' }).returning('id').executeTakeFirstOrThrow()).id;
		const unfiltered = await loadPlanPage(db, gialai, { minimumSample: 30, forAdmin: false, locale: 'vi', unitId: otherUnit, now: new Date('2024-12-02T03:00:00Z') });
		expect(unfiltered.filter.unitId).toBeNull();
		expect(unfiltered.rateWords.synced!.latest).toBe('100,0% (2/2 hồ sơ, tháng 07/2024)');

		const q2 = (await loadProgress(db, gialai, { year: 2024, period: { kind: 'quarter', quarter: 2 }, minimumSample: 30, now: new Date('2024-12-02T03:00:00Z') }))!;
		expect(q2.rates.find((r) => r.kind === 'synced')!.period.value).toBe(1);
		const q1 = (await loadProgress(db, gialai, { year: 2024, period: { kind: 'quarter', quarter: 1 }, minimumSample: 30, now: new Date('2024-12-02T03:00:00Z') }))!;
		expect(q1.rates.every((r) => r.period.value === null && r.verdict === 'no_data')).toBe(true);
		expect(q1.criteria.find((c) => c.code === '1.2')!.rate!.verdict).toBe('no_data');
		// Tasks are judged as of the quarter's end: done in December, so still open (and late) at the end of Q3? Its due date is in November.
		expect(q3.criteria.find((c) => c.code === '1.8')!.tasksWithState[0]!.state).toBe('open');
		// Criteria needing attention come first.
		const attention = q3.criteria.filter((c) => c.attention).map((c) => c.code);
		expect(q3.criteria.slice(0, attention.length).map((c) => c.code)).toEqual(attention);
		expect(attention).toContain('1.11');
	});

	it('rejects a register with a bad flag whole, listing every bad row; the push API likewise', async () => {
		const bad = await importRegister(db, {
			agencyId: gialai, actor: admin, dryRun: false, origin: 'http://x.test', validDays: 30,
			file: csv([
				HEADER,
				'E1,P1,Cấp phép,Thương mại,Trực tuyến,Phòng Quản lý Thương mại,02/07/2024 09:00,,,yes,,,,',
				'E2,P1,Cấp phép,Thương mại,Trực tuyến,Phòng Quản lý Thương mại,02/07/2024 09:00,,,có,Có,CÓ,Không,KHÔNG',
				'E3,P1,Cấp phép,Thương mại,Trực tuyến,Phòng Quản lý Thương mại,02/07/2024 09:00,,,,,1,,x'
			])
		});
		expect(bad).toMatchObject({ outcome: 'rejected', rows: 3, badRows: 2 });
		expect((bad as { errors: unknown[] }).errors).toEqual([
			{ row: 2, column: { letter: 'J', title: 'synced_national' }, message: { key: 'dossiers.row.flag', params: { value: 'yes' } } },
			{ row: 4, column: { letter: 'L', title: 'full_online_service' }, message: { key: 'dossiers.row.flag', params: { value: '1' } } },
			{ row: 4, column: { letter: 'N', title: 'fee_required' }, message: { key: 'dossiers.row.flag', params: { value: 'x' } } }
		]);
		expect(await db.selectFrom('dossiers').select('code').where('code', 'like', 'E%').execute()).toEqual([]);

		// An XLSX whose flags are Excel booleans or words.
		const header = HEADER.split(',').map((value) => ({ value }));
		const cells = ['G1', 'P1', 'Cấp phép', 'Thương mại', 'Trực tuyến', 'Phòng Quản lý Thương mại', '02/10/2024 09:00', '', ''].map((value) => ({ value }));
		const xlsx = await writeXlsxFile([header, [...cells, { value: true, type: Boolean }, { value: false, type: Boolean }, { value: 'Có' }, null, { value: 'KHÔNG' }]]).toBuffer();
		expect(await importRegister(db, { agencyId: gialai, actor: admin, dryRun: false, origin: 'http://x.test', validDays: 30, file: { name: 'so.xlsx', bytes: new Uint8Array(xlsx) } })).toMatchObject({ outcome: 'imported', created: 1 });
		expect(await db.selectFrom('dossiers').select(['synced_national', 'digitised', 'full_online_service', 'paid_online', 'fee_required']).where('code', '=', 'G1').executeTakeFirstOrThrow()).toEqual({
			synced_national: true, digitised: false, full_online_service: true, paid_online: null, fee_required: false
		});

		const t = staffTranslator('vi');
		const base = { procedure_code: 'P1', procedure_name: 'Cấp phép', procedure_field: 'Thương mại', channel: 'online', unit: 'Phòng Quản lý Thương mại', received_at: '2024-07-02T09:00' };
		const pushed = await pushDossiers(db, { agencyId: gialai, actor: admin, origin: 'http://x.test', validDays: 30, body: [{ ...base, dossier_code: 'F1', digitised: true, fee_required: 'không' }, { ...base, dossier_code: 'F2', paid_online: 'maybe' }] }, t);
		expect(pushed).toMatchObject({ ok: false, issues: [{ index: 1, field: 'paid_online', key: 'dossiers.row.flag' }] });
		expect(await pushDossiers(db, { agencyId: gialai, actor: admin, origin: 'http://x.test', validDays: 30, body: [{ ...base, dossier_code: 'F1', digitised: true, fee_required: 'không' }] }, t)).toMatchObject({ ok: true, created: 1 });
		expect(await db.selectFrom('dossiers').select(['digitised', 'fee_required', 'synced_national']).where('code', '=', 'F1').executeTakeFirstOrThrow()).toEqual({ digitised: true, fee_required: false, synced_national: null });
	});

	it('reminds owners a week before and the day after, and the Office weekly; each once, delivered by SMTP', async () => {
		const c = (await loadPlan(db, gialai, 2025)) ?? null;
		expect(c).toBeNull();
		const view = (await loadPlan(db, gialai, 2024))!;
		const criterion = view.criteria.find((x) => x.code === '1.1')!;
		const soon = await addTask(db, admin, gialai, criterion.id, { title: 'Báo cáo quý IV', unit: '', owner: String(office.id), due_on: '2025-01-10' });
		const late = await addTask(db, admin, gialai, criterion.id, { title: 'Tổng kết', unit: '', owner: String(admin.id), due_on: '2025-01-02' });
		expect(soon.ok && late.ok).toBe(true);
		// 3 January 2025, 09:00 Vietnam time (a Friday).
		const now = new Date('2025-01-03T02:00:00Z');
		mails.length = 0;
		await db.deleteFrom('outbox').execute();
		const queued = await queuePlanReminders(db, { origin: 'https://khaosat.test', now });
		const outbox = await db.selectFrom('outbox').select(['topic', 'recipient', 'subject', 'body', 'idempotency_key']).orderBy('id').execute();
		expect(outbox.map((m) => [m.topic, m.recipient])).toEqual([
			['plan.task.late', 'admin@plan.test'],
			['plan.task.soon', 'vanphong@plan.test'],
			['plan.office.weekly', 'vanphong@plan.test']
		]);
		expect(queued).toBe(3);
		expect(outbox[0]!.subject).toBe('Quá hạn: nhiệm vụ “Tổng kết” (hạn 02/01/2025)');
		expect(outbox[1]!.body).toContain('https://khaosat.test/a/sct-gialai/plan?year=2024');
		// The weekly list holds every late task of the agency (the seeded ones still open too), not another agency's.
		expect(outbox[2]!.body).toContain('1.1: Tổng kết (hạn 02/01/2025)');
		expect(outbox[2]!.body).not.toContain('Việc của sở khác');
		expect(outbox[2]!.idempotency_key).toBe(`plan.office.weekly:${gialai}:2024-12-30:vanphong@plan.test`);
		// Again the same day, and in two processes at once: nothing new.
		const again = await Promise.all([queuePlanReminders(db, { origin: 'https://khaosat.test', now }), queuePlanReminders(db, { origin: 'https://khaosat.test', now })]);
		expect(again).toEqual([0, 0]);
		// The next week: a new weekly list; the late reminder is not repeated.
		expect(await queuePlanReminders(db, { origin: 'https://khaosat.test', now: new Date('2025-01-06T02:00:00Z') })).toBe(1);

		const transports = {
			email: emailTransport(nodemailer.createTransport({ host: '127.0.0.1', port: smtpPort, secure: false, ignoreTLS: true }), 'Hài Lòng <khaosat@sct.test>'),
			sms: gatewayTransport('http://127.0.0.1:9/unused', 'x', 'unused', 1000)
		};
		const round = await deliverDue(db, { transports, maxAttempts: 3, now: () => new Date('2025-01-06T03:00:00Z') });
		expect(round.sent).toBe(4);
		expect(mails.map((m) => m.to).sort()).toEqual(['admin@plan.test', 'vanphong@plan.test', 'vanphong@plan.test', 'vanphong@plan.test']);
	});

	it('writes the quarterly report as .docx and PDF with every criterion, and the rates as XLSX', async () => {
		const agency = await db.selectFrom('agencies').select(['id', 'code', 'name_vi', 'name_en']).where('id', '=', gialai).executeTakeFirstOrThrow();
		const now = new Date('2024-12-02T03:00:00Z');
		const report = (await buildPlanReport(db, agency, { year: 2024, period: { kind: 'quarter', quarter: 3 }, locale: 'vi', minimumSample: 30, now }))!;
		expect(report.placeDate).toBe('Gia Lai, ngày 02 tháng 12 năm 2024');
		expect(report.numberLine).toBe('Số:        /BC-SCT');
		expect(report.title).toBe('Kết quả thực hiện Kế hoạch …/KH-SCT quý 3 năm 2024');
		const docx = await planReportDocx(report);
		const xml = strFromU8(unzipSync(new Uint8Array(docx))['word/document.xml']!);
		const text = xml.replace(/<[^>]+>/g, '');
		for (const code of ['1.1', '1.2', '1.9', '1.10', '1.13', '2.1', '2.7']) expect(text).toContain(`${code}. `);
		expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
		expect(text).toContain('Triển khai số hóa hồ sơ giải quyết TTHC');
		// July: D2 and the pushed F1 digitised, D3 not (D4 left empty), against a target of at least 30%.
		expect(text).toContain('b) Kết quả: 66,7% (2/3 hồ sơ)');
		const pdf = pdfText(await planReportPdf(report));
		expect(pdf).toContain('BÁO CÁO');
		expect(pdf).toContain('1.13.');
		expect(await buildPlanReport(db, agency, { year: 2031, period: { kind: 'year' }, locale: 'vi', minimumSample: 30, now })).toBeNull();

		const progress = report.progress;
		const xlsx = await planRatesXlsx(progress, { units: new Map([[1, 'Văn phòng']]), fields: new Map() }, 'vi');
		const rows = (await readSheet(xlsx)) as unknown[][];
		expect(rows[0]![0]).toBe('Tháng');
		const digitisedJuly = rows.find((r) => r[0] === '2024-07' && r[1] === 'Tất cả' && r[3] === 'Hồ sơ được số hóa')!;
		expect(digitisedJuly.slice(4, 7)).toEqual([2, 3, 1]);
		expect(digitisedJuly[7]).toBeCloseTo(2 / 3, 12);
		const syncedAugust = rows.find((r) => r[0] === '2024-08' && r[1] === 'Tất cả' && r[3] === 'Hồ sơ đồng bộ, công khai trên Cổng DVC quốc gia')!;
		expect(syncedAugust[7]).toBe('Chưa có dữ liệu');
	});
});
