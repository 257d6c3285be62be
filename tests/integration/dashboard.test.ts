import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/lib/server/db/schema';
import type { Principal } from '../../src/lib/server/auth/principal';
import { seedReference } from '../../src/lib/server/seed/reference';
import { cellForKey, estimateByGroup, estimateCriteria, estimatePeriod, loadJudging, plainCell, resolvePeriod, type Period } from '../../src/lib/server/estimates';
import { applyToSums, reflagResponses } from '../../src/lib/server/sums/maintain';
import { dayRowsServe } from '../../src/lib/server/sums/read-sums';
import type { Scope } from '../../src/lib/server/scope/scope';
import { insertAgency, insertAndSum, linkToDossiers, loadRawResponses, selectResponses, type RawResponse } from '../helpers/estimates-data';
import { criterionMonths, responsesPerDay } from '../../src/lib/server/dashboard/activity';
import { listComments } from '../../src/lib/server/comments/comments';
import { loadDashboard } from '../../src/lib/server/dashboard/dashboard';
import { moderateResponse } from '../../src/lib/server/comments/moderate';
import { loadMonthlyReport, REPORT_ROWS, TREND_KEYS } from '../../src/lib/server/report/monthly-report';
import { changeBetweenPeriods } from '../../src/lib/sipas';
import { scopedFilters } from '../../src/lib/server/scope/resolve-scope';
import { databaseKinds, migratedDatabase, type TestDatabase } from './helpers/databases';

const OPTIONS = { minimumSample: 30 };
const NOW = new Date('2024-05-15T03:00:00Z');

describe.each(await databaseKinds())('dashboard queries on %s', (kind) => {
	let database: TestDatabase;
	let db: Kysely<Database>;
	let agencyId: number;
	let other: { agencyId: number; counterId: number };
	let otherIds: number[];
	let raw: RawResponse[];
	let counters: { id: number; code: string; unit_id: number }[];
	let staff: Principal;

	beforeAll(async () => {
		database = await migratedDatabase(kind);
		db = database.db;
		await seedReference(db);
		agencyId = (await db.selectFrom('agencies').select('id').where('code', '=', 'sct-gialai').executeTakeFirstOrThrow()).id;
		other = await insertAgency(db, 'so-khac');
		const ids = await insertAndSum(db, { agencyId, count: 900, from: new Date('2024-01-01T00:00:00Z'), until: new Date('2024-04-30T16:59:00Z'), seed: 7, flagged: 0.08 });
		// A tenth through dossiers' invitations: taken out of the sums before their key changes, linked, folded again.
		await db.transaction().execute((trx) => applyToSums(trx, ids, -1));
		await linkToDossiers(db, agencyId, ids);
		await db.transaction().execute((trx) => applyToSums(trx, ids, 1));
		otherIds = await insertAndSum(db, { agencyId: other.agencyId, count: 60, from: new Date('2024-03-01T00:00:00Z'), until: new Date('2024-03-31T00:00:00Z'), seed: 8 });
		raw = await loadRawResponses(db, agencyId);
		counters = await db.selectFrom('counters').select(['id', 'code', 'unit_id']).where('agency_id', '=', agencyId).orderBy('id').execute();
		const user = await db
			.insertInto('users')
			.values({ agency_id: agencyId, email: 'staff@test.vn', role: 'staff', password_hash: 'x' })
			.returning('id')
			.executeTakeFirstOrThrow();
		staff = { kind: 'user', id: user.id, label: 'staff@test.vn', role: 'staff', agencyId };
	});
	afterAll(async () => database?.drop());

	const scopes = (): Scope[] => [
		{ agencyId },
		{ agencyId, counterId: counters[1]!.id },
		{ agencyId, unitId: counters[2]!.unit_id },
		{ agencyId, channel: 'online' },
		{ agencyId, source: 'paper' },
		{ agencyId, includeExcluded: true }
	];

	it('counts responses per local day exactly as the raw responses, every day listed', async () => {
		const period = resolvePeriod({ kind: 'range', from: '2024-02-10', to: '2024-03-20' });
		for (const scope of scopes()) {
			const perDay = await responsesPerDay(db, scope, period);
			expect(perDay).toHaveLength(40);
			expect(perDay[0]!.day).toBe('2024-02-10');
			expect(perDay.at(-1)!.day).toBe('2024-03-20');
			for (const { day, responses } of perDay) {
				expect(responses, `${day} ${JSON.stringify(scope)}`).toBe(selectResponses(raw, scope, day, day).length);
			}
			const total = perDay.reduce((sum, d) => sum + d.responses, 0);
			// Estimates of a range of days read day rows, which take no field, channel or source filter.
			if (dayRowsServe(scope)) {
				expect(total).toBe((await estimatePeriod(db, scope, { kind: 'range', from: '2024-02-10', to: '2024-03-20' }, await loadJudging(db, scope.agencyId, OPTIONS))).n);
			} else {
				expect(total).toBe(selectResponses(raw, scope, '2024-02-10', '2024-03-20').length);
			}
		}
	});

	it('counts criteria per month as the engine does for each month alone', async () => {
		for (const scope of scopes().slice(0, 3)) {
			const series = await criterionMonths(db, scope, '2024-01', '2024-04');
			for (const [i, month] of ['2024-01', '2024-02', '2024-03', '2024-04'].entries()) {
				const engine = await estimateCriteria(db, scope, { kind: 'month', month });
				for (const row of engine) {
					expect(series.get(row.key)![i], `${row.key} ${month}`).toEqual({ month, n: row.n, satisfied: row.satisfied });
				}
			}
		}
	});

	it('checks filters against the agency: another agency’s unit, counter or field reads as unknown', async () => {
		const otherUnit = (await db.selectFrom('units').select('id').where('agency_id', '=', other.agencyId).executeTakeFirstOrThrow()).id;
		const otherField = (await db.selectFrom('procedure_fields').select('id').where('agency_id', '=', other.agencyId).executeTakeFirstOrThrow()).id;
		const result = await scopedFilters(db, agencyId, new URLSearchParams(`unit=${otherUnit}&counter=so-khac-01&field=${otherField}`), NOW);
		expect(result.ok).toBe(false);
		expect(!result.ok && result.problems.map((p) => p.message).sort()).toEqual([
			'dashboard.filter.error.unknownCounter',
			'dashboard.filter.error.unknownField',
			'dashboard.filter.error.unknownUnit'
		]);
		const own = await scopedFilters(db, agencyId, new URLSearchParams(`counter=${counters[0]!.code}&unit=${counters[0]!.unit_id}&source=paper&flagged=1`), NOW);
		expect(own.ok && own.value.scope).toEqual({
			agencyId,
			counterId: counters[0]!.id,
			unitId: counters[0]!.unit_id,
			source: 'paper',
			channel: undefined,
			includeExcluded: true
		});
		expect(own.ok && own.value.filters.period).toEqual({ kind: 'month', month: '2024-05' });
	});

	it('assembles the monthly report from the engine: month, year to date, rolling three months, trend, pull-down', async () => {
		const report = await loadMonthlyReport(db, agencyId, '2024-04', 'vi', OPTIONS);
		const scope = { agencyId };
		const expected = async (period: Period) => estimatePeriod(db, scope, period, await loadJudging(db, scope.agencyId, OPTIONS));
		const [month, ytd, rolling] = await Promise.all([
			expected({ kind: 'month', month: '2024-04' }),
			expected({ kind: 'ytd', month: '2024-04' }),
			expected({ kind: 'rolling3', month: '2024-04' })
		]);
		expect(report.thisMonth.rows.map((r) => r.key)).toEqual(REPORT_ROWS.map((r) => r.key));
		expect(report.thisMonth.n).toBe(month.n);
		expect(report.thisMonth.rows.find((r) => r.key === 'procedures')!.cell).toEqual(plainCell(month.dimensions.procedures));
		expect(report.ytd.rows[0]!.cell.estimate).toBe(ytd.overall.estimate);
		expect(report.rolling3.rows[0]!.cell.ci_low).toBe(rolling.overall.ci_low);
		expect(report.names.procedures).toBe('Thủ tục hành chính');
		// The data begins in January 2024: the twelve-month trend starts there, not in May 2023.
		expect(report.trend.months).toEqual(['2024-01', '2024-02', '2024-03', '2024-04']);
		expect(report.trend.series.overall.at(-1)!.estimate).toBe(month.overall.estimate);
		// The targets are 2024's own; this month against March, beyond chance or not (SIPAS.md §10),
		// from the engine's estimates and linearised variances.
		expect(report.targetYears).toEqual([2024]);
		const march = await expected({ kind: 'month', month: '2024-03' });
		expect(report.movement.previousMonth).toBe('2024-03');
		expect(report.movement.rows.map((row) => row.key)).toEqual(TREND_KEYS);
		for (const key of ['overall', 'procedures'] as const) {
			const [a, b] = [cellForKey(month, key), cellForKey(march, key)];
			expect(a.variance, key).toBeGreaterThan(0);
			expect(report.movement.rows.find((row) => row.key === key)).toEqual({
				key,
				current: a.estimate,
				previous: b.estimate,
				change: changeBetweenPeriods({ p: a.estimate, variance: a.variance, n: a.n }, { p: b.estimate, variance: b.variance, n: b.n }, OPTIONS.minimumSample)
			});
		}
		// The counter listed first for a dimension has the most negative pull-down of all counters.
		const groups = await estimateByGroup(db, scope, { kind: 'month', month: '2024-04' }, 'counter', await loadJudging(db, scope.agencyId, OPTIONS));
		const worst = groups.filter((g) => (g.dimensions.civil_servants.pullDown ?? 0) < 0).sort((a, b) => a.dimensions.civil_servants.pullDown! - b.dimensions.civil_servants.pullDown!)[0];
		expect(report.pullingDown.counters.civil_servants[0]?.name).toBe(worst?.name);
	});

	it('builds the monthly report from verified responses only when asked', async () => {
		const verified = await loadMonthlyReport(db, agencyId, '2024-04', 'vi', { ...OPTIONS, responses: 'verified' });
		const month = await estimatePeriod(db, { agencyId, verified: true }, { kind: 'month', month: '2024-04' }, await loadJudging(db, agencyId, OPTIONS));
		const all = await loadMonthlyReport(db, agencyId, '2024-04', 'vi', OPTIONS);
		expect(verified.thisMonth.n).toBe(month.n);
		expect(verified.thisMonth.n).toBe(selectResponses(raw, { agencyId, verified: true }, '2024-04-01', '2024-04-30').length);
		expect(verified.thisMonth.n).toBeGreaterThan(0);
		expect(verified.thisMonth.n).toBeLessThan(all.thisMonth.n);
		expect(verified.thisMonth.rows.find((r) => r.key === 'overall')!.cell).toEqual(plainCell(month.overall));
	});

	it('assembles the dashboard: the period table equals the engine, distribution rows carry their statements', async () => {
		const scoped = await scopedFilters(db, agencyId, new URLSearchParams(`period=quarter&quarter=2024-Q1&counter=${counters[3]!.code}`), NOW);
		expect(scoped.ok).toBe(true);
		if (!scoped.ok) return;
		const data = await loadDashboard(db, scoped.value, 'vi', OPTIONS);
		const engine = await estimatePeriod(db, scoped.value.scope, { kind: 'quarter', year: 2024, quarter: 1 }, await loadJudging(db, scoped.value.scope.agencyId, OPTIONS));
		expect(data.summary.n).toBe(engine.n);
		const { missingDimensions, ...overall } = engine.overall;
		expect(data.summary.rows[0]).toEqual({ key: 'overall', kind: 'index', cell: plainCell(overall), missing: missingDimensions });
		expect(data.targetYears).toEqual([2024]);
		expect(data.perCounter.map((c) => c.code)).toEqual([counters[3]!.code]);
		expect(data.perCounter[0]!.responses).toBe(engine.n);
		expect(data.distribution[0]).toMatchObject({ key: 'PA1', text: 'Thông tin về chính sách liên quan được cơ quan công khai đầy đủ' });
		expect(data.criterionTrends.procedures.map((c) => c.key)).toEqual(['TT1', 'TT2', 'TT3', 'TT4', 'TT5']);
		expect(data.trend.months[0]).toBe('2024-01');
		expect(data.criterionTrends.procedures[0]!.points).toHaveLength(data.trend.months.length);
		expect(data.perDay.reduce((s, d) => s + d.responses, 0)).toBe(engine.n);
	});

	describe('comments', () => {
		let commented: number[];

		beforeAll(async () => {
			const ids = raw
				.filter((r) => !r.excluded)
				.sort((a, b) => a.id - b.id)
				.slice(0, 4)
				.map((r) => r.id);
			commented = ids;
			const texts = ['Phí 50% quá cao', 'Phí 500 nghìn', 'Cán bộ_nhiệt tình', 'Phòng chờ nóng'];
			for (const [i, id] of ids.entries()) await db.updateTable('responses').set({ comment: texts[i]! }).where('id', '=', id).execute();
			await db.updateTable('responses').set({ comment: 'Phí 50% ở sở khác' }).where('id', '=', otherIds[0]!).execute();
			await db.updateTable('responses').set({ comment: '   ' }).where('id', '=', raw.find((r) => !ids.includes(r.id))!.id).execute();
		});

		it('lists this agency’s comments only, newest first, with their answers in questionnaire order', async () => {
			const page = await listComments(db, agencyId, { q: '', counter: '', state: 'all', page: 1 });
			expect(page.total).toBe(4);
			expect(page.rows.map((r) => r.id).sort()).toEqual([...commented].sort());
			const times = page.rows.map((r) => r.submittedAt.getTime());
			expect(times).toEqual([...times].sort((a, b) => b - a));
			const first = page.rows[0]!;
			const stored = raw.find((r) => r.id === first.id)!;
			expect(Object.fromEntries(first.answers.map((a) => [a.key, a.value]))).toEqual(stored.answers);
			const keys = first.answers.map((a) => a.key);
			expect(keys[0]!.startsWith('P')).toBe(true);
		});

		it('searches literally: % and _ are characters, not wildcards', async () => {
			const search = async (q: string) => (await listComments(db, agencyId, { q, counter: '', state: 'all', page: 1 })).rows.map((r) => r.comment);
			expect(await search('50%')).toEqual(['Phí 50% quá cao']);
			expect((await search('%')).length).toBe(1);
			expect(await search('_')).toEqual(['Cán bộ_nhiệt tình']);
			expect((await search('phí')).sort()).toEqual(['Phí 50% quá cao', 'Phí 500 nghìn']);
			expect(await search('khác')).toEqual([]);
		});

		it('pages, and filters by counter and by state', async () => {
			const page = await listComments(db, agencyId, { q: '', counter: '', state: 'all', page: 99 });
			expect(page.page).toBe(1);
			const counted = await listComments(db, agencyId, { q: '', counter: '', state: 'flagged', page: 1 });
			expect(counted.total).toBe(0);
			const code = (await db.selectFrom('responses').innerJoin('counters', 'counters.id', 'responses.counter_id').select('counters.code').where('responses.id', '=', commented[0]!).executeTakeFirstOrThrow()).code;
			const byCounter = await listComments(db, agencyId, { q: '', counter: code, state: 'all', page: 1 });
			expect(byCounter.rows.every((r) => r.counterCode === code)).toBe(true);
			expect(byCounter.rows.map((r) => r.id)).toContain(commented[0]);
		});

		it('flag as spam takes the response out of the estimates, restore puts it back exactly, each audited', async () => {
			const id = commented[0]!;
			const response = raw.find((r) => r.id === id)!;
			const month = response.day.slice(0, 7);
			const scope = { agencyId };
			const before = await estimatePeriod(db, scope, { kind: 'month', month }, await loadJudging(db, scope.agencyId, OPTIONS));
			const beforeCriteria = await estimateCriteria(db, scope, { kind: 'month', month });

			const flagged = await moderateResponse(db, staff, agencyId, id, 'flag_spam');
			expect(flagged).toMatchObject({ id, before: { spam: false }, after: { spam: true } });
			const during = await estimatePeriod(db, scope, { kind: 'month', month }, await loadJudging(db, scope.agencyId, OPTIONS));
			expect(during.n).toBe(before.n - 1);
			expect(during.overall.estimate).not.toBe(before.overall.estimate);
			const withFlagged = await estimatePeriod(db, { agencyId, includeExcluded: true }, { kind: 'month', month }, await loadJudging(db, agencyId, OPTIONS));
			expect(withFlagged.n).toBe(selectResponses(raw, { agencyId, includeExcluded: true }, `${month}-01`, `${month}-31`).length);
			expect((await listComments(db, agencyId, { q: '', counter: '', state: 'flagged', page: 1 })).rows.map((r) => r.id)).toEqual([id]);
			expect(await moderateResponse(db, staff, agencyId, id, 'flag_spam')).toBe('unchanged');

			const restored = await moderateResponse(db, staff, agencyId, id, 'restore');
			expect(restored).toMatchObject({ id, after: { spam: false, misuse: false } });
			expect(await estimatePeriod(db, scope, { kind: 'month', month }, await loadJudging(db, scope.agencyId, OPTIONS))).toEqual(before);
			expect(await estimateCriteria(db, scope, { kind: 'month', month })).toEqual(beforeCriteria);

			const log = await db.selectFrom('audit_log').select(['action', 'entity', 'entity_id', 'user_id', 'agency_id', 'before', 'after']).where('entity', '=', 'response').orderBy('id').execute();
			expect(log.map((l) => l.action)).toEqual(['response.flag_spam', 'response.restore']);
			expect(log[0]).toMatchObject({ entity_id: String(id), user_id: staff.id, agency_id: agencyId });
			const parsed = (value: unknown) => (typeof value === 'string' ? JSON.parse(value) : value);
			expect(parsed(log[0]!.after)).toEqual({ spam: true, misuse: false });
		});

		it('restoring a response flagged as misuse counts it again', async () => {
			const { id: misusedId } = await db
				.selectFrom('responses')
				.select('id')
				.where('agency_id', '=', agencyId)
				.where('flagged_misuse', '=', true)
				.where('flagged_spam', '=', false)
				.orderBy('id')
				.executeTakeFirstOrThrow();
			const misused = raw.find((r) => r.id === misusedId)!;
			const month = misused.day.slice(0, 7);
			const before = await estimatePeriod(db, { agencyId }, { kind: 'month', month }, await loadJudging(db, agencyId, OPTIONS));
			expect(await moderateResponse(db, staff, agencyId, misused.id, 'restore')).toMatchObject({ after: { spam: false, misuse: false } });
			expect((await estimatePeriod(db, { agencyId }, { kind: 'month', month }, await loadJudging(db, agencyId, OPTIONS))).n).toBe(before.n + 1);
			await db.transaction().execute((trx) => reflagResponses(trx, [misused.id], { misuse: true }));
			expect(await estimatePeriod(db, { agencyId }, { kind: 'month', month }, await loadJudging(db, agencyId, OPTIONS))).toEqual(before);
		});

		it('a response of another agency is not found, and nothing changes', async () => {
			const target = otherIds[0]!;
			const sumsBefore = await sql<{ total: string }>`select sum(responses)::text as total from estimate_sums where not excluded`.execute(db);
			const auditBefore = await db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
			expect(await moderateResponse(db, staff, agencyId, target, 'flag_spam')).toBe('not_found');
			expect(await moderateResponse(db, staff, agencyId, 987654321, 'flag_spam')).toBe('not_found');
			const row = await db.selectFrom('responses').select(['flagged_spam', 'flagged_misuse']).where('id', '=', target).executeTakeFirstOrThrow();
			expect(row.flagged_spam).toBe(false);
			const sumsAfter = await sql<{ total: string }>`select sum(responses)::text as total from estimate_sums where not excluded`.execute(db);
			expect(sumsAfter.rows[0]!.total).toBe(sumsBefore.rows[0]!.total);
			const auditAfter = await db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
			expect(Number(auditAfter.n)).toBe(Number(auditBefore.n));
			expect((await listComments(db, other.agencyId, { q: '', counter: '', state: 'all', page: 1 })).rows.map((r) => r.comment)).toEqual(['Phí 50% ở sở khác']);
		});
	});
});
