import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Principal } from '../../src/lib/server/auth/principal';
import { createUser } from '../../src/lib/server/auth/users';
import { importPaperSurveys, type ImportReport } from '../../src/lib/server/import/service';
import { seedReference } from '../../src/lib/server/seed/reference';
import { databaseKinds, migratedDatabase, type TestDatabase } from './helpers/databases';

// The real applyToSums, with a switch to make it fail: an import must then leave nothing behind.
const sums = vi.hoisted(() => ({ fail: false }));
vi.mock('../../src/lib/server/sums/maintain', async (importOriginal) => {
	const real = await importOriginal<typeof import('../../src/lib/server/sums/maintain')>();
	return {
		...real,
		applyToSums: vi.fn(async (...args: Parameters<typeof real.applyToSums>) => {
			if (sums.fail) throw new Error('sums failed');
			return real.applyToSums(...args);
		})
	};
});
const { applyToSums } = await import('../../src/lib/server/sums/maintain');

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../fixtures/${name}`, import.meta.url)));
const text = (csv: string) => new TextEncoder().encode(csv);
const NOW = new Date('2024-06-30T03:00:00Z');

describe.each(await databaseKinds())('importing paper questionnaires on %s', (kind) => {
	let database: TestDatabase;
	let agencyId: number;
	let staff: Principal;

	beforeAll(async () => {
		database = await migratedDatabase(kind);
		const db = database.db;
		await seedReference(db);
		agencyId = (await db.selectFrom('agencies').select('id').where('code', '=', 'sct-gialai').executeTakeFirstOrThrow()).id;
		const user = await createUser(db, { email: 'staff@import.test', password: 'mat-khau-du-dai', role: 'staff', agencyCode: 'sct-gialai' });
		staff = { kind: 'user', id: user.id, label: 'staff@import.test', role: 'staff', agencyId };
		// Another agency, with a counter of its own, qt-01.
		const other = await db.insertInto('agencies').values({ code: 'so-khac', name_vi: 'Sở Khác', name_en: 'Other' }).returning('id').executeTakeFirstOrThrow();
		const unit = await db.insertInto('units').values({ agency_id: other.id, name: 'Văn phòng' }).returning('id').executeTakeFirstOrThrow();
		await db.insertInto('counters').values({ agency_id: other.id, unit_id: unit.id, code: 'qt-01', name: 'Quầy khác' }).execute();
	});
	afterAll(() => database?.drop());

	const run = (bytes: Uint8Array, options: { dryRun?: boolean; name?: string } = {}): Promise<ImportReport> =>
		importPaperSurveys(database.db, { agencyId, actor: staff, file: { name: options.name ?? 'phieu.csv', bytes }, dryRun: options.dryRun ?? false, now: NOW });

	const counts = async () => {
		const { rows } = await sql<{ responses: number; answers: number; audits: number }>`
			select (select count(*)::int from responses) as responses, (select count(*)::int from answers) as answers,
				(select count(*)::int from audit_log where action = 'responses.import') as audits`.execute(database.db);
		return rows[0]!;
	};

	/** The stored answers of the response with this external id: { key: value }, null for N/A. */
	const answersOf = async (externalId: string) => {
		const rows = await database.db
			.selectFrom('answers')
			.innerJoin('responses', 'responses.id', 'answers.response_id')
			.innerJoin('criteria', 'criteria.id', 'answers.criterion_id')
			.select(['criteria.key', 'answers.value'])
			.where('responses.agency_id', '=', agencyId)
			.where('responses.external_id', '=', externalId)
			.orderBy('criteria.position')
			.execute();
		return Object.fromEntries(rows.map((r) => [r.key, r.value]));
	};

	it('checks a valid file without storing anything when asked to check only', async () => {
		const before = await counts();
		expect(await run(fixture('paper-valid.csv'), { dryRun: true })).toEqual({
			outcome: 'checked',
			rows: 3,
			importable: 3,
			alreadyImported: 0,
			withoutExternalId: 0
		});
		expect(await counts()).toEqual(before);
	});

	it('imports every row of a valid file as paper, with the answers as written', async () => {
		vi.mocked(applyToSums).mockClear();
		expect(await run(fixture('paper-valid.csv'))).toEqual({ outcome: 'imported', rows: 3, imported: 3, alreadyImported: 0, withoutExternalId: 0 });

		const responses = await database.db
			.selectFrom('responses')
			.innerJoin('counters', 'counters.id', 'responses.counter_id')
			.leftJoin('procedure_fields', 'procedure_fields.id', 'responses.procedure_field_id')
			.innerJoin('survey_versions', 'survey_versions.id', 'responses.survey_version_id')
			.select([
				'responses.id', 'responses.external_id', 'responses.source', 'responses.submission_id', 'responses.submitted_at',
				'counters.code as counter', 'responses.channel', 'responses.respondent_type', 'responses.gender', 'responses.age_group',
				'responses.ethnicity', 'procedure_fields.name as field', 'responses.dossier_code', 'responses.comment',
				'responses.flagged_misuse', 'responses.flagged_spam', 'survey_versions.active as versionActive'
			])
			.where('responses.agency_id', '=', agencyId)
			.orderBy('responses.external_id')
			.execute();
		expect(responses.map(({ id, submission_id, ...rest }) => rest)).toEqual([
			{
				external_id: 'GL-0001', source: 'paper', submitted_at: new Date('2024-03-05T05:00:00Z'), counter: 'vp-01', channel: 'in_person',
				respondent_type: 'individual', gender: 'female', age_group: '30_44', ethnicity: 'kinh', field: 'Thương mại',
				dossier_code: 'HS-2024-001', comment: 'Cán bộ nói "chờ đó", hơi khó chịu.\nMong cải thiện.',
				flagged_misuse: false, flagged_spam: false, versionActive: true
			},
			{
				external_id: 'GL-0002', source: 'paper', submitted_at: new Date('2024-03-06T07:15:00Z'), counter: 'tm-01', channel: 'postal',
				respondent_type: 'organisation', gender: 'male', age_group: '60_plus', ethnicity: 'other', field: 'Công nghiệp',
				dossier_code: null, comment: null, flagged_misuse: false, flagged_spam: false, versionActive: true
			},
			{
				external_id: 'GL-0003', source: 'paper', submitted_at: new Date('2024-03-07T01:00:00Z'), counter: 'vp-01', channel: null,
				respondent_type: null, gender: null, age_group: null, ethnicity: null, field: null,
				dossier_code: null, comment: 'Rất hài lòng; cảm ơn!', flagged_misuse: false, flagged_spam: false, versionActive: true
			}
		]);
		for (const r of responses) expect(r.submission_id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);

		// N/A (written NA, N/A or "Không áp dụng") is a NULL value; an empty cell is no row at all.
		const first = await answersOf('GL-0001');
		expect(Object.keys(first)).toHaveLength(27);
		expect(first).toMatchObject({ PA1: 5, PA2: 4, PA3: null, PP2: 3, PP3: null, PK2: null, PK4: 3 });
		expect(first).not.toHaveProperty('PP1');
		expect(await answersOf('GL-0002')).toEqual({ PA1: 1, PA2: 2, PA3: 3, PP1: 4, PP2: 5 });
		expect(Object.values(await answersOf('GL-0003'))).toEqual(Array(28).fill(4));

		// A paper questionnaire is not a device submitting online: no flood counting.
		const { rows: floods } = await sql<{ n: number }>`select count(*)::int as n from submission_counts`.execute(database.db);
		expect(floods[0]!.n).toBe(0);

		// The sums were updated once, in the import, for exactly the new responses.
		expect(applyToSums).toHaveBeenCalledTimes(1);
		expect([...vi.mocked(applyToSums).mock.calls[0]![1]].sort()).toEqual(responses.map((r) => r.id).sort());
		expect(vi.mocked(applyToSums).mock.calls[0]![2]).toBe(1);

		// The audit log says who imported what file and how many, never the answers or comments.
		const entry = await database.db.selectFrom('audit_log').selectAll().where('action', '=', 'responses.import').executeTakeFirstOrThrow();
		expect(entry).toMatchObject({ agency_id: agencyId, user_id: staff.id, actor: 'staff@import.test', entity: 'import' });
		expect(entry.after).toEqual({ file: 'phieu.csv', bytes: fixture('paper-valid.csv').length, survey_version: 1, rows: 3, imported: 3, alreadyImported: 0, withoutExternalId: 0 });
		expect(JSON.stringify(entry)).not.toContain('hài lòng');
	});

	it('changes nothing when the same file is imported again, and says the rows were imported before', async () => {
		const before = await counts();
		expect(await run(fixture('paper-valid.csv'), { dryRun: true })).toMatchObject({ outcome: 'checked', importable: 0, alreadyImported: 3 });
		expect(await run(fixture('paper-valid.csv'))).toEqual({ outcome: 'imported', rows: 3, imported: 0, alreadyImported: 3, withoutExternalId: 0 });
		const after = await counts();
		expect({ ...after, audits: before.audits }).toEqual(before);
		expect(after.audits).toBe(before.audits + 1);
	});

	it('imports rows without an external_id each time the file is imported (as the report warns)', async () => {
		const csv = text('submitted_at,counter,PA1,external_id\n2024-03-05,vp-01,4,GL-0001\n2024-03-05,vp-01,5,\n');
		expect(await run(csv)).toEqual({ outcome: 'imported', rows: 2, imported: 1, alreadyImported: 1, withoutExternalId: 1 });
		expect(await run(csv)).toEqual({ outcome: 'imported', rows: 2, imported: 1, alreadyImported: 1, withoutExternalId: 1 });
	});

	it('rejects a file with bad rows as a whole, listing every bad row, and stores nothing', async () => {
		const before = await counts();
		const report = await run(fixture('paper-bad-rows.csv'));
		expect(report).toMatchObject({ outcome: 'rejected', problems: [], rows: 6, badRows: 4 });
		if (report.outcome !== 'rejected') return;
		expect(report.errors.map((e) => [e.row, e.column?.title ?? null, e.message.key])).toEqual([
			[3, 'submitted_at', 'import.row.submittedAt.format'],
			[4, 'counter', 'import.row.counter.unknown'],
			[4, 'PA1', 'import.row.answer'],
			[6, 'gender', 'import.row.gender'],
			[7, 'external_id', 'import.row.externalId.duplicate']
		]);
		expect(await counts()).toEqual(before);
		// Checking only gives the same report.
		expect(await run(fixture('paper-bad-rows.csv'), { dryRun: true })).toEqual(report);
	});

	it('refuses a counter of another agency, even when every other row is valid', async () => {
		const before = await counts();
		const report = await run(text('submitted_at,counter,PA1\n2024-03-05,vp-01,4\n2024-03-05,qt-01,4\n'));
		expect(report).toEqual({
			outcome: 'rejected',
			problems: [],
			rows: 2,
			badRows: 1,
			errors: [{ row: 3, column: { letter: 'B', title: 'counter' }, message: { key: 'import.row.counter.unknown', params: { value: 'qt-01' } } }]
		});
		expect(await counts()).toEqual(before);
	});

	it('rejects unknown columns before reading any row', async () => {
		const report = await run(text('submitted_at,counter,PA 1\n2024-03-05,vp-01,4\n'));
		expect(report).toMatchObject({ outcome: 'rejected', errors: [], problems: [{ key: 'import.file.unknownColumnSuggestion', params: { column: 'PA 1', suggestion: 'PA1' } }, { key: 'import.file.allowedColumns' }] });
	});

	it('stores nothing at all when updating the sums fails', async () => {
		const before = await counts();
		sums.fail = true;
		try {
			await expect(run(text('submitted_at,counter,PA1,external_id\n2024-03-05,vp-01,4,FAIL-1\n'))).rejects.toThrow('sums failed');
		} finally {
			sums.fail = false;
		}
		expect(await counts()).toEqual(before);
	});

	it('stores a file uploaded twice at the same moment once', async () => {
		const csv = text('submitted_at,counter,PA1,external_id\n2024-03-05,vp-01,4,TWICE-1\n2024-03-05,vp-01,5,TWICE-2\n');
		const reports = await Promise.all([run(csv), run(csv)]);
		expect(reports.map((r) => (r.outcome === 'imported' ? r.imported : -1)).sort()).toEqual([0, 2]);
		const { rows } = await sql<{ n: number }>`select count(*)::int as n from responses where external_id like 'TWICE-%'`.execute(database.db);
		expect(rows[0]!.n).toBe(2);
	});

	it('keeps the pre-aggregated sums equal to the stored answers of paper responses', async () => {
		const { rows: stored } = await sql<{ key: string; answers: number }>`
			select c.key, count(*)::int as answers
			from answers a join responses r on r.id = a.response_id join criteria c on c.id = a.criterion_id
			where r.source = 'paper' group by c.key order by c.key`.execute(database.db);
		const totals = stored.map((row) => ['v1', 'v2', 'v3', 'v4', 'v5', 'na'].map((v) => `${row.key.toLowerCase()}_${v}`).join(' + '));
		const { rows: summed } = await sql<Record<string, number>>`
			select ${sql.raw(totals.map((total, i) => `sum(${total})::int as c${i}`).join(', '))}
			from estimate_sums where source = 'paper' and grain = 'month'`.execute(database.db);
		const rows = stored.map((row, i) => ({ key: row.key, answers: row.answers, summed: summed[0]![`c${i}`] }));
		expect(rows.length).toBe(28);
		for (const row of rows) expect(row.summed, row.key).toBe(row.answers);
	});
});
