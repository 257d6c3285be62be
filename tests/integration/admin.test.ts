import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAgency, listAgencies } from '../../src/lib/server/agencies/agencies';
import { listAuditEntries } from '../../src/lib/server/audit/audit-log';
import { createCounter, listCounters, moveCounter, renameCounter, setCounterActive } from '../../src/lib/server/counters/counters';
import { goalForm, listGoals, saveGoals } from '../../src/lib/server/goals/edit-goals';
import { createProcedureField, renameProcedureField } from '../../src/lib/server/procedure-fields/procedure-fields';
import { activateVersion, createVersion, getVersion, listVersions, updateVersion } from '../../src/lib/server/survey/versions';
import { createToken, listTokens, revokeToken } from '../../src/lib/server/auth/manage-tokens';
import { createUnit, listUnits, renameUnit } from '../../src/lib/server/units/units';
import { changeUserRole, createAgencyUser, listUsers, resetUserPassword, setUserActive } from '../../src/lib/server/auth/manage-users';
import type { Principal } from '../../src/lib/server/auth/principal';
import { createSession } from '../../src/lib/server/auth/session';
import { tokenPrincipal } from '../../src/lib/server/auth/tokens';
import { createUser } from '../../src/lib/server/auth/users';
import { verifyPassword } from '../../src/lib/server/auth/password';
import type { Database } from '../../src/lib/server/db/schema';
import { seedReference } from '../../src/lib/server/seed/reference';
import { findCounterSurvey } from '../../src/lib/server/survey/definition';
import { databaseKinds, migratedDatabase, type TestDatabase } from './helpers/databases';

/** The audit entries of an agency for one entity, oldest first, as stored. */
async function auditOf(db: Kysely<Database>, agencyId: number, entity: string, entityId: number | string) {
	return db
		.selectFrom('audit_log')
		.select(['action', 'actor', 'user_id', 'before', 'after'])
		.where('agency_id', '=', agencyId)
		.where('entity', '=', entity)
		.where('entity_id', '=', String(entityId))
		.orderBy('id')
		.execute();
}

function expectOk<T>(outcome: { ok: true; value: T } | { ok: false }): T {
	expect(outcome).toMatchObject({ ok: true });
	return (outcome as { value: T }).value;
}

describe.each(await databaseKinds())('administration on %s', (kind) => {
	let database: TestDatabase;
	let db: Kysely<Database>;
	let gialai: number;
	let other: number;
	let admin: Principal;
	let province: Principal;

	beforeAll(async () => {
		database = await migratedDatabase(kind);
		db = database.db;
		await seedReference(db);
		const provinceUser = await createUser(db, { email: 'province@test.vn', password: 'province-password', role: 'province_admin', agencyCode: null });
		province = { kind: 'user', id: provinceUser.id, label: 'province@test.vn', role: 'province_admin', agencyId: null };
		gialai = (await db.selectFrom('agencies').select('id').where('code', '=', 'sct-gialai').executeTakeFirstOrThrow()).id;
		const adminUser = await createUser(db, { email: 'admin@test.vn', password: 'admin-password', role: 'admin', agencyCode: 'sct-gialai' });
		admin = { kind: 'user', id: adminUser.id, label: 'admin@test.vn', role: 'admin', agencyId: gialai };
		other = expectOk(await createAgency(db, province, { code: 'so-khac', name_vi: 'Sở Khác', name_en: 'Other Department', questionnaire: 'on', goals: 'on' })).id;
	});
	afterAll(() => database?.drop());

	describe('agencies', () => {
		it('creates an agency with questionnaire version 1 active and the plan’s goals, audited', async () => {
			const versions = await listVersions(db, other);
			expect(versions).toMatchObject([{ number: 1, active: true, status: 'active', responses: 0 }]);
			const version = await getVersion(db, other, versions[0]!.id);
			expect(version!.dimensions.flatMap((d) => d.criteria.map((c) => c.key))).toHaveLength(28);
			const goals = await listGoals(db, other);
			expect(goals.years).toEqual([2023, 2024]);
			expect(goals.dimensions.find((d) => d.key === 'service_access')).toMatchObject({ baseline: { 2023: 84.19 }, target: { 2024: 86.19 } });
			expect(await listUnits(db, other)).toEqual([]);
			expect(await auditOf(db, other, 'agency', other)).toEqual([
				{
					action: 'agency.create',
					actor: 'province@test.vn',
					user_id: province.id,
					before: null,
					after: { code: 'so-khac', name_vi: 'Sở Khác', name_en: 'Other Department', questionnaire: true, goals: true }
				}
			]);
		});

		it('creates an empty agency when both starts are unticked, and refuses a taken or malformed code', async () => {
			const empty = expectOk(await createAgency(db, province, { code: 'So-Trong', name_vi: 'Sở Trống', name_en: 'Empty' }));
			expect(empty.code).toBe('so-trong');
			expect(await listVersions(db, empty.id)).toEqual([]);
			expect((await listGoals(db, empty.id)).years).toEqual([]);
			expect(await createAgency(db, province, { code: 'sct-gialai', name_vi: 'X', name_en: 'X' })).toEqual({
				ok: false,
				status: 400,
				errors: { code: { key: 'admin.agencies.codeTaken', params: { code: 'sct-gialai' } } }
			});
			expect(await createAgency(db, province, { code: 'sở công thương', name_vi: '', name_en: 'X' })).toMatchObject({
				ok: false,
				errors: { code: { key: 'admin.agencies.codeFormat' }, name_vi: { key: 'admin.error.required' } }
			});
			expect((await listAgencies(db)).map((a) => a.code).sort()).toEqual(['sct-gialai', 'so-khac', 'so-trong']);
		});
	});

	describe('units and procedure fields', () => {
		it('creates and renames a unit with before and after in the audit log; refuses a duplicate name', async () => {
			const unit = expectOk(await createUnit(db, admin, gialai, { name: '  Phòng Thử nghiệm ' }));
			expectOk(await renameUnit(db, admin, gialai, unit.id, { name: 'Phòng Kiểm định' }));
			expect(await auditOf(db, gialai, 'unit', unit.id)).toMatchObject([
				{ action: 'unit.create', after: { name: 'Phòng Thử nghiệm' } },
				{ action: 'unit.rename', before: { name: 'Phòng Thử nghiệm' }, after: { name: 'Phòng Kiểm định' } }
			]);
			expect(await createUnit(db, admin, gialai, { name: 'Văn phòng' })).toEqual({ ok: false, status: 400, errors: { name: { key: 'admin.error.nameTaken' } } });
			expect(await renameUnit(db, admin, gialai, unit.id, { name: 'Văn phòng' })).toMatchObject({ ok: false, errors: { name: { key: 'admin.error.nameTaken' } } });
			expect(await createUnit(db, admin, gialai, { name: '   ' })).toMatchObject({ ok: false, errors: { name: { key: 'admin.error.required' } } });
			// The same name in another agency is another unit.
			expectOk(await createUnit(db, admin, other, { name: 'Văn phòng' }));
		});

		it('creates and renames a procedure field, audited', async () => {
			const field = expectOk(await createProcedureField(db, admin, gialai, { name: 'Xăng dầu' }));
			expectOk(await renameProcedureField(db, admin, gialai, field.id, { name: 'Kinh doanh xăng dầu' }));
			expect(await auditOf(db, gialai, 'procedure_field', field.id)).toMatchObject([
				{ action: 'procedure_field.create', after: { name: 'Xăng dầu' } },
				{ action: 'procedure_field.rename', before: { name: 'Xăng dầu' }, after: { name: 'Kinh doanh xăng dầu' } }
			]);
		});
	});

	describe('counters', () => {
		let unitA: number;
		let unitB: number;
		let counterId: number;
		beforeAll(async () => {
			unitA = expectOk(await createUnit(db, admin, gialai, { name: 'Phòng A' })).id;
			unitB = expectOk(await createUnit(db, admin, gialai, { name: 'Phòng B' })).id;
		});

		it('creates a counter whose survey is live at once, with the creation audited', async () => {
			const created = expectOk(await createCounter(db, admin, gialai, { code: 'QA-01', name: 'Quầy thử', unit: String(unitA) }));
			counterId = created.id;
			expect(created.code).toBe('qa-01');
			expect((await findCounterSurvey(db, 'qa-01'))?.counter).toEqual({ id: counterId, code: 'qa-01', name: 'Quầy thử', name_en: null });
			expect(await auditOf(db, gialai, 'counter', counterId)).toEqual([
				{ action: 'counter.create', actor: 'admin@test.vn', user_id: admin.id, before: null, after: { code: 'qa-01', name: 'Quầy thử', unit: 'Phòng A', active: true } }
			]);
		});

		it('refuses a code in use anywhere in the install, a malformed code and a unit of another agency', async () => {
			const counters = async () => (await db.selectFrom('counters').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
			const before = Number(await counters());
			expect(await createCounter(db, admin, other, { code: 'vp-01', name: 'Quầy', unit: String(unitA) })).toMatchObject({ ok: false });
			const otherUnit = expectOk(await createUnit(db, admin, other, { name: 'Phòng Một cửa' })).id;
			expect(await createCounter(db, admin, other, { code: 'vp-01', name: 'Quầy', unit: String(otherUnit) })).toEqual({
				ok: false,
				status: 400,
				errors: { code: { key: 'admin.counters.codeTaken', params: { code: 'vp-01' } } }
			});
			for (const code of ['a', 'quầy-1', '-ab', 'ab_c', 'a'.repeat(41), 'ab/c']) {
				expect(await createCounter(db, admin, gialai, { code, name: 'Quầy', unit: String(unitA) }), code).toMatchObject({
					ok: false,
					errors: { code: { key: 'admin.counters.codeFormat' } }
				});
			}
			expect(await createCounter(db, admin, gialai, { code: 'ok-02', name: 'Quầy', unit: String(otherUnit) })).toEqual({
				ok: false,
				status: 400,
				errors: { unit: { key: 'admin.error.choose' } }
			});
			expect(Number(await counters())).toBe(before);
		});

		it('renames, moves, deactivates and reactivates, each with before and after; deactivated answers no survey', async () => {
			expectOk(await renameCounter(db, admin, gialai, counterId, { name: 'Quầy thử nghiệm' }));
			expectOk(await moveCounter(db, admin, gialai, counterId, { unit: String(unitB) }));
			expectOk(await setCounterActive(db, admin, gialai, counterId, false));
			expect(await findCounterSurvey(db, 'qa-01')).toBeUndefined();
			expectOk(await setCounterActive(db, admin, gialai, counterId, false)); // no change, no entry
			expectOk(await setCounterActive(db, admin, gialai, counterId, true));
			expect(await findCounterSurvey(db, 'qa-01')).toBeDefined();

			expect((await auditOf(db, gialai, 'counter', counterId)).slice(1)).toEqual([
				{ action: 'counter.rename', actor: 'admin@test.vn', user_id: admin.id, before: { code: 'qa-01', name: 'Quầy thử' }, after: { code: 'qa-01', name: 'Quầy thử nghiệm' } },
				{ action: 'counter.move', actor: 'admin@test.vn', user_id: admin.id, before: { code: 'qa-01', unit: 'Phòng A' }, after: { code: 'qa-01', unit: 'Phòng B' } },
				{ action: 'counter.deactivate', actor: 'admin@test.vn', user_id: admin.id, before: { code: 'qa-01', active: true }, after: { code: 'qa-01', active: false } },
				{ action: 'counter.reactivate', actor: 'admin@test.vn', user_id: admin.id, before: { code: 'qa-01', active: false }, after: { code: 'qa-01', active: true } }
			]);
			const listed = (await listCounters(db, gialai)).find((c) => c.id === counterId);
			expect(listed).toMatchObject({ name: 'Quầy thử nghiệm', unitName: 'Phòng B', active: true, responses: 0 });
		});

		it('keeps an optional English name: set at creation or later, blank for none, audited when it changes', async () => {
			const id = expectOk(await createCounter(db, admin, gialai, { code: 'qa-en', name: 'Quầy Một cửa', name_en: ' One-stop counter ', unit: String(unitA) })).id;
			expect((await findCounterSurvey(db, 'qa-en'))?.counter).toMatchObject({ name: 'Quầy Một cửa', name_en: 'One-stop counter' });
			expectOk(await renameCounter(db, admin, gialai, id, { name: 'Quầy Một cửa' })); // no English field: unchanged, no entry
			expectOk(await renameCounter(db, admin, gialai, id, { name: 'Quầy Một cửa', name_en: 'Front desk' }));
			expectOk(await renameCounter(db, admin, gialai, id, { name: 'Quầy tiếp nhận', name_en: '' }));
			expect((await findCounterSurvey(db, 'qa-en'))?.counter).toMatchObject({ name: 'Quầy tiếp nhận', name_en: null });
			expect(await renameCounter(db, admin, gialai, id, { name: 'Quầy', name_en: 'x'.repeat(201) })).toMatchObject({
				ok: false,
				errors: { name_en: { key: 'admin.error.tooLong200' } }
			});
			expect((await auditOf(db, gialai, 'counter', id)).map((e) => [e.action, e.before, e.after])).toEqual([
				['counter.create', null, { code: 'qa-en', name: 'Quầy Một cửa', name_en: 'One-stop counter', unit: 'Phòng A', active: true }],
				['counter.rename', { code: 'qa-en', name_en: 'One-stop counter' }, { code: 'qa-en', name_en: 'Front desk' }],
				['counter.rename', { code: 'qa-en', name: 'Quầy Một cửa', name_en: 'Front desk' }, { code: 'qa-en', name: 'Quầy tiếp nhận', name_en: null }]
			]);
			await setCounterActive(db, admin, gialai, id, false);
		});

		it('changes nothing when asked to move to another agency’s unit', async () => {
			const otherUnit = (await listUnits(db, other))[0]!.id;
			expect(await moveCounter(db, admin, gialai, counterId, { unit: String(otherUnit) })).toEqual({ ok: false, status: 400, errors: { unit: { key: 'admin.error.choose' } } });
			expect((await db.selectFrom('counters').select('unit_id').where('id', '=', counterId).executeTakeFirstOrThrow()).unit_id).toBe(unitB);
		});
	});

	describe('baselines and targets', () => {
		it('pre-fills a new year with the latest baseline and a target 2 points above it', async () => {
			const form = await goalForm(db, gialai, 2026);
			expect(form.isNew).toBe(true);
			expect(form.rows.find((r) => r.key === 'service_access')).toMatchObject({ baseline: 84.19, target: 86.19 });
			expect(form.rows.find((r) => r.key === 'civil_servants')).toMatchObject({ baseline: 84.9, target: 86.9 });
			const existing = await goalForm(db, gialai, 2024);
			expect(existing.isNew).toBe(false);
			expect(existing.rows.find((r) => r.key === 'service_access')).toMatchObject({ baseline: null, target: 86.19 });
		});

		it('saves percents typed with a comma or a point, removes emptied ones, and audits the change', async () => {
			const fields: Record<string, string> = {};
			for (const row of (await goalForm(db, gialai, 2026)).rows) {
				fields[`baseline.${row.key}`] = String(row.baseline).replace('.', ',');
				fields[`target.${row.key}`] = String(row.target);
			}
			fields['target.service_access'] = '87,5';
			fields['target.procedures'] = ' 86.09 % ';
			fields['baseline.feedback_handling'] = '';
			expectOk(await saveGoals(db, admin, gialai, 2026, fields));
			const goals = await listGoals(db, gialai);
			const of = (key: string) => goals.dimensions.find((d) => d.key === key)!;
			expect(goals.years).toContain(2026);
			expect(of('service_access').target[2026]).toBe(87.5);
			expect(of('service_access').baseline[2026]).toBe(84.19);
			expect(of('procedures').target[2026]).toBe(86.09);
			expect(of('feedback_handling').baseline[2026]).toBeUndefined();

			const entries = await auditOf(db, gialai, 'goals', 2026);
			expect(entries).toHaveLength(1);
			expect(entries[0]).toMatchObject({ action: 'goals.save', before: { baseline: {}, target: {} } });
			expect((entries[0]!.after as { target: Record<string, number> }).target.service_access).toBe(87.5);

			// Saving the same values again writes no second entry.
			const again: Record<string, string> = {};
			for (const d of goals.dimensions) {
				if (d.baseline[2026] !== undefined) again[`baseline.${d.key}`] = String(d.baseline[2026]);
				if (d.target[2026] !== undefined) again[`target.${d.key}`] = String(d.target[2026]);
			}
			expectOk(await saveGoals(db, admin, gialai, 2026, again));
			expect(await auditOf(db, gialai, 'goals', 2026)).toHaveLength(1);
		});

		it('refuses out-of-range, malformed or over-precise values and changes nothing', async () => {
			const before = await listGoals(db, gialai);
			const outcome = await saveGoals(db, admin, gialai, 2026, {
				'baseline.service_access': '101',
				'target.service_access': 'tám mươi',
				'baseline.procedures': '84,195',
				'target.procedures': '-3'
			});
			expect(outcome).toEqual({
				ok: false,
				status: 400,
				errors: {
					'baseline.service_access': { key: 'admin.goals.range' },
					'target.service_access': { key: 'admin.goals.format' },
					'baseline.procedures': { key: 'admin.goals.decimals' },
					'target.procedures': { key: 'admin.goals.format' }
				}
			});
			expect(await listGoals(db, gialai)).toEqual(before);
			expect(await saveGoals(db, admin, gialai, 1999, {})).toEqual({ ok: false, status: 404 });
		});
	});

	describe('survey versions', () => {
		let v1: number;
		let v2: number;
		beforeAll(async () => {
			v1 = (await listVersions(db, gialai)).find((v) => v.active)!.id;
		});

		it('copies the active version into a draft with the same keys, dimensions and wording', async () => {
			const created = expectOk(await createVersion(db, admin, gialai));
			v2 = created.id;
			expect(created.number).toBe(2);
			const [original, copy] = [await getVersion(db, gialai, v1), await getVersion(db, gialai, v2)];
			expect(copy).toMatchObject({ active: false, status: 'draft', editable: true, responses: 0 });
			expect(copy!.dimensions).toEqual(original!.dimensions);
			expect(await auditOf(db, gialai, 'survey_version', v2)).toMatchObject([
				{ action: 'survey_version.create', after: { number: 2, copied_from: 'v1', criteria: 28 } }
			]);
		});

		it('edits a draft’s wording, keeping its keys, with the changed texts in the audit log', async () => {
			const version = (await getVersion(db, gialai, v2))!;
			const fields: Record<string, string> = { lead_in_vi: version.lead_in_vi, lead_in_en: version.lead_in_en };
			for (const c of version.dimensions.flatMap((d) => d.criteria)) {
				fields[`text_vi.${c.key}`] = c.text_vi;
				fields[`text_en.${c.key}`] = c.text_en;
			}
			fields['text_vi.CC1'] = 'Công chức niềm nở, lịch sự';
			fields['text_en.CC1'] = 'Officials are friendly and polite';
			fields['key.CC1'] = 'XX9'; // not a field: keys cannot be edited
			expectOk(await updateVersion(db, admin, gialai, v2, fields));
			const edited = (await getVersion(db, gialai, v2))!;
			const cc1 = edited.dimensions.flatMap((d) => d.criteria).find((c) => c.key === 'CC1');
			expect(cc1).toEqual({ key: 'CC1', text_vi: 'Công chức niềm nở, lịch sự', text_en: 'Officials are friendly and polite' });
			expect(edited.dimensions.flatMap((d) => d.criteria.map((c) => c.key))).toEqual(
				(await getVersion(db, gialai, v1))!.dimensions.flatMap((d) => d.criteria.map((c) => c.key))
			);
			expect((await auditOf(db, gialai, 'survey_version', v2)).at(-1)).toMatchObject({
				action: 'survey_version.update',
				before: { number: 2, 'CC1.vi': 'Công chức có thái độ giao tiếp lịch sự', 'CC1.en': 'Officials are polite' },
				after: { number: 2, 'CC1.vi': 'Công chức niềm nở, lịch sự', 'CC1.en': 'Officials are friendly and polite' }
			});

			expect(await updateVersion(db, admin, gialai, v2, { ...fields, 'text_vi.PA1': '', lead_in_en: 'x'.repeat(201) })).toEqual({
				ok: false,
				status: 400,
				errors: { 'text_vi.PA1': { key: 'admin.error.required' }, lead_in_en: { key: 'admin.survey.tooLong', params: { max: 200 } } }
			});
		});

		it('activates a version: exactly one active, the switch audited, new submissions go to it', async () => {
			expectOk(await activateVersion(db, admin, gialai, v2));
			const versions = await listVersions(db, gialai);
			expect(versions.filter((v) => v.active).map((v) => v.id)).toEqual([v2]);
			expect((await findCounterSurvey(db, 'vp-01'))!.version.id).toBe(v2);
			expect((await auditOf(db, gialai, 'survey_version', v2)).at(-1)).toMatchObject({
				action: 'survey_version.activate',
				before: { active_version: 1 },
				after: { active_version: 2 }
			});
			// Another agency's active version is untouched.
			expect((await listVersions(db, other)).filter((v) => v.active)).toHaveLength(1);
		});

		it('refuses to edit a version that has responses, with a clear message; the trigger backs it up', async () => {
			const survey = (await findCounterSurvey(db, 'vp-01'))!;
			await db
				.insertInto('responses')
				.values({ agency_id: gialai, counter_id: survey.counter.id, survey_version_id: v2, submission_id: randomUUID() })
				.execute();
			const version = (await getVersion(db, gialai, v2))!;
			expect(version).toMatchObject({ status: 'active', editable: false, responses: 1 });
			const fields: Record<string, string> = { lead_in_vi: 'Mới', lead_in_en: 'New' };
			for (const c of version.dimensions.flatMap((d) => d.criteria)) {
				fields[`text_vi.${c.key}`] = `${c.text_vi} (sửa)`;
				fields[`text_en.${c.key}`] = c.text_en;
			}
			expect(await updateVersion(db, admin, gialai, v2, fields)).toEqual({
				ok: false,
				status: 409,
				errors: { form: { key: 'admin.survey.frozen', params: { number: 2 } } }
			});
			expect(await getVersion(db, gialai, v2)).toEqual(version);
			await expect(sql`update criteria set text_vi = 'x' where survey_version_id = ${v2}`.execute(db)).rejects.toThrow(/cannot be changed/);
		});

		it('makes the next copy from the version now active', async () => {
			const v3 = expectOk(await createVersion(db, admin, gialai));
			expect(v3.number).toBe(3);
			const cc1 = (await getVersion(db, gialai, v3.id))!.dimensions.flatMap((d) => d.criteria).find((c) => c.key === 'CC1');
			expect(cc1?.text_vi).toBe('Công chức niềm nở, lịch sự');
		});

		it('answers not found for another agency’s version', async () => {
			const otherVersion = (await listVersions(db, other))[0]!.id;
			expect(await activateVersion(db, admin, gialai, otherVersion)).toEqual({ ok: false, status: 404 });
			expect(await updateVersion(db, admin, gialai, otherVersion, { lead_in_vi: 'x', lead_in_en: 'x' })).toEqual({ ok: false, status: 404 });
			expect(await getVersion(db, gialai, otherVersion)).toBeUndefined();
		});
	});

	describe('users', () => {
		let staffId: number;
		it('creates a user of the agency, never echoing the password in the audit log', async () => {
			const created = expectOk(await createAgencyUser(db, admin, gialai, { email: ' Staff2@Test.VN ', name: 'Nguyễn Văn B', role: 'staff', password: 'một mật khẩu dài' }));
			staffId = created.id;
			const row = await db.selectFrom('users').selectAll().where('id', '=', staffId).executeTakeFirstOrThrow();
			expect(row).toMatchObject({ email: 'staff2@test.vn', agency_id: gialai, role: 'staff', active: true });
			expect(await verifyPassword('một mật khẩu dài', row.password_hash)).toBe(true);
			const entries = await auditOf(db, gialai, 'user', staffId);
			expect(entries).toEqual([{ action: 'user.create', actor: 'admin@test.vn', user_id: admin.id, before: null, after: { email: 'staff2@test.vn', name: 'Nguyễn Văn B', role: 'staff', active: true } }]);
			expect(JSON.stringify(entries)).not.toContain('mật khẩu');
		});

		it('refuses a taken email, a short password, a bad email and a province role', async () => {
			expect(await createAgencyUser(db, admin, gialai, { email: 'admin@test.vn', role: 'staff', password: 'long enough pw' })).toMatchObject({ ok: false, errors: { email: { key: 'admin.users.emailTaken' } } });
			expect(await createAgencyUser(db, admin, gialai, { email: 'x@test.vn', role: 'staff', password: 'short' })).toMatchObject({ ok: false, errors: { password: { key: 'admin.users.passwordShort' } } });
			expect(await createAgencyUser(db, admin, gialai, { email: 'không-phải-email', role: 'staff', password: 'long enough pw' })).toMatchObject({ ok: false, errors: { email: { key: 'admin.users.emailFormat' } } });
			expect(await createAgencyUser(db, admin, gialai, { email: 'p@test.vn', role: 'province_admin', password: 'long enough pw' })).toMatchObject({ ok: false, errors: { role: { key: 'admin.users.roleChoose' } } });
			expect((await listUsers(db, gialai)).map((u) => u.email)).not.toContain('x@test.vn');
		});

		it('deactivates (ending sessions), reactivates, changes the role and resets the password, all audited', async () => {
			await createSession(db, staffId);
			expectOk(await setUserActive(db, admin, gialai, staffId, false));
			expect(await db.selectFrom('sessions').select('user_id').where('user_id', '=', staffId).execute()).toEqual([]);
			expectOk(await setUserActive(db, admin, gialai, staffId, true));
			expectOk(await changeUserRole(db, admin, gialai, staffId, { role: 'leader' }));
			await createSession(db, staffId);
			expectOk(await resetUserPassword(db, admin, gialai, staffId, { password: 'mật khẩu mới đủ dài' }));
			expect(await db.selectFrom('sessions').select('user_id').where('user_id', '=', staffId).execute()).toEqual([]);
			const row = await db.selectFrom('users').select(['role', 'password_hash']).where('id', '=', staffId).executeTakeFirstOrThrow();
			expect(row.role).toBe('leader');
			expect(await verifyPassword('mật khẩu mới đủ dài', row.password_hash)).toBe(true);
			expect((await auditOf(db, gialai, 'user', staffId)).map((e) => [e.action, e.before, e.after])).toEqual([
				['user.create', null, { email: 'staff2@test.vn', name: 'Nguyễn Văn B', role: 'staff', active: true }],
				['user.deactivate', { email: 'staff2@test.vn', active: true }, { email: 'staff2@test.vn', active: false }],
				['user.reactivate', { email: 'staff2@test.vn', active: false }, { email: 'staff2@test.vn', active: true }],
				['user.role', { email: 'staff2@test.vn', role: 'staff' }, { email: 'staff2@test.vn', role: 'leader' }],
				['user.password_reset', null, { email: 'staff2@test.vn' }]
			]);
		});

		it('keeps an administrator from locking, demoting or resetting themselves', async () => {
			expect(await setUserActive(db, admin, gialai, admin.id, false)).toEqual({ ok: false, status: 400, errors: { form: { key: 'admin.users.notYourself' } } });
			expect(await changeUserRole(db, admin, gialai, admin.id, { role: 'staff' })).toEqual({ ok: false, status: 400, errors: { role: { key: 'admin.users.notYourself' } } });
			expect(await resetUserPassword(db, admin, gialai, admin.id, { password: 'another long one' })).toMatchObject({ ok: false, errors: { password: { key: 'admin.users.ownPassword' } } });
			expect(await db.selectFrom('users').select(['role', 'active']).where('id', '=', admin.id).executeTakeFirstOrThrow()).toEqual({ role: 'admin', active: true });
			// The province administrator may change them.
			expectOk(await changeUserRole(db, province, gialai, admin.id, { role: 'admin' }));
		});

		it('cannot reach a user of another agency, nor a province administrator', async () => {
			const outsider = expectOk(await createAgencyUser(db, province, other, { email: 'outsider@test.vn', role: 'admin', password: 'outsider password' })).id;
			const before = await db.selectFrom('users').selectAll().where('id', 'in', [outsider, province.id]).orderBy('id').execute();
			for (const id of [outsider, province.id]) {
				expect(await setUserActive(db, admin, gialai, id, false)).toEqual({ ok: false, status: 404 });
				expect(await changeUserRole(db, admin, gialai, id, { role: 'staff' })).toEqual({ ok: false, status: 404 });
				expect(await resetUserPassword(db, admin, gialai, id, { password: 'hijacked password' })).toEqual({ ok: false, status: 404 });
			}
			expect(await db.selectFrom('users').selectAll().where('id', 'in', [outsider, province.id]).orderBy('id').execute()).toEqual(before);
			expect((await listUsers(db, gialai)).map((u) => u.email)).not.toContain('outsider@test.vn');
		});
	});

	describe('API tokens', () => {
		it('creates a token that works once shown, lists it without the secret, and revokes it', async () => {
			const created = expectOk(await createToken(db, admin, gialai, { name: 'Cổng báo cáo tỉnh', role: 'leader' }));
			expect(created.token).toMatch(/^hl_/);
			expect(await tokenPrincipal(db, created.token)).toMatchObject({ kind: 'token', role: 'leader', agencyId: gialai });
			const listed = await listTokens(db, gialai);
			expect(listed.find((t) => t.id === created.id)).toMatchObject({ name: 'Cổng báo cáo tỉnh', role: 'leader', createdBy: 'admin@test.vn', revokedAt: null });
			expect(JSON.stringify(listed)).not.toContain(created.token);

			expect(await revokeToken(db, { ...admin, agencyId: other }, other, created.id)).toEqual({ ok: false, status: 404 });
			expect(await tokenPrincipal(db, created.token)).toBeDefined();
			expectOk(await revokeToken(db, admin, gialai, created.id));
			expect(await tokenPrincipal(db, created.token)).toBeUndefined();
			expect((await auditOf(db, gialai, 'api_token', created.id)).map((e) => [e.action, e.before, e.after])).toEqual([
				['token.create', null, { name: 'Cổng báo cáo tỉnh', role: 'leader', created_by: 'admin@test.vn' }],
				['token.revoke', { name: 'Cổng báo cáo tỉnh', created_by: 'admin@test.vn', revoked: false }, { name: 'Cổng báo cáo tỉnh', created_by: 'admin@test.vn', revoked: true }]
			]);
			expect(JSON.stringify(await db.selectFrom('audit_log').select(['before', 'after']).execute())).not.toContain(created.token);
		});
	});

	describe('audit log page', () => {
		it('lists one agency’s entries newest first, a page at a time, with readable changes', async () => {
			const all = await db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).where('agency_id', '=', gialai).executeTakeFirstOrThrow();
			const first = await listAuditEntries(db, gialai, 1, 5);
			expect(first.total).toBe(Number(all.n));
			expect(first.pages).toBe(Math.ceil(Number(all.n) / 5));
			expect(first.entries).toHaveLength(5);
			const times = first.entries.map((e) => e.at.getTime());
			expect([...times].sort((a, b) => b - a)).toEqual(times);
			expect(first.entries[0]!.action).toBe('token.revoke');
			expect(first.entries[0]!.changes).toEqual([{ field: 'revoked', before: 'false', after: 'true' }]);
			expect(first.entries[0]!.subject).toBe('Cổng báo cáo tỉnh');

			const last = await listAuditEntries(db, gialai, 999, 5);
			expect(last.page).toBe(first.pages);
			const everything = await listAuditEntries(db, gialai, 1, 1000);
			expect(everything.entries.every((e) => e.action !== 'agency.create')).toBe(true); // that entry is the other agency's
			const rename = everything.entries.find((e) => e.action === 'counter.rename' && e.subject === 'qa-01');
			expect(rename).toMatchObject({ subject: 'qa-01', changes: [{ field: 'name', before: 'Quầy thử', after: 'Quầy thử nghiệm' }] });
		});
	});
});
