import { randomUUID } from 'node:crypto';
import { isActionFailure, isHttpError, isRedirect } from '@sveltejs/kit';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Principal } from '../../src/lib/server/auth/principal';
import { parseConfig } from '../../src/lib/server/config-schema';
import type { Database } from '../../src/lib/server/db/schema';
import { seedReference } from '../../src/lib/server/seed/reference';
import { databaseKinds, migratedDatabase, type TestDatabase } from './helpers/databases';

/**
 * Input that Postgres refuses or that breaks the calendar arithmetic — a NUL character (%00,
 * \u0000), an id beyond int4, a month in year 0 or 9999 — answered as SvelteKit would answer the
 * route: a 4xx with a message, never an exception (a 500, or a 503 "try again" that never
 * succeeds). Each case ran into the database or threw before it was refused where it is parsed.
 */
const app = vi.hoisted(() => ({ db: undefined as unknown }));
vi.mock('$lib/server/db', () => ({ db: () => app.db }));
vi.mock('$lib/server/config', () => ({ appConfig: () => parseConfig({ MINIMUM_SAMPLE: '30' }) }));

const survey = await import('../../src/routes/s/[code]/+page.server');
const thanks = await import('../../src/routes/s/[code]/thanks/+page.server');
const responsesApi = await import('../../src/routes/api/v1/counters/[code]/responses/+server');
const estimatesApi = await import('../../src/routes/api/v1/agencies/[agency]/estimates/+server');
const dashboard = await import('../../src/routes/a/[agency]/dashboard/+page.server');
const exportPage = await import('../../src/routes/a/[agency]/export/+page.server');
const responsesCsv = await import('../../src/routes/a/[agency]/export/responses.csv/+server');
const responsesXlsx = await import('../../src/routes/a/[agency]/export/responses.xlsx/+server');
const estimatesCsv = await import('../../src/routes/a/[agency]/export/estimates.csv/+server');
const comments = await import('../../src/routes/a/[agency]/comments/+page.server');
const login = await import('../../src/routes/login/+page.server');
const counters = await import('../../src/routes/a/[agency]/admin/counters/+page.server');

type Handler = (event: never) => unknown;

/** A request event as SvelteKit builds it, for the route params named. */
function event(path: string, options: { params: Record<string, string>; principal?: Principal; body?: BodyInit; contentType?: string }) {
	const url = new URL(`http://localhost${path}`);
	const request = new Request(url, {
		method: options.body === undefined ? 'GET' : 'POST',
		body: options.body,
		headers: options.contentType ? { 'content-type': options.contentType } : {}
	});
	const locals: App.Locals = { locale: 'vi', principal: options.principal };
	return {
		url,
		request,
		params: options.params,
		locals,
		route: { id: null },
		isDataRequest: false,
		cookies: { get: () => undefined, set: () => {} },
		getClientAddress: () => '127.0.0.1',
		setHeaders: () => {}
	};
}

/** "error 404", "fail 400", "redirect …", "response 400", or "ok" with what the load returned. */
async function answer(handler: Handler | undefined, e: ReturnType<typeof event>): Promise<{ outcome: string; data?: unknown; body?: string }> {
	if (!handler) throw new Error('no such handler');
	try {
		const result = await handler(e as never);
		if (isActionFailure(result)) return { outcome: `fail ${result.status}`, data: result.data };
		if (result instanceof Response) return { outcome: `response ${result.status}`, body: await result.text() };
		return { outcome: 'ok', data: result };
	} catch (error) {
		if (isHttpError(error)) return { outcome: `error ${error.status}` };
		if (isRedirect(error)) return { outcome: `redirect ${error.location}` };
		throw error;
	}
}

describe.each(await databaseKinds())('bad input answered 4xx on %s', (kind) => {
	let database: TestDatabase;
	let db: Kysely<Database>;
	let staff: Principal;
	let versionId: number;

	beforeAll(async () => {
		database = await migratedDatabase(kind);
		db = database.db;
		app.db = db;
		await seedReference(db);
		const agency = await db.selectFrom('agencies').select('id').where('code', '=', 'sct-gialai').executeTakeFirstOrThrow();
		versionId = (await db.selectFrom('survey_versions').select('id').where('agency_id', '=', agency.id).where('active', '=', true).executeTakeFirstOrThrow()).id;
		staff = { kind: 'user', id: 1, label: 'staff@test.vn', role: 'staff', agencyId: agency.id } as Principal;
	});
	afterAll(() => database?.drop());

	const stored = async () => Number((await db.selectFrom('responses').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

	it('a URL with a NUL for the counter (/s/%00) is no counter: 404 for the survey, its thank-you page and the JSON API', async () => {
		expect((await answer(survey.load as Handler, event('/s/%00', { params: { code: '\u0000' } }))).outcome).toBe('error 404');
		expect((await answer(thanks.load as Handler, event('/s/%00/thanks', { params: { code: '\u0000' } }))).outcome).toBe('error 404');
		const api = await answer(
			responsesApi.POST as Handler,
			event('/api/v1/counters/%00/responses', { params: { code: 'x\u0000' }, body: '{}', contentType: 'application/json' })
		);
		expect(api.outcome).toBe('response 404');
	});

	it('a NUL in the comment or the dossier code is refused with its message, by the form and by the JSON API; nothing is stored', async () => {
		for (const [field, key] of [
			['comment', 'error.comment.unstorable'],
			['dossier_code', 'error.dossierCode.unstorable']
		] as const) {
			const form = new URLSearchParams({ submission_id: randomUUID(), survey_version: String(versionId), 'a.PA1': '5', [field]: 'a\u0000b' });
			const viaForm = await answer(
				survey.actions.default as Handler,
				event('/s/vp-01', { params: { code: 'vp-01' }, body: form, contentType: 'application/x-www-form-urlencoded' })
			);
			expect(viaForm.outcome).toBe('fail 400');
			expect((viaForm.data as { errors: Record<string, unknown> }).errors[field]).toEqual({ key });

			const json = JSON.stringify({ submission_id: randomUUID(), survey_version: versionId, answers: { PA1: 5 }, [field]: 'a\u0000b' });
			const viaApi = await answer(responsesApi.POST as Handler, event('/api/v1/counters/vp-01/responses', { params: { code: 'vp-01' }, body: json, contentType: 'application/json' }));
			expect(viaApi.outcome).toBe('response 400');
			expect(JSON.parse(viaApi.body!).issues).toEqual([{ field, message: expect.stringContaining('NUL') }]);
		}
		expect(await stored()).toBe(0);
	});

	it('a procedure field id beyond 32 bits is refused as a bad choice, not sent to an int4 column', async () => {
		for (const id of ['4294967296', '2147483648']) {
			const form = new URLSearchParams({ submission_id: randomUUID(), survey_version: String(versionId), 'a.PA1': '5', procedure_field: id });
			const viaForm = await answer(
				survey.actions.default as Handler,
				event('/s/vp-01', { params: { code: 'vp-01' }, body: form, contentType: 'application/x-www-form-urlencoded' })
			);
			expect(viaForm.outcome).toBe('fail 400');
			expect((viaForm.data as { errors: Record<string, unknown> }).errors.procedure_field).toEqual({ key: 'error.choice' });
		}
		const json = JSON.stringify({ submission_id: randomUUID(), survey_version: versionId, answers: { PA1: 5 }, procedure_field: 2 ** 32 });
		const viaApi = await answer(responsesApi.POST as Handler, event('/api/v1/counters/vp-01/responses', { params: { code: 'vp-01' }, body: json, contentType: 'application/json' }));
		expect(viaApi.outcome).toBe('response 400');
		expect(await stored()).toBe(0);
	});

	it('the estimates API answers 400 for a month that is not one, or outside 2000–2100', async () => {
		const cases: [string, RegExp][] = [
			['from=2024-13&to=2025-06', /^from: must be a month written YYYY-MM/],
			['from=2024-01&to=2024-13', /^to: must be a month written YYYY-MM/],
			['from=0000-01&to=0000-03', /must be a month from 2000-01 to 2100-12/],
			['from=9999-11&to=9999-12&period=rolling3', /must be a month from 2000-01 to 2100-12/],
			['from=1999-12&to=2000-02', /^from: must be a month from 2000-01/]
		];
		for (const [query, message] of cases) {
			const result = await answer(
				estimatesApi.GET as Handler,
				event(`/api/v1/agencies/sct-gialai/estimates?${query}`, { params: { agency: 'sct-gialai' }, principal: staff })
			);
			expect(result.outcome, query).toBe('response 400');
			expect(JSON.parse(result.body!).error, query).toMatch(message);
		}
		const edge = await answer(
			estimatesApi.GET as Handler,
			event('/api/v1/agencies/sct-gialai/estimates?from=2100-11&to=2100-12&period=ytd', { params: { agency: 'sct-gialai' }, principal: staff })
		);
		expect(edge.outcome).toBe('response 200');
	});

	it('the dashboard and the export page show the form with a message for a year outside 2000–2100, answered 400', async () => {
		for (const query of ['month=9999-12', 'month=0000-01', 'period=quarter&quarter=0000-Q1', 'period=range&from=0000-01-01&to=0000-02-01']) {
			for (const page of [dashboard.load, exportPage.load] as Handler[]) {
				const e = event(`/a/sct-gialai/dashboard?${query}`, { params: { agency: 'sct-gialai' }, principal: staff });
				const result = await answer(page, e);
				expect(result.outcome, query).toBe('ok');
				expect((result.data as { problems: { message: string }[] }).problems.map((p) => p.message), query).toContain('dashboard.filter.error.year');
				expect(e.locals.badQuery, query).toBe(true);
			}
		}
		const good = event('/a/sct-gialai/dashboard?month=2100-12', { params: { agency: 'sct-gialai' }, principal: staff });
		expect((await answer(dashboard.load as Handler, good)).outcome).toBe('ok');
		expect(good.locals.badQuery).toBeUndefined();
	});

	it('the downloads answer 400 in words before any byte of a file (the CSV used to reset mid-stream)', async () => {
		for (const query of ['month=9999-12', 'month=0000-01']) {
			for (const route of [responsesCsv.GET, responsesXlsx.GET, estimatesCsv.GET] as Handler[]) {
				const result = await answer(route, event(`/a/sct-gialai/export/responses.csv?${query}`, { params: { agency: 'sct-gialai' }, principal: staff }));
				expect(result.outcome, query).toBe('response 400');
				expect(result.body, query).toContain('Chọn một thời gian từ năm 2000 đến năm 2100.');
			}
		}
	});

	it('a comment search with a NUL shows the unfiltered list and a message, answered 400', async () => {
		const e = event('/a/sct-gialai/comments?q=%00', { params: { agency: 'sct-gialai' }, principal: staff });
		const result = await answer(comments.load as Handler, e);
		expect(result.outcome).toBe('ok');
		expect(result.data).toMatchObject({ problems: ['dashboard.comments.error.searchCharacter'], query: { q: '' } });
		expect(e.locals.badQuery).toBe(true);
	});

	it('an agency code with a NUL in a staff URL is no agency: 404', async () => {
		const result = await answer(dashboard.load as Handler, event('/a/%00/dashboard', { params: { agency: '\u0000' }, principal: staff }));
		expect(result.outcome).toBe('error 404');
		const api = await answer(estimatesApi.GET as Handler, event('/api/v1/agencies/%00/estimates?from=2024-01&to=2024-02', { params: { agency: 'a\u0000' }, principal: staff }));
		expect(api.outcome).toBe('response 404');
	});

	it('an administrator\'s form with a NUL in a name, or a unit id beyond 32 bits, is refused next to the field', async () => {
		const admin = { ...staff, role: 'admin' } as Principal;
		const unit = (await db.selectFrom('units').select('id').limit(1).executeTakeFirstOrThrow()).id;
		for (const [form, field, key] of [
			[{ code: 'moi-01', name: 'Quầy\u0000mới', unit: String(unit) }, 'name', 'admin.error.unstorable'],
			[{ code: 'moi-01', name: 'Quầy mới', unit: '4294967296' }, 'unit', 'admin.error.choose']
		] as const) {
			const body = new URLSearchParams(form);
			const result = await answer(
				counters.actions.create as Handler,
				event('/a/sct-gialai/admin/counters?/create', { params: { agency: 'sct-gialai' }, principal: admin, body, contentType: 'application/x-www-form-urlencoded' })
			);
			expect(result.outcome).toBe('fail 400');
			expect((result.data as { errors: Record<string, unknown> }).errors[field]).toEqual({ key });
		}
		expect(await db.selectFrom('counters').select('id').where('code', '=', 'moi-01').executeTakeFirst()).toBeUndefined();
	});

	it('a sign-in with a NUL in the email is refused like any unusable email', async () => {
		const body = new URLSearchParams({ email: 'a\u0000@example.vn', password: 'mat-khau-bat-ky' });
		const result = await answer(login.actions.default as Handler, event('/login', { params: {}, body, contentType: 'application/x-www-form-urlencoded' }));
		expect(result.outcome).toBe('fail 400');
	});
});
