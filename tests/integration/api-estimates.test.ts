import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Database } from '../../src/lib/server/db/schema';
import { parseConfig } from '../../src/lib/server/config-schema';
import { seedReference } from '../../src/lib/server/seed/reference';
import { createApiToken } from '../../src/lib/server/auth/tokens';
import { createSession } from '../../src/lib/server/auth/session';
import { createUser } from '../../src/lib/server/auth/users';
import { identify } from '../../src/lib/server/auth/identify';
import { estimateMonths, estimatePeriod, loadJudging } from '../../src/lib/server/estimates';
import { insertAgency, insertAndSum, linkToDossiers } from '../helpers/estimates-data';
import { applyToSums } from '../../src/lib/server/sums/maintain';
import { databaseKinds, migratedDatabase, type TestDatabase } from './helpers/databases';

// The route reaches the database through the app's db() singleton; point it at this test's database.
const app = vi.hoisted(() => ({ db: undefined as unknown }));
vi.mock('../../src/lib/server/db/index.ts', () => ({ db: () => app.db }));
vi.mock('../../src/lib/server/config.ts', () => ({ appConfig: () => parseConfig({ MINIMUM_SAMPLE: '30' }) }));
const { GET } = await import('../../src/routes/api/v1/agencies/[agency]/estimates/+server');

const OPTIONS = { minimumSample: 30 };
const CELL_KEYS = ['n', 'estimate', 'ci_low', 'ci_high', 'baseline', 'target', 'change_pp', 'status'];

describe.each(await databaseKinds())('GET /api/v1/agencies/{agency}/estimates on %s', (kind) => {
	let database: TestDatabase;
	let db: Kysely<Database>;
	let agencyId: number;
	let leaderToken: string;
	let otherToken: string;
	let sessionCookie: string;

	/** Calls the route as the server would: the principal from the Authorization header or cookie. */
	async function get(path: string, auth: { bearer?: string; session?: string } = {}) {
		const url = new URL(`http://localhost${path}`);
		const headers = new Headers(auth.bearer ? { authorization: `Bearer ${auth.bearer}` } : {});
		const event = {
			url,
			params: { agency: url.pathname.split('/')[4]! },
			request: new Request(url, { headers }),
			cookies: { get: (name: string) => (name === 'hl_session' ? auth.session : undefined) },
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
		const other = await insertAgency(db, 'so-khac');
		const ids = await insertAndSum(db, { agencyId, count: 500, from: new Date('2024-01-01T00:00:00Z'), until: new Date('2024-04-30T00:00:00Z'), seed: 99 });
		// A tenth through dossiers' invitations (verified): unfolded before their key changes, and left
		// unfolded, so that the API reads them from the tail.
		await db.transaction().execute((trx) => applyToSums(trx, ids, -1));
		await linkToDossiers(db, agencyId, ids);
		await db.transaction().execute((trx) => applyToSums(trx, ids.filter((_, i) => i % 10 !== 3), 1));
		leaderToken = (await createApiToken(db, { agencyId, name: 'cổng tỉnh', role: 'leader', createdBy: null })).token;
		otherToken = (await createApiToken(db, { agencyId: other.agencyId, name: 'khác', role: 'leader', createdBy: null })).token;
		const user = await createUser(db, { email: 'lanh.dao@example.vn', name: 'Lãnh đạo', role: 'leader', agencyCode: 'sct-gialai', password: 'mat-khau-du-dai-123' });
		sessionCookie = await createSession(db, user.id);
	});
	afterAll(() => database?.drop());

	const path = '/api/v1/agencies/sct-gialai/estimates?from=2024-01&to=2024-04';

	it('answers 401 without a token or session, and with a wrong or revoked token', async () => {
		for (const auth of [{}, { bearer: 'hl_not-a-token' }]) {
			const response = await get(path, auth);
			expect(response.status).toBe(401);
			expect(response.body).toEqual({ error: expect.stringContaining('Bearer') });
		}
		// Even bad parameters are not looked at before the caller is known.
		expect((await get('/api/v1/agencies/sct-gialai/estimates?from=nope')).status).toBe(401);
	});

	it('answers 404 to the token of another agency, as for an agency that does not exist', async () => {
		expect(await get(path, { bearer: otherToken })).toEqual({ status: 404, body: { error: 'No agency with this code.' } });
		expect(await get('/api/v1/agencies/khong-co/estimates?from=2024-01&to=2024-04', { bearer: leaderToken })).toEqual({
			status: 404,
			body: { error: 'No agency with this code.' }
		});
	});

	it('answers 400 with a message for bad parameters', async () => {
		const cases: [string, RegExp][] = [
			['', /from/],
			['?from=2024-1&to=2024-04', /from: must be a month/],
			['?from=2024-05&to=2024-04', /^from: must not be after to$/],
			['?from=2019-01&to=2024-01', /^to: must be at most 60 months/],
			['?from=2024-01&to=2024-04&period=week', /period: must be one of/],
			['?from=2024-01&to=2024-04&unit=abc', /unit: must be a positive whole number/],
			['?from=2024-01&to=2024-04&unit=99999', /no unit 99999/],
			['?from=2024-01&to=2024-04&counter=zz-99', /no counter zz-99/],
			['?from=2024-01&to=2024-04&counter=so-khac-01', /no counter so-khac-01/],
			['?from=2024-01&to=2024-04&channel=fax', /channel/],
			['?from=2024-01&to=2024-04&include_excluded=yes', /include_excluded/],
			['?from=2024-01&to=2024-04&verified=yes', /verified: must be 1 or 0/],
			['?from=2024-01&to=2024-04&procedurefield=1', /unknown parameter procedurefield/],
			['?from=2024-01&to=2024-04&from=2024-02', /give each parameter once/]
		];
		for (const [query, message] of cases) {
			const response = await get(`/api/v1/agencies/sct-gialai/estimates${query}`, { bearer: leaderToken });
			expect(response.status, query).toBe(400);
			expect(Object.keys(response.body)).toEqual(['error']);
			expect(response.body.error, query).toMatch(message);
		}
		// Exactly 60 months is allowed.
		const longest = await get('/api/v1/agencies/sct-gialai/estimates?from=2019-02&to=2024-01', { bearer: leaderToken });
		expect(longest.status).toBe(200);
		expect(longest.body.periods).toHaveLength(60);
	});

	it('answers the monthly estimates with exactly the documented shape, equal to estimatePeriod', async () => {
		const response = await get(path, { bearer: leaderToken });
		expect(response.status).toBe(200);
		expect(Object.keys(response.body)).toEqual(['agency', 'periods']);
		expect(response.body.agency).toBe('sct-gialai');
		expect(response.body.periods.map((p: { period: string }) => p.period)).toEqual(['2024-01', '2024-02', '2024-03', '2024-04']);
		for (const period of response.body.periods) {
			expect(Object.keys(period)).toEqual(['period', 'dimensions', 'overall', 'service', 'policy']);
			const expected = await estimatePeriod(db, { agencyId }, { kind: 'month', month: period.period }, await loadJudging(db, agencyId, OPTIONS));
			for (const [key, cell] of Object.entries<Record<string, unknown>>(period.dimensions)) {
				expect(Object.keys(cell)).toEqual(CELL_KEYS);
				const { n, estimate, ci_low, ci_high, baseline, target, change_pp, status } = expected.dimensions[key as keyof typeof expected.dimensions];
				expect(cell).toEqual({ n, estimate, ci_low, ci_high, baseline, target, change_pp, status });
			}
			for (const index of ['overall', 'service', 'policy'] as const) {
				// The engine's variance (for comparing periods) is not part of the API's cell.
				const { missingDimensions: _, variance: __, ...cell } = expected[index];
				expect(period[index]).toEqual(cell);
				expect(Object.keys(period[index])).toEqual(CELL_KEYS);
			}
			expect(period.overall.estimate).toBeGreaterThan(0);
			expect(period.overall.baseline).toBeCloseTo(0.8397, 4);
			expect(['met', 'on_track', 'below', 'clearly_below']).toContain(period.overall.status);
		}
	});

	it('serves a signed-in leader through the session cookie too, with the same numbers', async () => {
		const bySession = await get(path, { session: sessionCookie });
		expect(bySession.status).toBe(200);
		expect(bySession.body).toEqual((await get(path, { bearer: leaderToken })).body);
	});

	it('applies period and filters: counter, unit, procedure field, channel, source, verified, flagged responses', async () => {
		const counter = await db.selectFrom('counters').select(['id', 'code', 'unit_id']).where('code', '=', 'tm-01').executeTakeFirstOrThrow();
		const field = await db.selectFrom('procedure_fields').select('id').where('agency_id', '=', agencyId).orderBy('id').executeTakeFirstOrThrow();
		const cases = [
			{ query: `period=quarter&counter=${counter.code}`, scope: { agencyId, counterId: counter.id }, kind: 'quarter' as const },
			{ query: `period=ytd&unit=${counter.unit_id}&include_excluded=1`, scope: { agencyId, unitId: counter.unit_id, includeExcluded: true }, kind: 'ytd' as const },
			{ query: `period=rolling3&procedure_field=${field.id}&channel=in_person&source=online`, scope: { agencyId, procedureFieldId: field.id, channel: 'in_person' as const, source: 'online' as const }, kind: 'rolling3' as const },
			{ query: 'verified=1', scope: { agencyId, verified: true }, kind: 'month' as const },
			{ query: 'verified=0&channel=online', scope: { agencyId, verified: false, channel: 'online' as const }, kind: 'month' as const }
		];
		for (const { query, scope, kind: periodKind } of cases) {
			const response = await get(`${path}&${query}`, { bearer: leaderToken });
			expect(response.status, query).toBe(200);
			const expected = await estimateMonths(db, scope, '2024-01', '2024-04', periodKind, await loadJudging(db, scope.agencyId, OPTIONS));
			expect(response.body.periods.map((p: { period: string }) => p.period)).toEqual(expected.map((e) => e.period.label));
			response.body.periods.forEach((period: { overall: Record<string, unknown>; dimensions: Record<string, { n: number }> }, i: number) => {
				expect(period.overall.estimate).toBe(expected[i]!.overall.estimate);
				expect(period.dimensions.procedures!.n).toBe(expected[i]!.dimensions.procedures.n);
			});
		}
		// Verified and unverified add up to all responses, month by month.
		const [all, only, none] = await Promise.all(['', '&verified=1', '&verified=0'].map((q) => get(`${path}${q}`, { bearer: leaderToken })));
		all!.body.periods.forEach((period: { overall: { n: number } }, i: number) => {
			expect(only!.body.periods[i].overall.n).toBeGreaterThan(0);
			expect(only!.body.periods[i].overall.n + none!.body.periods[i].overall.n).toBe(period.overall.n);
		});
		const quarters = await get(`${path}&period=quarter`, { bearer: leaderToken });
		expect(quarters.body.periods.map((p: { period: string }) => p.period)).toEqual(['2024-Q1', '2024-Q2']);
	});

	it('gives null for an index with a missing dimension and for intervals with n < 2', async () => {
		// One response answering only three dimensions, on a day and at a counter with nothing else.
		const counter = await db.selectFrom('counters').select(['id', 'code']).where('code', '=', 'kcxt-01').executeTakeFirstOrThrow();
		const version = await db.selectFrom('survey_versions').select('id').where('agency_id', '=', agencyId).executeTakeFirstOrThrow();
		const criteria = await db.selectFrom('criteria').select(['id', 'key']).where('survey_version_id', '=', version.id).execute();
		await db.deleteFrom('responses').where('counter_id', '=', counter.id).where('submitted_at', '>=', new Date('2024-09-01T00:00:00Z')).execute();
		await db.transaction().execute(async (trx) => {
			const { id } = await trx
				.insertInto('responses')
				.values({ agency_id: agencyId, counter_id: counter.id, survey_version_id: version.id, submission_id: crypto.randomUUID(), submitted_at: '2024-09-10T03:00:00Z' })
				.returning('id')
				.executeTakeFirstOrThrow();
			const values = { PA1: 5, PA2: 4, PP1: 5, SA1: 2 } as Record<string, number>;
			await trx
				.insertInto('answers')
				.values(criteria.filter((c) => c.key in values).map((c) => ({ response_id: id, criterion_id: c.id, value: values[c.key]! })))
				.execute();
			const { applyToSums } = await import('../../src/lib/server/sums/maintain');
			await applyToSums(trx, [id], 1);
		});
		const response = await get(`/api/v1/agencies/sct-gialai/estimates?from=2024-09&to=2024-09&counter=${counter.code}`, { bearer: leaderToken });
		expect(response.status).toBe(200);
		const [period] = response.body.periods;
		expect(period.dimensions.policy_accountability).toMatchObject({ n: 1, estimate: 1, ci_low: null, ci_high: null, status: 'insufficient' });
		expect(period.dimensions.policy_accountability.change_pp).toBeCloseTo((1 - 0.8326) * 100, 9);
		expect(period.dimensions.procedures).toMatchObject({ n: 0, estimate: null, ci_low: null, ci_high: null, change_pp: null, status: 'insufficient' });
		expect(period.overall).toMatchObject({ n: 1, estimate: null, ci_low: null, ci_high: null, change_pp: null, status: 'insufficient' });
		expect(period.overall.baseline).toBeCloseTo(0.8397, 4);
		expect(period.policy).toMatchObject({ n: 1, estimate: 1, ci_low: null, ci_high: null, status: 'insufficient' });
		expect(period.service).toMatchObject({ estimate: null, status: 'insufficient' });
	});

	it('hides what went wrong inside: a broken database answers 500 with a plain message', async () => {
		const broken = { selectFrom: () => { throw new Error('connection reset at 10.0.0.5:5432'); } };
		app.db = broken;
		try {
			const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
			// identify() needs the real database for the token; the route then meets the broken one.
			const url = new URL(`http://localhost${path}`);
			const event = {
				url,
				params: { agency: 'sct-gialai' },
				request: new Request(url),
				cookies: { get: () => undefined },
				locals: { principal: { kind: 'token', id: 1, label: 'token:x', role: 'leader', agencyId } },
				route: { id: '/api/v1/agencies/[agency]/estimates' }
			};
			const response = await GET(event as never);
			expect(response.status).toBe(500);
			const body = await response.json();
			expect(body).toEqual({ error: expect.any(String) });
			expect(JSON.stringify(body)).not.toMatch(/10\.0\.0\.5|at .*\.ts|Error:/);
			errors.mockRestore();
		} finally {
			app.db = db;
		}
	});
});
