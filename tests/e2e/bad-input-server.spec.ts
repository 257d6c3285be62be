import { randomBytes, randomUUID } from 'node:crypto';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { hashPassword } from '../../src/lib/server/auth/password';
import { activeSurveyVersion, countResponses, query } from './db';
import { BASE_URL } from './settings';

/**
 * Input the built server used to answer with a 5xx (issue 8): a NUL character, which Postgres
 * refuses in any text; an id beyond int4; a month in year 0 or 9999, which the calendar arithmetic
 * and Postgres dates cannot hold. Each is now a 4xx with a message in words, through the whole
 * stack (hooks included: a page that shows its filter form with a problem is answered 400).
 * Counter cn-01 is bad-input.spec.ts's; nothing may be stored for it here either.
 */
const COUNTER = 'cn-01';
const RUN = randomBytes(3).toString('hex');
const STAFF = `bad-input-${RUN}@e2e.test`;
const PASSWORD = `mật khẩu đầu vào ${RUN}`;
const YEAR_MESSAGE = 'Chọn một thời gian từ năm 2000 đến năm 2100.';

let stored: number;

test.beforeAll(async () => {
	const [agency] = await query<{ id: number }>(`select id from agencies where code = 'sct-gialai'`);
	await query(`insert into users (agency_id, email, role, password_hash) values ($1, $2, 'staff', $3)`, [agency!.id, STAFF, await hashPassword(PASSWORD)]);
	stored = await countResponses(COUNTER);
});

test.afterAll(async () => {
	expect(await countResponses(COUNTER)).toBe(stored);
});

async function signIn(request: APIRequestContext): Promise<void> {
	const response = await request.post('/login', { form: { email: STAFF, password: PASSWORD }, headers: { origin: BASE_URL, accept: 'text/html' }, maxRedirects: 0 });
	expect(response.status()).toBe(303);
}

test('a NUL in the counter code of a URL is a 404, not a 503', async ({ request }) => {
	expect((await request.get('/s/%00')).status()).toBe(404);
	expect((await request.get('/s/%00/thanks')).status()).toBe(404);
	const api = await request.post('/api/v1/counters/%00/responses', { data: {} });
	expect(api.status()).toBe(404);
});

test('a NUL in the comment or dossier code, or a field id beyond 32 bits, is a 400 with the reason', async ({ request }) => {
	const version = await activeSurveyVersion();
	const send = (extra: Record<string, unknown>) =>
		request.post(`/api/v1/counters/${COUNTER}/responses`, { data: { submission_id: randomUUID(), survey_version: version, answers: { PA1: 5 }, ...extra } });

	const comment = await send({ comment: 'Tốt\u0000' });
	expect(comment.status()).toBe(400);
	expect((await comment.json()).issues).toEqual([{ field: 'comment', message: expect.stringContaining('NUL') }]);
	const dossier = await send({ dossier_code: 'HS\u0000' });
	expect(dossier.status()).toBe(400);
	expect((await dossier.json()).issues).toEqual([{ field: 'dossier_code', message: expect.stringContaining('NUL') }]);
	const field = await send({ procedure_field: 2 ** 32 });
	expect(field.status()).toBe(400);
	expect((await field.json()).issues).toEqual([{ field: 'procedure_field', message: 'This choice is not valid.' }]);

	// The HTML form without JavaScript: the page again, with the message next to the comment.
	const form = await request.post(`/s/${COUNTER}`, {
		form: { submission_id: randomUUID(), survey_version: String(version), 'a.PA1': '4', comment: 'Rất\u0000tốt' },
		headers: { origin: BASE_URL, accept: 'text/html' }
	});
	expect(form.status()).toBe(400);
	expect(await form.text()).toContain('Góp ý có ký tự không hợp lệ (ký tự NUL).');
});

test('staff pages, downloads and the estimates API answer a bad month or search with 400 and a message', async ({ request }) => {
	await signIn(request);
	for (const month of ['9999-12', '0000-01']) {
		for (const page of ['dashboard', 'export']) {
			const response = await request.get(`/a/sct-gialai/${page}?month=${month}`);
			expect(response.status(), `${page} ${month}`).toBe(400);
			expect(await response.text(), `${page} ${month}`).toContain(YEAR_MESSAGE);
		}
		// A download is refused before its first byte (the CSV used to reset mid-stream).
		for (const file of ['responses.csv', 'responses.xlsx', 'estimates.csv']) {
			const response = await request.get(`/a/sct-gialai/export/${file}?month=${month}`);
			expect(response.status(), `${file} ${month}`).toBe(400);
			expect(await response.text(), `${file} ${month}`).toContain(YEAR_MESSAGE);
		}
	}

	const comments = await request.get('/a/sct-gialai/comments?q=%00');
	expect(comments.status()).toBe(400);
	expect(await comments.text()).toContain('Nội dung tìm kiếm có ký tự không hợp lệ (ký tự NUL).');

	const api = await request.get('/api/v1/agencies/sct-gialai/estimates?from=2024-13&to=2025-06');
	expect(api.status()).toBe(400);
	expect(await api.json()).toEqual({ error: 'from: must be a month written YYYY-MM, e.g. 2024-07' });
	const zero = await request.get('/api/v1/agencies/sct-gialai/estimates?from=0000-01&to=0000-02');
	expect(zero.status()).toBe(400);

	// A good query is still a 200, and the agency code of a URL with a NUL is a 404.
	expect((await request.get('/a/sct-gialai/dashboard?month=2024-07')).status()).toBe(200);
	expect((await request.get('/a/%00/dashboard')).status()).toBe(404);
});
