import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Database } from '../../src/lib/server/db/schema';
import { parseConfig } from '../../src/lib/server/config-schema';
import { seedReference } from '../../src/lib/server/seed/reference';
import { createApiToken } from '../../src/lib/server/auth/tokens';
import { identify } from '../../src/lib/server/auth/identify';
import { countResponse, DIMENSION_KEYS, INDEXES, designEffect } from '../../src/lib/sipas';
import { CRITERIA } from '../../src/lib/server/seed/sipas-reference';
import { firstDayOf, lastDayOf } from '../../src/lib/sipas/calendar';
import { insertAndSum, loadRawResponses, referenceEstimates, selectResponses, type RawResponse } from '../helpers/estimates-data';
import { referenceWeightedDimension, referenceWeightedIndex, type WeightedResponse } from '../helpers/sipas-reference';
import { seededRandom, randomInt } from '../helpers/random';
import { databaseKinds, migratedDatabase, type TestDatabase } from './helpers/databases';
import { applyToSums } from '../../src/lib/server/sums/maintain';
import { readMonthlyStratumSums } from '../../src/lib/server/sums/read-sums';
import { foldAll } from '../../src/lib/server/sums/folder';
import { loadFilterForm } from '../../src/lib/server/scope/filter-form';
import { loadDashboard } from '../../src/lib/server/dashboard/dashboard';
import { wilson } from '../../src/lib/sipas';

/**
 * GET …/estimates?weighting=register (SIPAS.md §7) against a computation from raw answers: the
 * weights of each month worked out here, response by response, from the responses' own channel
 * and field and the register's dossiers, literally as §7 reads.
 */
const app = vi.hoisted(() => ({ db: undefined as unknown }));
vi.mock('../../src/lib/server/db/index.ts', () => ({ db: () => app.db }));
const MINIMUM_CELL = 4;
vi.mock('../../src/lib/server/config.ts', () => ({ appConfig: () => parseConfig({ MINIMUM_SAMPLE: '30', MINIMUM_CELL: '4' }) }));
const { GET } = await import('../../src/routes/api/v1/agencies/[agency]/estimates/+server');
const csvRoute = await import('../../src/routes/a/[agency]/export/estimates.csv/+server');

const MONTHS = ['2024-01', '2024-02', '2024-03'] as const;
const DIMENSION_OF = new Map(CRITERIA.map((c) => [c.key, c.dimension as string]));

describe.each(await databaseKinds())('weighting by the dossier register on %s', (kind) => {
	let database: TestDatabase;
	let db: Kysely<Database>;
	let agencyId: number;
	let token: string;
	/** Frame dossiers per month and cell 'channel|field'; and with a response. */
	const frame = new Map<string, Map<string, number>>();
	let responded = new Map<string, number>();
	let raw: RawResponse[] = [];

	async function get(query: string) {
		const url = new URL(`http://localhost/api/v1/agencies/sct-gialai/estimates?${query}`);
		const event = {
			url,
			params: { agency: 'sct-gialai' },
			request: new Request(url, { headers: { authorization: `Bearer ${token}` } }),
			cookies: { get: () => undefined },
			locals: {} as App.Locals,
			route: { id: '/api/v1/agencies/[agency]/estimates' }
		};
		event.locals.principal = await identify(event as never);
		const response = await GET(event as never);
		return { status: response.status, body: await response.json() };
	}

	beforeAll(async () => {
		database = await migratedDatabase(kind);
		db = database.db;
		app.db = db;
		await seedReference(db);
		agencyId = (await db.selectFrom('agencies').select('id').where('code', '=', 'sct-gialai').executeTakeFirstOrThrow()).id;
		token = (await createApiToken(db, { agencyId, name: 'cổng', role: 'leader', createdBy: null })).token;
		await insertAndSum(db, { agencyId, count: 700, from: new Date('2024-01-01T00:00:00Z'), until: new Date('2024-03-31T12:00:00Z'), seed: 7, flagged: 0.05 });

		// The register: two fields, every channel, some cells empty, some large; returned mid-month.
		const fields = await db.selectFrom('procedure_fields').select('id').where('agency_id', '=', agencyId).orderBy('id').limit(3).execute();
		const unit = await db.selectFrom('units').select('id').where('agency_id', '=', agencyId).orderBy('id').executeTakeFirstOrThrow();
		const random = seededRandom(11);
		const rows = [];
		for (const month of MONTHS) {
			const cells = new Map<string, number>();
			for (const channel of ['in_person', 'online', 'postal'] as const) {
				for (const field of fields) {
					const N = random() < 0.2 ? 0 : randomInt(random, 1, 60);
					if (N === 0) continue;
					cells.set(`${channel}|${field.id}`, N);
					for (let i = 0; i < N; i++) {
						rows.push({
							agency_id: agencyId,
							code: `${month}-${channel}-${field.id}-${i}`,
							procedure_code: 'p',
							procedure_name: 'Thủ tục',
							procedure_field_id: field.id,
							channel,
							unit_id: unit.id,
							received_at: new Date(`${month}-01T02:00:00Z`),
							returned_at: new Date(`${month}-14T02:00:00Z`),
							invitation_hash: randomBytes(16).toString('hex')
						});
					}
				}
			}
			frame.set(month, cells);
		}
		for (let i = 0; i < rows.length; i += 500) await db.insertInto('dossiers').values(rows.slice(i, i + 500)).execute();
		// A few responses came through their dossier's invitation (the response rate counts them).
		const linked = await db.selectFrom('dossiers').select(['id', 'returned_at']).where('agency_id', '=', agencyId).orderBy('id').execute();
		responded = new Map();
		const someResponses = await db.selectFrom('responses').select('id').where('agency_id', '=', agencyId).orderBy('id').limit(25).execute();
		// A response gets its dossier when it is stored (an invitation), before it is folded: unfold
		// these, link them, and let the folder fold them again (register_months counts them then).
		const someIds = someResponses.map((r) => r.id);
		await db.transaction().execute((trx) => applyToSums(trx, someIds, -1));
		for (let i = 0; i < someResponses.length; i++) {
			const dossier = linked[i * 7]!;
			await db.updateTable('responses').set({ dossier_id: dossier.id }).where('id', '=', someResponses[i]!.id).execute();
			const month = dossier.returned_at!.toISOString().slice(0, 7);
			responded.set(month, (responded.get(month) ?? 0) + 1);
		}
		await foldAll(db);
		raw = await loadRawResponses(db, agencyId);
	});
	afterAll(() => database?.drop());

	/** §7 read literally for one month: each response's weight from its own cell. */
	function referenceWeights(month: string): (WeightedResponse & { answers: RawResponse['answers'] })[] {
		const responses = selectResponses(raw, { agencyId }, firstDayOf(month), lastDayOf(month));
		const cellOf = (r: RawResponse) => (r.channel !== null && r.procedureFieldId !== null ? `${r.channel}|${r.procedureFieldId}` : null);
		const answering = responses
			.map((r) => ({ r, counts: countResponse(r.answers, (key) => DIMENSION_OF.get(key)) }))
			.filter(({ counts }) => Object.values(counts).some((c) => c.m > 0));
		const N = frame.get(month)!;
		const n = new Map<string | null, number>();
		for (const { r } of answering) n.set(cellOf(r), (n.get(cellOf(r)) ?? 0) + 1);
		const kept = (cell: string | null) => cell !== null && (N.get(cell) ?? 0) >= 1 && (n.get(cell) ?? 0) >= MINIMUM_CELL;
		let NR = 0;
		for (const [cell, count] of N) if (!kept(cell)) NR += count;
		const nR = answering.filter(({ r }) => !kept(cellOf(r))).length;
		const wR = NR > 0 && nR > 0 ? NR / nR : 0;
		return answering.map(({ r, counts }) => {
			const cell = cellOf(r);
			return { counts, answers: r.answers, weight: kept(cell) ? N.get(cell!)! / n.get(cell)! : wR };
		});
	}

	it('weighting=none (the default) answers exactly as before', async () => {
		const plain = await get('from=2024-01&to=2024-03');
		const none = await get('from=2024-01&to=2024-03&weighting=none');
		expect(none).toEqual(plain);
		expect(Object.keys(plain.body)).toEqual(['agency', 'periods']);
		expect(Object.keys(plain.body.periods[0].overall)).not.toContain('deff');
		expect((await get('from=2024-01&to=2024-03&weighting=raking')).status).toBe(400);
	});

	it('weighting=register equals the computation from raw answers and weights, n unweighted', async () => {
		const response = await get('from=2024-01&to=2024-03&weighting=register');
		expect(response.status).toBe(200);
		expect(response.body.weighting).toBe('register');
		const plain = (await get('from=2024-01&to=2024-03')).body;
		for (const [i, period] of response.body.periods.entries()) {
			const month = MONTHS[i]!;
			expect(period.period).toBe(month);
			expect(Object.keys(period)).toEqual(['period', 'dimensions', 'overall', 'service', 'policy', 'frame_dossiers', 'coverage', 'residual_responses', 'response_rate']);
			const weighted = referenceWeights(month);
			const unweighted = referenceEstimates(selectResponses(raw, { agencyId }, firstDayOf(month), lastDayOf(month)));
			const frameTotal = [...frame.get(month)!.values()].reduce((a, b) => a + b, 0);
			expect(period.frame_dossiers).toBe(frameTotal);
			expect(period.response_rate).toBeCloseTo((responded.get(month) ?? 0) / frameTotal, 12);
			expect(weighted.some((w) => w.weight > 0)).toBe(true);
			for (const key of DIMENSION_KEYS) {
				const cell = period.dimensions[key];
				const expected = referenceWeightedDimension(weighted, key);
				expect(cell.n).toBe(unweighted.dimensions[key].n);
				expect(cell.n).toBe(plain.periods[i].dimensions[key].n);
				expect(cell.estimate).toBeCloseTo(expected.p!, 12);
				expect(cell.ci_low).toBeCloseTo(expected.interval!.lower, 10);
				expect(cell.ci_high).toBeCloseTo(expected.interval!.upper, 10);
				expect(cell.deff).toBeCloseTo(designEffect(expected.variance, unweighted.dimensions[key].variance)!, 9);
			}
			for (const index of INDEXES) {
				const expected = referenceWeightedIndex(weighted, index);
				const cell = period[index.key];
				expect(cell.n).toBe(unweighted.indexes[index.key].n);
				expect(cell.estimate).toBeCloseTo(expected.p!, 12);
				expect(cell.ci_low).toBeCloseTo(expected.interval!.lower, 10);
				expect(cell.deff).toBeCloseTo(designEffect(expected.variance, unweighted.indexes[index.key].variance)!, 9);
			}
		}
	});

	it('the dashboard shows a month weighted beside unweighted, and each criterion weighted as §7 says, from raw answers', async () => {
		const month = '2024-02';
		const { scoped } = await loadFilterForm(db, agencyId, new URLSearchParams(`period=month&month=${month}`));
		const dashboard = await loadDashboard(db, scoped!, 'vi', { minimumSample: 30, minimumCell: MINIMUM_CELL });
		const api = (await get(`from=${month}&to=${month}&weighting=register`)).body.periods[0];
		const weighted = dashboard.weighted!;
		expect(weighted.weighting.frame_dossiers).toBe(api.frame_dossiers);
		for (const row of weighted.rows) {
			const cell = row.kind === 'index' ? api[row.key] : api.dimensions[row.key];
			expect(row.weighted.estimate).toBeCloseTo(cell.estimate, 12);
			expect(row.weighted.deff).toBeCloseTo(cell.deff, 12);
		}
		// Each criterion: p = Σw·s / Σw·a, interval W(p, n_K) with n_K = (Σw·a)² / Σw²·a.
		const responses = referenceWeights(month);
		let compared = 0;
		for (const { key } of CRITERIA) {
			let wa = 0;
			let ws = 0;
			let w2a = 0;
			for (const r of responses) {
				const value = r.answers[key];
				if (!(r.weight > 0) || value === undefined || value === null) continue;
				wa += r.weight;
				w2a += r.weight * r.weight;
				if (value >= 4) ws += r.weight;
			}
			const shown = weighted.criteria[key];
			if (wa === 0) {
				expect(shown?.p ?? null).toBeNull();
				continue;
			}
			const p = ws / wa;
			const expected = wilson(p, (wa * wa) / w2a);
			expect(shown!.p).toBeCloseTo(p, 12);
			expect(shown!.interval!.lower).toBeCloseTo(expected.lower, 10);
			expect(shown!.interval!.upper).toBeCloseTo(expected.upper, 10);
			compared++;
		}
		expect(compared).toBeGreaterThan(20);
		// A range of days is not weighted (the register is counted by month).
		const range = await loadFilterForm(db, agencyId, new URLSearchParams('period=range&from=2024-02-03&to=2024-02-20'));
		expect((await loadDashboard(db, range.scoped!, 'vi', { minimumSample: 30, minimumCell: MINIMUM_CELL })).weighted).toBeNull();
	});

	it('a month without a register has no weighted estimate, and says nothing is covered', async () => {
		const response = await get('from=2024-04&to=2024-04&weighting=register');
		const [period] = response.body.periods;
		expect(period).toMatchObject({ frame_dossiers: 0, coverage: null, residual_responses: 0, response_rate: null });
		expect(period.overall).toMatchObject({ estimate: null, deff: null, status: 'insufficient' });
	});

	it('exports the weighted columns and deff when asked, equal to the API; plain export unchanged', async () => {
		const staff = { kind: 'user' as const, id: 1, label: 'staff@test.vn', role: 'staff' as const, agencyId };
		const csv = async (query: string) => {
			const url = new URL(`http://localhost/a/sct-gialai/export/estimates.csv?${query}`);
			const response = await csvRoute.GET({ url, params: { agency: 'sct-gialai' }, request: new Request(url), locals: { locale: 'en', principal: staff } } as never);
			return { status: response.status, text: (await response.text()).replace(/^\uFEFF/, '') };
		};
		const plain = await csv('period=month&month=2024-02');
		const weighted = await csv('period=month&month=2024-02&weighting=register');
		expect(weighted.status).toBe(200);
		const [plainHeader, ...plainRows] = plain.text.trim().split(/\r?\n/);
		const [header, ...rows] = weighted.text.trim().split(/\r?\n/);
		expect(header).toBe(`${plainHeader},Weighted estimate (0–1),Weighted 95% CI lower (0–1),Weighted 95% CI upper (0–1),Design effect (deff),Weighted status code`);
		const api = (await get('from=2024-02&to=2024-02&weighting=register')).body.periods[0];
		const overall = rows.find((row) => row.split(',')[1] === 'overall')!.split(',');
		expect(Number(overall.at(-5))).toBeCloseTo(api.overall.estimate, 12);
		expect(Number(overall.at(-2))).toBeCloseTo(api.overall.deff, 12);
		expect(overall.at(-1)).toBe(String(api.overall.status));
		expect(rows.map((row) => row.split(',').slice(0, 13).join(','))).toEqual(plainRows);
		expect((await csv('period=range&from=2024-02-03&to=2024-02-20&weighting=register')).status).toBe(400);
		expect((await csv('period=month&month=2024-02&weighting=yes')).status).toBe(400);
	});

	it("a counter's year of month rows, read in two halves at once, equals its months read one by one", async () => {
		const counter = await db
			.selectFrom('responses')
			.select(['counter_id', db.fn.countAll<number>().as('n')])
			.where('agency_id', '=', agencyId)
			.groupBy('counter_id')
			.orderBy('n', 'desc')
			.executeTakeFirstOrThrow();
		const scope = { agencyId, counterId: counter.counter_id, includeExcluded: false };
		// Twelve months, August to July: January in the first half, February and March in the second.
		const year = await readMonthlyStratumSums(db, scope, '2023-08', '2024-07');
		expect([...year.keys()].sort()).toEqual([...MONTHS]);
		for (const month of MONTHS) {
			const alone = (await readMonthlyStratumSums(db, scope, month, month)).get(month)!;
			const fromYear = year.get(month)!;
			expect([...fromYear.keys()].sort()).toEqual([...alone.keys()].sort());
			for (const [cell, vector] of alone) expect([...fromYear.get(cell)!]).toEqual([...vector]);
			expect([...alone.values()].some((vector) => vector[0]! > 0)).toBe(true);
		}
	});
});
