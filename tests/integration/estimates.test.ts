import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	DIMENSION_KEYS,
	INDEXES,
	changePoints,
	estimateCriterion,
	judgeStatus,
	type DimensionEstimate,
	type DimensionKey,
	type EstimateCell
} from '../../src/lib/sipas';
import type { Database } from '../../src/lib/server/db/schema';
import { seedReference } from '../../src/lib/server/seed/reference';
import { CRITERIA } from '../../src/lib/server/seed/sipas-reference';
import { submitResponse } from '../../src/lib/server/survey/submit';
import { KEY_COLUMNS, SUMS_COLUMNS } from '../../src/lib/server/sums/columns';
import { foldAll, foldBatch } from '../../src/lib/server/sums/folder';
import { estimateByGroup, estimateCriteria, estimateMonths, estimatePeriod, loadJudging, resolvePeriod, type Period, type PeriodEstimate } from '../../src/lib/server/estimates';
import type { Scope } from '../../src/lib/server/scope/scope';
import { applyToSums, reflagResponses } from '../../src/lib/server/sums/maintain';
import { rebuildSums, sumsMissing } from '../../src/lib/server/sums/rebuild';
import {
	insertAgency,
	insertAndSum,
	insertSyntheticResponses,
	linkToDossiers,
	loadRawResponses,
	referenceEstimates,
	selectResponses,
	type RawResponse
} from '../helpers/estimates-data';
import { databaseKinds, migratedDatabase, type TestDatabase } from './helpers/databases';
import { seededCounter } from './helpers/survey';

const OPTIONS = { minimumSample: 30 };
/** Differences allowed between the sums path and the reference: floating-point rounding only. */
const TOLERANCE = 1e-12;

function expectClose(actual: number | null, expected: number | null | undefined, what: string): void {
	if (expected === null || expected === undefined) {
		expect(actual, what).toBeNull();
		return;
	}
	expect(actual, what).not.toBeNull();
	expect(Math.abs(actual! - expected), `${what}: ${actual} vs ${expected}`).toBeLessThan(TOLERANCE);
}

function expectCellMatches(cell: EstimateCell, reference: DimensionEstimate, what: string): void {
	expect(cell.n, `${what} n`).toBe(reference.n);
	expectClose(cell.estimate, reference.p, `${what} estimate`);
	expectClose(cell.ci_low, reference.interval?.lower, `${what} ci_low`);
	expectClose(cell.ci_high, reference.interval?.upper, `${what} ci_high`);
	if (cell.estimate !== null && cell.baseline !== null) {
		// src/lib/sipas's changePoints: (p − B) × 100 without the binary noise past 12 significant digits.
		expect(cell.change_pp, `${what} change`).toBe(changePoints(cell.estimate, cell.baseline));
		expect(Math.abs(cell.change_pp! - (cell.estimate - cell.baseline) * 100)).toBeLessThan(1e-9);
	}
	if (cell.target !== null) expect(cell.status, `${what} status`).toBe(judgeStatus(reference, cell.target, OPTIONS.minimumSample));
}

/** Every dimension and index of an estimate equals the reference computed from raw answers. */
function expectPeriodMatches(estimate: PeriodEstimate, responses: readonly RawResponse[], scope: Scope): void {
	const counted = selectResponses(responses, scope, estimate.period.first, estimate.period.last);
	const reference = referenceEstimates(counted);
	const what = `${estimate.period.label} ${JSON.stringify(scope)}`;
	expect(estimate.n, `${what} responses`).toBe(reference.n);
	for (const key of DIMENSION_KEYS) expectCellMatches(estimate.dimensions[key], reference.dimensions[key], `${what} ${key}`);
	for (const index of INDEXES) {
		expectCellMatches(estimate[index.key], reference.indexes[index.key], `${what} ${index.key}`);
		expect(estimate[index.key].missingDimensions).toEqual(reference.indexes[index.key].missingDimensions);
	}
}

/** Both sums tables, every row in key order: for comparing a rebuild with incremental upkeep. */
async function snapshot(db: Kysely<Database>, agencyId?: number) {
	const order = sql.raw([...KEY_COLUMNS].join(', '));
	const where = agencyId === undefined ? sql`true` : sql`agency_id = ${agencyId}`;
	const estimates = await sql`select * from estimate_sums where ${where} order by ${order}`.execute(db);
	const daily = await sql`select * from daily_counts where ${where} order by day, agency_id, counter_id, procedure_field_id, channel, source, excluded, verified`.execute(db);
	return { estimates: estimates.rows, daily: daily.rows };
}

async function unfoldedCount(db: Kysely<Database>): Promise<number> {
	const { rows } = await sql<{ n: number }>`select count(*)::int as n from responses where not folded`.execute(db);
	return rows[0]!.n;
}

describe.each(await databaseKinds())('the estimation engine on %s', (kind) => {
	let database: TestDatabase;
	let db: Kysely<Database>;
	let agencyId: number;
	let other: { agencyId: number; counterId: number };
	let counters: { id: number; unit_id: number }[];
	let raw: RawResponse[];

	beforeAll(async () => {
		database = await migratedDatabase(kind);
		db = database.db;
		await seedReference(db);
		agencyId = (await db.selectFrom('agencies').select('id').where('code', '=', 'sct-gialai').executeTakeFirstOrThrow()).id;
		counters = await db.selectFrom('counters').select(['id', 'unit_id']).where('agency_id', '=', agencyId).orderBy('id').execute();
		other = await insertAgency(db, 'so-khac');
		// Six months of responses from 1 January 2024 local time, a tenth of them flagged, a tenth
		// verified (through a dossier). Most are folded into the sums in batches; the last 150 stay
		// unfolded, as if the folder were behind, so every estimate below adds the tail itself.
		const ids = await insertSyntheticResponses(db, { agencyId, count: 900, from: new Date('2023-12-31T17:00:00Z'), until: new Date('2024-06-30T16:59:59Z'), seed: 4242 });
		await linkToDossiers(db, agencyId, ids);
		for (let i = 0; i < 750; i += 97) await db.transaction().execute((trx) => applyToSums(trx, ids.slice(i, Math.min(i + 97, 750)), 1));
		await insertAndSum(db, { agencyId: other.agencyId, count: 60, from: new Date('2024-01-01T00:00:00Z'), until: new Date('2024-06-30T00:00:00Z'), seed: 7 });
		raw = await loadRawResponses(db, agencyId);
	});
	afterAll(() => database?.drop());

	it('writes every column of estimate_sums that the migration created', async () => {
		const { rows } = await sql<{ column_name: string }>`
			select column_name from information_schema.columns where table_name = 'estimate_sums' order by ordinal_position`.execute(db);
		expect(rows.map((r) => r.column_name)).toEqual([...KEY_COLUMNS, ...SUMS_COLUMNS]);
	});

	it('reads a tail of unfolded responses: the tests below run with 150 of them', async () => {
		expect(await unfoldedCount(db)).toBe(150);
		expect(raw.filter((r) => r.verified).length).toBe(90);
	});

	it('files a response under its day and month in Asia/Ho_Chi_Minh, not UTC', async () => {
		const version = await db.selectFrom('survey_versions').select('id').where('agency_id', '=', agencyId).executeTakeFirstOrThrow();
		const keys = await db
			.transaction()
			.execute(async (trx) => {
				const ids = [];
				for (const at of ['2024-07-31T16:30:00Z', '2024-07-31T17:30:00Z']) {
					const { id } = await trx
						.insertInto('responses')
						.values({ agency_id: agencyId, counter_id: counters[0]!.id, survey_version_id: version.id, submission_id: crypto.randomUUID(), submitted_at: at })
						.returning('id')
						.executeTakeFirstOrThrow();
					ids.push(id);
				}
				await applyToSums(trx, ids, 1);
				const rows = await trx
					.selectFrom('estimate_sums')
					.select(['grain', 'period_start', 'responses'])
					.where('agency_id', '=', agencyId)
					.where('period_start', '>=', '2024-07-01')
					.orderBy('grain')
					.orderBy('period_start')
					.execute();
				throw Object.assign(new Error('rollback'), { rows });
			})
			.catch((error: { rows: unknown }) => error.rows);
		// 23:30 on 31 July and 00:30 on 1 August, local time.
		expect(keys).toEqual([
			{ grain: 'cell', period_start: '2024-07-01', responses: 1 },
			{ grain: 'cell', period_start: '2024-08-01', responses: 1 },
			{ grain: 'day', period_start: '2024-07-31', responses: 1 },
			{ grain: 'day', period_start: '2024-08-01', responses: 1 },
			{ grain: 'month', period_start: '2024-07-01', responses: 1 },
			{ grain: 'month', period_start: '2024-08-01', responses: 1 }
		]);
	});

	it('equals the raw-answer computation for every month at agency scope, excluding and including flagged responses', async () => {
		expect(raw.filter((r) => r.excluded).length).toBeGreaterThan(30);
		for (const includeExcluded of [false, true]) {
			const scope = { agencyId, includeExcluded };
			const months = await estimateMonths(db, scope, '2024-01', '2024-06', 'month', await loadJudging(db, scope.agencyId, OPTIONS));
			expect(months).toHaveLength(6);
			for (const estimate of months) expectPeriodMatches(estimate, raw, scope);
		}
	});

	it('equals the raw-answer computation at counter scope, where small samples leave indices without a dimension', async () => {
		let missing = 0;
		for (const counter of counters.slice(0, 3)) {
			for (const includeExcluded of [false, true]) {
				const scope = { agencyId, counterId: counter.id, includeExcluded };
				for (const estimate of await estimateMonths(db, scope, '2024-01', '2024-06', 'month', await loadJudging(db, scope.agencyId, OPTIONS))) {
					expectPeriodMatches(estimate, raw, scope);
				}
			}
			// A single day at one counter: a handful of responses, often with a dimension nobody answered.
			for (const day of ['2024-02-01', '2024-03-01', '2024-04-01']) {
				const estimate = await estimatePeriod(db, { agencyId, counterId: counter.id }, { kind: 'range', from: day, to: day }, await loadJudging(db, agencyId, OPTIONS));
				expectPeriodMatches(estimate, raw, { agencyId, counterId: counter.id });
				if (estimate.overall.missingDimensions.length) missing += 1;
			}
		}
		expect(missing).toBeGreaterThan(0);
	});

	it('equals the raw-answer computation for quarters, year to date, rolling 3 months and custom ranges', async () => {
		const scope = { agencyId };
		for (const kind of ['quarter', 'ytd', 'rolling3'] as const) {
			for (const estimate of await estimateMonths(db, scope, '2024-02', '2024-06', kind, await loadJudging(db, scope.agencyId, OPTIONS))) expectPeriodMatches(estimate, raw, scope);
		}
		const ranges: Period[] = [
			{ kind: 'range', from: '2024-01-15', to: '2024-04-10' },
			{ kind: 'range', from: '2024-02-01', to: '2024-03-31' },
			{ kind: 'range', from: '2024-05-31', to: '2024-06-01' }
		];
		for (const period of ranges) expectPeriodMatches(await estimatePeriod(db, scope, period, await loadJudging(db, scope.agencyId, OPTIONS)), raw, scope);
	});

	it('equals the raw-answer computation for unit, procedure field, channel and source scopes', async () => {
		const field = await db.selectFrom('procedure_fields').select('id').where('agency_id', '=', agencyId).orderBy('id').executeTakeFirstOrThrow();
		const scopes: Scope[] = [
			{ agencyId, unitId: counters[1]!.unit_id },
			{ agencyId, procedureFieldId: field.id },
			{ agencyId, channel: 'online' },
			{ agencyId, source: 'paper' },
			{ agencyId, source: 'online', channel: 'in_person', includeExcluded: true },
			{ agencyId, verified: true },
			{ agencyId, verified: false, channel: 'online' }
		];
		for (const scope of scopes) {
			expectPeriodMatches(await estimatePeriod(db, scope, { kind: 'quarter', year: 2024, quarter: 2 }, await loadJudging(db, scope.agencyId, OPTIONS)), raw, scope);
		}
	});

	it('reads a custom range of days narrowed only by unit and counter, and refuses one narrowed further', async () => {
		const judging = await loadJudging(db, agencyId, OPTIONS);
		const period = { kind: 'range', from: '2024-02-10', to: '2024-04-20' } as const;
		expectPeriodMatches(await estimatePeriod(db, { agencyId, unitId: counters[0]!.unit_id }, period, judging), raw, { agencyId, unitId: counters[0]!.unit_id });
		await expect(estimatePeriod(db, { agencyId, channel: 'online' }, period, judging)).rejects.toThrow(/range of days/);
		await expect(estimatePeriod(db, { agencyId, verified: true }, period, judging)).rejects.toThrow(/range of days/);
		// Whole months in a range are month rows: any filter applies.
		const months = { kind: 'range', from: '2024-02-01', to: '2024-04-30' } as const;
		expectPeriodMatches(await estimatePeriod(db, { agencyId, channel: 'online' }, months, judging), raw, { agencyId, channel: 'online' });
	});

	it('keeps agencies apart', async () => {
		const estimate = await estimatePeriod(db, { agencyId: other.agencyId }, { kind: 'range', from: '2024-01-01', to: '2024-06-30' }, await loadJudging(db, other.agencyId, OPTIONS));
		expectPeriodMatches(estimate, await loadRawResponses(db, other.agencyId), { agencyId: other.agencyId });
		expect(estimate.n).toBeGreaterThan(0);
		expect(estimate.n).toBeLessThanOrEqual(60);
	});

	it('judges against the 2023 baseline and the target of the period year, averaged for indices', async () => {
		const estimate = await estimatePeriod(db, { agencyId }, { kind: 'month', month: '2024-03' }, await loadJudging(db, agencyId, OPTIONS));
		expect(estimate.baselineYear).toBe(2023);
		expectClose(estimate.dimensions.service_access.baseline, 0.8419, 'baseline');
		expectClose(estimate.dimensions.service_access.target, 0.8619, 'target');
		expectClose(estimate.overall.baseline, (83.26 + 82.95 + 84.19 + 84.09 + 84.9 + 84.2 + 84.2) / 700, 'overall baseline');
		expectClose(estimate.policy.target, (85.26 + 84.95) / 200, 'policy target');
		// 2025 has no target of its own: the 2024 target still applies; 2023 has no earlier baseline.
		await db.insertInto('baselines').values({ agency_id: agencyId, dimension_key: 'procedures', year: 2024, percent: 90 }).execute();
		const goals2025 = await estimatePeriod(db, { agencyId }, { kind: 'month', month: '2025-01' }, await loadJudging(db, agencyId, OPTIONS));
		expectClose(goals2025.dimensions.procedures.target, 0.8609, '2025 target');
		expectClose(goals2025.dimensions.procedures.baseline, 0.9, '2025 baseline');
		expect(goals2025.baselineYear).toBe(2024);
		expectClose(estimate.dimensions.procedures.baseline, 0.8409, '2024 keeps the 2023 baseline');
		await db.deleteFrom('baselines').where('year', '=', 2024).execute();
		const before = await estimatePeriod(db, { agencyId }, { kind: 'month', month: '2023-12' }, await loadJudging(db, agencyId, OPTIONS));
		expect(before.dimensions.procedures.baseline).toBeNull();
		expect(before.dimensions.procedures.target).toBeNull();
		expect(before.dimensions.procedures.status).toBe('insufficient');
		expect(before.n).toBe(0);
	});

	it('has no estimate, interval or status but "insufficient" where nothing or too little was answered', async () => {
		const empty = await estimatePeriod(db, { agencyId }, { kind: 'month', month: '2030-01' }, await loadJudging(db, agencyId, OPTIONS));
		for (const cell of [...Object.values(empty.dimensions), empty.overall]) {
			expect(cell).toMatchObject({ n: 0, estimate: null, ci_low: null, ci_high: null, change_pp: null, status: 'insufficient' });
		}
		expect(empty.overall.missingDimensions).toEqual(DIMENSION_KEYS);
	});

	it('gives each criterion its count, share, interval and distribution of answers', async () => {
		for (const scope of [{ agencyId }, { agencyId, counterId: counters[2]!.id, includeExcluded: true }]) {
			const period = { kind: 'range', from: '2024-02-10', to: '2024-05-20' } as const;
			const rows = await estimateCriteria(db, scope, period);
			const resolved = resolvePeriod(period);
			const reference = referenceEstimates(selectResponses(raw, scope, resolved.first, resolved.last));
			expect(rows.map((r) => r.key)).toEqual(
				['PA', 'PP', 'SA', 'TT', 'CC', 'KQ', 'PK'].flatMap((p) => Object.keys(reference.distribution).filter((k) => k.startsWith(p)).sort())
			);
			for (const row of rows) {
				const expected = estimateCriterion(reference.criteria[row.key]);
				expect(row.n).toBe(expected.n);
				expect(row.satisfied).toBe(expected.satisfied);
				expectClose(row.p, expected.p, `${row.key} p`);
				expectClose(row.interval?.lower ?? null, expected.interval?.lower, `${row.key} lower`);
				expect(row.distribution).toEqual(reference.distribution[row.key]);
				expect(row.dimension).toBe(CRITERIA.find((c) => c.key === row.key)!.dimension);
			}
		}
	});

	it('estimates each counter and unit, and says how much each pulls a dimension down', async () => {
		const period = { kind: 'quarter', year: 2024, quarter: 1 } as const;
		const resolved = resolvePeriod(period);
		const all = referenceEstimates(selectResponses(raw, { agencyId }, resolved.first, resolved.last));
		for (const by of ['counter', 'unit'] as const) {
			const groups = await estimateByGroup(db, { agencyId }, period, by, await loadJudging(db, agencyId, OPTIONS));
			expect(groups).toHaveLength(counters.length);
			for (const key of DIMENSION_KEYS) {
				const total = groups.reduce((sum, g) => sum + (g.dimensions[key].pullDown ?? 0), 0);
				expect(Math.abs(total)).toBeLessThan(1e-12);
			}
			for (const group of groups) {
				const scope = by === 'counter' ? { agencyId, counterId: group.id } : { agencyId, unitId: group.id };
				const counted = selectResponses(raw, scope, resolved.first, resolved.last);
				const reference = referenceEstimates(counted);
				expect(group.n).toBe(counted.length);
				if (by === 'counter') expect(group.code).toMatch(/-01$/);
				for (const key of DIMENSION_KEYS) {
					const cell = group.dimensions[key];
					expectCellMatches(cell, reference.dimensions[key], `${by} ${group.name} ${key}`);
					const share = answersIn(counted, key) / answersIn(selectResponses(raw, { agencyId }, resolved.first, resolved.last), key);
					expectClose(cell.pullDown, share * (reference.dimensions[key].p! - all.dimensions[key].p!), `${group.name} pull`);
				}
				expectCellMatches(group.overall, reference.indexes.overall, `${by} ${group.name} overall`);
			}
		}
	});

	it('moves a response between included and excluded when flagged as spam, and back exactly on restore', async () => {
		const period = { kind: 'month', month: '2024-04' } as const;
		const before = await estimatePeriod(db, { agencyId }, period, await loadJudging(db, agencyId, OPTIONS));
		const tablesBefore = await snapshot(db);
		const chosen = raw.filter((r) => r.day.startsWith('2024-04') && !r.excluded).slice(0, 12).map((r) => r.id);

		const flagged = await db.transaction().execute((trx) => reflagResponses(trx, chosen, { spam: true }));
		expect(flagged.map((f) => f.id).sort()).toEqual([...chosen].sort());
		expect(flagged.every((f) => !f.before.spam && f.after.spam)).toBe(true);
		const after = await estimatePeriod(db, { agencyId }, period, await loadJudging(db, agencyId, OPTIONS));
		expect(after.n).toBe(before.n - chosen.length);
		expect(after.overall.estimate).not.toBe(before.overall.estimate);
		expectPeriodMatches(after, await loadRawResponses(db, agencyId), { agencyId });
		const included = await estimatePeriod(db, { agencyId, includeExcluded: true }, period, await loadJudging(db, agencyId, OPTIONS));
		expectPeriodMatches(included, await loadRawResponses(db, agencyId), { agencyId, includeExcluded: true });

		// Flagging again changes nothing; restoring brings back every number and every row.
		expect(await db.transaction().execute((trx) => reflagResponses(trx, chosen, { spam: true }))).toEqual([]);
		await db.transaction().execute((trx) => reflagResponses(trx, chosen, { spam: false }));
		expect(await estimatePeriod(db, { agencyId }, period, await loadJudging(db, agencyId, OPTIONS))).toEqual(before);
		expect(await snapshot(db)).toEqual(tablesBefore);
	});

	it('folds the tail in batches, and survives a folder that fails mid-batch', async () => {
		const before = await estimatePeriod(db, { agencyId }, { kind: 'quarter', year: 2024, quarter: 2 }, await loadJudging(db, agencyId, OPTIONS));
		const tables = await snapshot(db);
		const pending = await unfoldedCount(db);
		expect(pending).toBeGreaterThan(100);
		// The process dies (here: throws) after writing a batch's sums, before the commit.
		await expect(foldBatch(db, { batchSize: 40, beforeCommit: () => { throw new Error('crash mid-batch'); } })).rejects.toThrow('crash mid-batch');
		expect(await unfoldedCount(db)).toBe(pending);
		expect(await snapshot(db)).toEqual(tables);
		expect(await foldBatch(db, { batchSize: 40 })).toBe(40);
		expect(await unfoldedCount(db)).toBe(pending - 40);
		expect(await foldAll(db, { batchSize: 40 })).toBe(pending - 40);
		expect(await unfoldedCount(db)).toBe(0);
		// The same estimates, now from folded rows alone.
		expect(await estimatePeriod(db, { agencyId }, { kind: 'quarter', year: 2024, quarter: 2 }, await loadJudging(db, agencyId, OPTIONS))).toEqual(before);
	});

	it('rebuilds from raw answers exactly what incremental upkeep wrote, one agency or all', async () => {
		await foldAll(db);
		const incremental = await snapshot(db);
		const otherRows = await snapshot(db, other.agencyId);
		expect(incremental.estimates.length).toBeGreaterThan(100);

		await db.deleteFrom('estimate_sums').where('agency_id', '=', agencyId).execute();
		const result = await rebuildSums(db, agencyId);
		expect(result.responses).toBe(raw.length);
		expect(await snapshot(db, other.agencyId)).toEqual(otherRows);
		expect(await snapshot(db)).toEqual(incremental);

		await db.deleteFrom('daily_counts').execute();
		await db.deleteFrom('estimate_sums').execute();
		expect(await sumsMissing(db)).toBe(true);
		await rebuildSums(db);
		expect(await sumsMissing(db)).toBe(false);
		expect(await snapshot(db)).toEqual(incremental);
	});

	it('counts a submission in the very next report, before the folder runs, and writes no sum on its path', async () => {
		await foldAll(db);
		const fixture = await seededCounter(db);
		const now = new Date('2024-06-15T03:00:00Z');
		const period = { kind: 'month', month: '2024-06' } as const;
		const scope = { agencyId, counterId: fixture.survey.counter.id };
		const before = await estimatePeriod(db, scope, period, await loadJudging(db, scope.agencyId, OPTIONS));
		const tablesBefore = await snapshot(db);

		const answers = { PA1: 5, PA2: null, SA1: 2, CC1: 4, CC2: 4, KQ1: 1 } as const;
		const outcome = await submitResponse(db, fixture.submission({ answers, channel: 'online' }), fixture.context({ now, deviceHash: 'd-1' }));
		expect(outcome.status).toBe('stored');
		// Nothing summed yet: the response waits, unfolded, for the folder.
		expect(await snapshot(db)).toEqual(tablesBefore);
		expect(await unfoldedCount(db)).toBe(1);
		const after = await estimatePeriod(db, scope, period, await loadJudging(db, scope.agencyId, OPTIONS));
		expect(after.n).toBe(before.n + 1);
		expect(after.dimensions.civil_servants.n).toBe(before.dimensions.civil_servants.n + 1);
		expect(after.dimensions.procedures.n).toBe(before.dimensions.procedures.n);
		expectPeriodMatches(after, await loadRawResponses(db, agencyId), scope);
		const criteria = await estimateCriteria(db, scope, { kind: 'range', from: '2024-06-15', to: '2024-06-15' });
		expect(criteria.find((c) => c.key === 'PA2')?.distribution.na).toBeGreaterThanOrEqual(1);

		// Refused (too many from one device): nothing of it is stored.
		const limits = { flagPerHour: 0, blockPerHour: 0 };
		const refused = await submitResponse(db, fixture.submission(), fixture.context({ now, deviceHash: 'd-1', limits }));
		expect(refused.status).toBe('too_many');
		expect(await unfoldedCount(db)).toBe(1);

		// A flooded response is stored flagged as misuse: excluded from the estimate, counted with includeExcluded.
		const flooded = await submitResponse(db, fixture.submission(), fixture.context({ now, deviceHash: 'd-2', limits: { flagPerHour: 0, blockPerHour: 5 } }));
		expect(flooded).toMatchObject({ status: 'stored', flaggedMisuse: true });
		const judging = await loadJudging(db, scope.agencyId, OPTIONS);
		expect((await estimatePeriod(db, scope, period, judging)).n).toBe(after.n);
		const withExcluded = await estimatePeriod(db, { ...scope, includeExcluded: true }, period, judging);
		expectPeriodMatches(withExcluded, await loadRawResponses(db, agencyId), { ...scope, includeExcluded: true });

		// Folded, the same numbers; and the sums equal a rebuild from raw answers.
		expect(await foldAll(db)).toBe(2);
		expect(await estimatePeriod(db, scope, period, judging)).toEqual(after);
		expect(await estimatePeriod(db, { ...scope, includeExcluded: true }, period, judging)).toEqual(withExcluded);
		const folded = await snapshot(db);
		await rebuildSums(db);
		expect(await snapshot(db)).toEqual(folded);
	});

	it('keeps the sums equal to a rebuild after concurrent submissions, moderation and folding', async () => {
		await foldAll(db);
		const fixture = await seededCounter(db);
		const now = new Date('2024-05-20T03:00:00Z');
		const judging = await loadJudging(db, agencyId, OPTIONS);
		const limits = { flagPerHour: 1000, blockPerHour: 1000 };
		const submissions = Array.from({ length: 40 }, (_, i) =>
			submitResponse(db, fixture.submission({ answers: { PA1: ((i % 5) + 1) as 1, CC1: (5 - (i % 5)) as 5, KQ2: null } }), fixture.context({ now, deviceHash: `c-${i}`, limits }))
		);
		const folding = (async () => {
			for (let i = 0; i < 10; i++) await foldBatch(db, { batchSize: 7 });
		})();
		const moderated = raw.filter((r) => r.day.startsWith('2024-05') && !r.excluded).slice(0, 10).map((r) => r.id);
		const moderating = (async () => {
			for (const id of moderated) await db.transaction().execute((trx) => reflagResponses(trx, [id], { spam: true }));
		})();
		const outcomes = await Promise.all(submissions);
		await Promise.all([folding, moderating]);
		expect(outcomes.every((o) => o.status === 'stored')).toBe(true);

		// Exact before everything is folded …
		const now2 = await loadRawResponses(db, agencyId);
		expectPeriodMatches(await estimatePeriod(db, { agencyId }, { kind: 'month', month: '2024-05' }, judging), now2, { agencyId });
		// … and after; the folded sums equal a rebuild from raw answers.
		await foldAll(db);
		expectPeriodMatches(await estimatePeriod(db, { agencyId }, { kind: 'month', month: '2024-05' }, judging), now2, { agencyId });
		const folded = await snapshot(db);
		await rebuildSums(db);
		expect(await snapshot(db)).toEqual(folded);
		await db.transaction().execute((trx) => reflagResponses(trx, moderated, { spam: false }));
	});
});

function answersIn(responses: readonly RawResponse[], dimension: DimensionKey): number {
	const prefix = { policy_accountability: 'PA', policy_participation: 'PP', service_access: 'SA', procedures: 'TT', civil_servants: 'CC', service_results: 'KQ', feedback_handling: 'PK' }[dimension];
	return responses.reduce((total, r) => total + Object.entries(r.answers).filter(([key, v]) => key.startsWith(prefix) && v !== null).length, 0);
}
