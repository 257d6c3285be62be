import { isHttpError, isRedirect } from '@sveltejs/kit';
import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Principal } from '../../src/lib/server/auth/principal';
import { createUser } from '../../src/lib/server/auth/users';
import { parseConfig } from '../../src/lib/server/config-schema';
import type { Database } from '../../src/lib/server/db/schema';
import { listOfficialResults, recordOfficialResult, setPublicResults } from '../../src/lib/server/official-results/store';
import { loadMonthlyReport } from '../../src/lib/server/report/monthly-report';
import { estimatePeriod, loadJudging } from '../../src/lib/server/estimates';
import { seedReference } from '../../src/lib/server/seed/reference';
import { addMonths, localMonthKey } from '../../src/lib/sipas/calendar';
import { insertAndSum } from '../helpers/estimates-data';
import { databaseKinds, migratedDatabase, type TestDatabase } from './helpers/databases';

/**
 * Issue 11's pages that read outside the report: ratings by official (refused to staff, audited,
 * no comment or dossier), the public results page (off by default, no comment, nothing below the
 * minimum sample), and the official SIPAS results beside the year.
 */
const app = vi.hoisted(() => ({ db: undefined as unknown }));
vi.mock('$lib/server/db', () => ({ db: () => app.db }));
vi.mock('$lib/server/config', () => ({ appConfig: () => parseConfig({ MINIMUM_SAMPLE: '30', MINIMUM_OFFICIAL_RESPONSES: '10' }) }));
const officialsRoute = await import('../../src/routes/a/[agency]/report/officials/+page.server');
const publicRoute = await import('../../src/routes/p/[agency]/+page.server');

const SECRET_COMMENT = 'Góp ý riêng tư của người dân 7f3a';
const LAST_MONTH = addMonths(localMonthKey(new Date()), -1);

function event(principal: Principal | undefined, path: string, params: Record<string, string>) {
	const url = new URL(`http://localhost${path}`);
	return { params, locals: { principal, locale: 'vi' }, url, request: new Request(url), route: { id: null }, setHeaders: () => {} };
}

async function answer(fn: (e: never) => unknown, e: unknown): Promise<unknown> {
	try {
		return await fn(e as never);
	} catch (error) {
		if (isHttpError(error)) return `error ${error.status}`;
		if (isRedirect(error)) return `redirect ${error.location}`;
		throw error;
	}
}

describe.each(await databaseKinds())('officials ratings, public page and official results on %s', (kind) => {
	let database: TestDatabase;
	let db: Kysely<Database>;
	let agencyId: number;
	let admin: Principal;
	let leader: Principal;
	let staff: Principal;
	const dossierCodes: string[] = [];

	beforeAll(async () => {
		database = await migratedDatabase(kind);
		db = database.db;
		app.db = db;
		await seedReference(db);
		agencyId = (await db.selectFrom('agencies').select('id').where('code', '=', 'sct-gialai').executeTakeFirstOrThrow()).id;
		const person = async (email: string, role: 'admin' | 'staff' | 'leader'): Promise<Principal> => {
			const { id } = await createUser(db, { email, password: 'a long password', role, agencyCode: 'sct-gialai' });
			return { kind: 'user', id, label: email, role, agencyId };
		};
		admin = await person('admin@ratings.test', 'admin');
		leader = await person('leader@ratings.test', 'leader');
		staff = await person('staff@ratings.test', 'staff');

		// Months before last and last month; every response carries a comment that must never show.
		const start = new Date(`${addMonths(LAST_MONTH, -1)}-01T00:00:00+07:00`);
		const end = new Date(new Date(`${addMonths(LAST_MONTH, 1)}-01T00:00:00+07:00`).getTime() - 3600_000);
		await insertAndSum(db, { agencyId, count: 400, from: start, until: end, seed: 5, flagged: 0 });
		await db.updateTable('responses').set({ comment: SECRET_COMMENT }).where('agency_id', '=', agencyId).execute();

		// Officials A, B, C, D and the dossiers of last month they handled: A 0–24, B 20–44 (20–24 by
		// both), C 45–59, D 60–63 (four: below the minimum of 10).
		const unit = await db.selectFrom('units').select('id').where('agency_id', '=', agencyId).orderBy('id').executeTakeFirstOrThrow();
		const field = await db.selectFrom('procedure_fields').select('id').where('agency_id', '=', agencyId).orderBy('id').executeTakeFirstOrThrow();
		const officials = await db
			.insertInto('officials')
			.values(['A', 'B', 'C', 'D'].map((code) => ({ agency_id: agencyId, code: `CB-${code}`, name: `Cán bộ ${code}` })))
			.returning(['id', 'code'])
			.execute();
		const byCode = new Map(officials.map((o) => [o.code, o.id]));
		const handlers = (i: number) => [...(i < 25 ? ['CB-A'] : []), ...(i >= 20 && i < 45 ? ['CB-B'] : []), ...(i >= 45 && i < 60 ? ['CB-C'] : []), ...(i >= 60 ? ['CB-D'] : [])];
		// Responses of last month with some answer, in order: each takes a dossier.
		const { rows: answering } = await sql<{ id: number }>`
			select r.id from responses r
			where r.agency_id = ${agencyId}
				and r.submitted_at >= (${`${LAST_MONTH}-01`}::date)::timestamp at time zone 'Asia/Ho_Chi_Minh'
				and exists (select 1 from answers a where a.response_id = r.id and a.value between 1 and 5)
			order by r.id limit 64`.execute(db);
		expect(answering).toHaveLength(64);
		for (let i = 0; i < 64; i++) {
			const code = `HS-${i}-${randomBytes(3).toString('hex')}`;
			dossierCodes.push(code);
			const dossier = await db
				.insertInto('dossiers')
				.values({ agency_id: agencyId, code, procedure_code: 'p', procedure_name: 'Thủ tục', procedure_field_id: field.id, channel: 'online', unit_id: unit.id, received_at: new Date(`${LAST_MONTH}-01T02:00:00Z`), returned_at: new Date(`${LAST_MONTH}-05T02:00:00Z`), invitation_hash: randomBytes(16).toString('hex') })
				.returning('id')
				.executeTakeFirstOrThrow();
			await db.insertInto('dossier_officials').values(handlers(i).map((c) => ({ dossier_id: dossier.id, official_id: byCode.get(c)! }))).execute();
			await db.updateTable('responses').set({ dossier_id: dossier.id }).where('id', '=', answering[i]!.id).execute();
		}
	});
	afterAll(() => database?.drop());

	const officialsPath = `/a/sct-gialai/report/officials?month=${LAST_MONTH}`;

	it('refuses ratings by official to staff, and writes nothing to the audit log for them', async () => {
		const before = await db.selectFrom('audit_log').select('id').where('action', '=', 'officials_ratings.view').execute();
		expect(await answer(officialsRoute.load as never, event(staff, officialsPath, { agency: 'sct-gialai' }))).toBe('error 403');
		expect(await answer(officialsRoute.load as never, event(undefined, officialsPath, { agency: 'sct-gialai' }))).toMatch(/^redirect \/login/);
		expect(await db.selectFrom('audit_log').select('id').where('action', '=', 'officials_ratings.view').execute()).toEqual(before);
	});

	it('shows leaders and administrators the officials with at least 10 responses, shrunk, and audits each view', async () => {
		for (const who of [leader, admin]) {
			const data = (await answer(officialsRoute.load as never, event(who, officialsPath, { agency: 'sct-gialai' }))) as {
				ratings: { listed: { name: string; responses: number }[]; hidden: number; rankings: Record<string, { verdict: string; groups: { name: string; n: number; raw: number }[] }> };
			};
			expect(data.ratings.listed.map((o) => [o.name, o.responses])).toEqual([
				['Cán bộ A', 25],
				['Cán bộ B', 25],
				['Cán bộ C', 15]
			]);
			expect(data.ratings.hidden).toBe(1);
			const overall = data.ratings.rankings.overall!;
			expect(overall.verdict).not.toBe('too_few');
			expect(overall.groups.map((g) => g.name).sort()).toEqual(['Cán bộ A', 'Cán bộ B', 'Cán bộ C']);
			const text = JSON.stringify(data);
			expect(text).not.toContain(SECRET_COMMENT);
			expect(text).not.toContain('Cán bộ D');
			for (const code of dossierCodes) expect(text).not.toContain(code);
			const views = await db.selectFrom('audit_log').select(['actor', 'entity_id']).where('action', '=', 'officials_ratings.view').where('actor', '=', who.label).execute();
			expect(views).toEqual([{ actor: who.label, entity_id: LAST_MONTH }]);
		}
	});

	it('keeps the public page off by default: 404, like an agency that does not exist', async () => {
		expect(await answer(publicRoute.load as never, event(undefined, '/p/sct-gialai', { agency: 'sct-gialai' }))).toBe('error 404');
		expect(await answer(publicRoute.load as never, event(undefined, '/p/khong-co', { agency: 'khong-co' }))).toBe('error 404');
	});

	it('once switched on (audited), shows numbers only: no comment, nothing below the minimum sample', async () => {
		expect(await setPublicResults(db, admin, agencyId, true)).toEqual({ ok: true, value: undefined });
		expect(await db.selectFrom('audit_log').select(['action', 'actor']).where('action', '=', 'public_results.on').execute()).toEqual([{ action: 'public_results.on', actor: admin.label }]);
		const data = (await answer(publicRoute.load as never, event(undefined, '/p/sct-gialai', { agency: 'sct-gialai' }))) as {
			results: { month: string; rows: { key: string; cell: { n: number; estimate: number | null; ci_low: number | null; status: string | null } }[]; trend: { cell: { n: number; estimate: number | null } }[]; responseRate: { invited: number; responded: number } };
		};
		const text = JSON.stringify(data);
		expect(text).not.toContain(SECRET_COMMENT);
		for (const code of dossierCodes) expect(text).not.toContain(code);
		expect(data.results.month).toBe(LAST_MONTH);
		const judging = await loadJudging(db, agencyId, { minimumSample: 30 });
		const expected = await estimatePeriod(db, { agencyId }, { kind: 'month', month: LAST_MONTH }, judging);
		const overall = data.results.rows.find((r) => r.key === 'overall')!;
		expect(overall.cell.n).toBe(expected.overall.n);
		expect(overall.cell.estimate).toBe(expected.overall.n >= 30 ? expected.overall.estimate : null);
		for (const cell of [...data.results.rows.map((r) => r.cell), ...data.results.trend.map((p) => p.cell)]) {
			if (cell.n < 30) expect(cell).toMatchObject({ estimate: null, ci_low: null, status: 'insufficient' });
		}
		// Months with no response at all are below the minimum too.
		expect(data.results.trend.some((p) => p.cell.n === 0 && p.cell.estimate === null)).toBe(true);
		expect(data.results.responseRate).toEqual({ rate: 1, invited: 64, responded: 64 });
		await setPublicResults(db, admin, agencyId, false);
		expect(await answer(publicRoute.load as never, event(undefined, '/p/sct-gialai', { agency: 'sct-gialai' }))).toBe('error 404');
	});

	it('records official SIPAS results (audited), refuses one with no number, and shows them beside the year', async () => {
		const year = Number(LAST_MONTH.slice(0, 4));
		expect(await recordOfficialResult(db, admin, agencyId, { year: String(year), scope: 'tỉnh Gia Lai', overall: '83,84', d_procedures: '84,09' })).toMatchObject({ ok: true });
		expect(await recordOfficialResult(db, admin, agencyId, { year: String(year), scope: 'cả nước', overall: '82.66' })).toMatchObject({ ok: true });
		expect(await recordOfficialResult(db, admin, agencyId, { year: String(year), scope: 'cả nước', overall: '' })).toMatchObject({ ok: false, status: 400, errors: { overall: { key: 'official.error.noNumber' } } });
		expect(await recordOfficialResult(db, admin, agencyId, { year: '23', scope: 'x', overall: '80' })).toMatchObject({ ok: false, errors: { year: { key: 'official.error.year' } } });
		const results = await listOfficialResults(db, agencyId, year);
		expect(results.map((r) => [r.scope, r.overall, r.dimensions])).toEqual([
			['cả nước', 82.66, {}],
			['tỉnh Gia Lai', 83.84, { procedures: 84.09 }]
		]);
		expect(await db.selectFrom('audit_log').select('action').where('action', '=', 'official_result.record').execute()).toHaveLength(2);

		const report = await loadMonthlyReport(db, agencyId, LAST_MONTH, 'vi', { minimumSample: 30, minimumCell: 10 });
		const ytd = await estimatePeriod(db, { agencyId }, { kind: 'ytd', month: LAST_MONTH }, await loadJudging(db, agencyId, { minimumSample: 30 }));
		const gialai = report.year!.official.find((o) => o.scope === 'tỉnh Gia Lai')!;
		expect(gialai.items.map((i) => i.key)).toEqual(['overall', 'procedures']);
		expect(gialai.items[0]!.official).toBeCloseTo(0.8384, 12);
		expect(gialai.items[0]!.unweighted).toBe(ytd.overall.estimate);
		expect(gialai.items[0]!.gapUnweighted).toBeCloseTo((ytd.overall.estimate! - 0.8384) * 100, 9);
		expect(report.year!.unweighted.estimate).toBe(ytd.overall.estimate);
		// The register covers last month only: the year's weighted estimate rests on it.
		expect(report.year!.weighting.frame_dossiers).toBe(64);
		expect(report.weighted!.weighting.frame_dossiers).toBe(64);
		expect(report.rankings!.counters.overall.groups.length).toBeGreaterThan(0);
	});
});
