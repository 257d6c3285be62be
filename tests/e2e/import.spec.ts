import { expect, test, type Page } from '@playwright/test';
import { hashPassword } from '../../src/lib/server/auth/password';
import { CRITERIA } from '../../src/lib/server/seed/sipas-reference';
import { generatePaperCsv } from '../fixtures/paper-generator';
import { query } from './db';

// Paper questionnaires are imported for counter tt-01 only: the other specs count their own
// counters' responses, and survey-nojs (tt-01) compares counts before and after, never totals.
const COUNTER = 'tt-01';
const PASSWORD = 'giay-nhap-phieu-2024';
const STAFF = 'import-staff@e2e.test';
const LEADER = 'import-leader@e2e.test';
const PAGE = '/a/sct-gialai/import';
const KEYS = CRITERIA.map((c) => c.key);
/** External ids unique to one test run, so that running again on the same database starts afresh. */
const unique = (label: string) => `${label}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`.toUpperCase();

test.beforeAll(async () => {
	const hash = await hashPassword(PASSWORD);
	for (const [email, role] of [[STAFF, 'staff'], [LEADER, 'leader']]) {
		await query(
			`insert into users (agency_id, email, role, password_hash)
			 select id, $1, $2, $3 from agencies where code = 'sct-gialai' on conflict (email) do nothing`,
			[email, role, hash]
		);
	}
});

async function signIn(page: Page, email: string) {
	// After hydration, so that it cannot clear what was typed before it.
	await page.goto(`/login?next=${encodeURIComponent(PAGE)}`, { waitUntil: 'networkidle' });
	await page.getByLabel('Email').fill(email);
	await page.getByLabel('Mật khẩu').fill(PASSWORD);
	await page.getByRole('button', { name: 'Đăng nhập' }).click();
}

/** A small file in the shape Excel gives: BOM, CRLF, a quoted comment over two lines. */
function paperFile(prefix: string, rows: string[]): { name: string; mimeType: string; buffer: Buffer } {
	const header = ['external_id', 'submitted_at', 'counter', 'channel', 'PA1', 'PA2', 'CC1', 'comment'].join(',');
	return { name: `${prefix}.csv`, mimeType: 'text/csv', buffer: Buffer.from('\uFEFF' + [header, ...rows].join('\r\n') + '\r\n', 'utf8') };
}

const paperResponses = async (prefix: string) =>
	query<{ external_id: string; source: string; counter: string; answers: string }>(
		`select r.external_id, r.source, c.code as counter,
			string_agg(cr.key || '=' || coalesce(a.value::text, 'NA'), ' ' order by cr.position) as answers
		 from responses r join counters c on c.id = r.counter_id
		 left join answers a on a.response_id = r.id left join criteria cr on cr.id = a.criterion_id
		 where r.external_id like $1 group by r.id, c.code order by r.external_id`,
		[`${prefix}-%`]
	);

test('staff checks a file, then imports it, and sees how many questionnaires were stored', async ({ page }) => {
	await signIn(page, STAFF);
	await expect(page).toHaveURL(PAGE);
	await expect(page.getByRole('heading', { level: 1, name: 'Nhập phiếu khảo sát giấy' })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Nhập phiếu giấy' })).toHaveAttribute('aria-current', 'page');

	const ok = unique('OK');
	const file = paperFile(ok, [
		`${ok}-1,05/03/2024,${COUNTER},trực tiếp,5,NA,4,"Cán bộ ""rất"" nhiệt tình,\r\ncảm ơn"`,
		`${ok}-2,2024-03-06 09:30,${COUNTER},,3,,Không áp dụng,`
	]);
	await page.getByLabel('Tệp CSV').setInputFiles(file);
	await page.getByLabel('Chỉ kiểm tra tệp, chưa nhập').check();
	await page.getByRole('button', { name: 'Tải lên' }).click();
	await expect(page.getByRole('status')).toContainText('Tệp hợp lệ: 2 phiếu. Chưa lưu gì (chỉ kiểm tra).');
	await expect(page.getByRole('status')).toContainText('Sẽ nhập 2 phiếu mới; 0 phiếu đã được nhập trước đó sẽ được bỏ qua.');
	expect(await paperResponses(ok)).toEqual([]);

	// The file stays chosen after a check: untick and upload again.
	await page.getByLabel('Chỉ kiểm tra tệp, chưa nhập').uncheck();
	await page.getByRole('button', { name: 'Tải lên' }).click();
	await expect(page.getByRole('heading', { name: 'Đã nhập 2 phiếu giấy.' })).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Đã nhập 2 phiếu giấy.' })).toBeInViewport();
	await page.screenshot({ path: 'tests/e2e/screenshots/import-done-phone.png' });
	expect(await paperResponses(ok)).toEqual([
		{ external_id: `${ok}-1`, source: 'paper', counter: COUNTER, answers: 'PA1=5 PA2=NA CC1=4' },
		{ external_id: `${ok}-2`, source: 'paper', counter: COUNTER, answers: 'PA1=3 CC1=NA' }
	]);

	// The same file again changes nothing.
	await page.getByLabel('Tệp CSV').setInputFiles(file);
	await page.getByRole('button', { name: 'Tải lên' }).click();
	await expect(page.getByRole('heading', { name: 'Đã nhập 0 phiếu giấy.' })).toBeVisible();
	await expect(page.getByRole('status')).toContainText('Đã nhập trước đó (bỏ qua): 2 phiếu.');
	expect(await paperResponses(ok)).toHaveLength(2);
});

test('a file with bad rows is refused whole, with a table of every bad row', async ({ page }) => {
	await signIn(page, STAFF);
	const bad = unique('BAD');
	await page.getByLabel('Tệp CSV').setInputFiles(
		paperFile(bad, [
			`${bad}-1,05/03/2024,${COUNTER},,5,4,4,`,
			`${bad}-2,31/02/2024,${COUNTER},,5,4,4,`,
			`${bad}-3,05/03/2024,khong-co,,7,4,4,`
		])
	);
	await page.getByRole('button', { name: 'Tải lên' }).click();
	const alert = page.getByRole('alert');
	await expect(alert).toContainText('Tệp bị từ chối: chưa phiếu nào được nhập.');
	await expect(alert).toContainText('2 trong 3 dòng có lỗi.');
	await expect(alert).toContainText('Các dòng có lỗi: 3–4');
	const rows = page.getByRole('table').getByRole('row');
	await expect(rows).toHaveCount(4);
	await expect(rows.nth(1)).toContainText('submitted_at (cột B)');
	await expect(rows.nth(1)).toContainText('“31/02/2024” không phải ngày hợp lệ.');
	await expect(rows.nth(2)).toContainText('Cơ quan không có quầy mã “khong-co”.');
	await expect(rows.nth(3)).toContainText('PA1 (cột E)');
	await expect(rows.nth(3)).toContainText('“7” không phải câu trả lời hợp lệ');
	await page.screenshot({ path: 'tests/e2e/screenshots/import-errors-phone.png', fullPage: true });
	expect(await paperResponses(bad)).toEqual([]);
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('the upload works as a plain form, and a typo in a column name is named', async ({ page }) => {
		await signIn(page, STAFF);
		await page.getByLabel('Tệp CSV').setInputFiles({
			name: 'typo.csv',
			mimeType: 'text/csv',
			buffer: Buffer.from(`submitted_at;counter;PA 1\r\n05/03/2024;${COUNTER};4\r\n`)
		});
		const [post] = await Promise.all([
			page.waitForResponse((r) => r.request().method() === 'POST'),
			page.getByRole('button', { name: 'Tải lên' }).click()
		]);
		expect(post.status()).toBe(400);
		await expect(page.getByRole('alert')).toContainText('Không nhận ra cột C “PA 1”: có phải là PA1?');
	});
});

test('a file far larger than a survey form is accepted on this page (2,000 rows)', async ({ page }) => {
	const { csv } = generatePaperCsv(2000, KEYS, [COUNTER], 7);
	const big = unique('BIG');
	const buffer = Buffer.from(csv.replaceAll('GEN-7-', `${big}-`), 'utf8');
	expect(buffer.length).toBeGreaterThan(200 * 1024);
	await signIn(page, STAFF);
	await page.getByLabel('Tệp CSV').setInputFiles({ name: 'lon.csv', mimeType: 'text/csv', buffer });
	await page.getByRole('button', { name: 'Tải lên' }).click();
	await expect(page.getByRole('heading', { name: 'Đã nhập 2.000 phiếu giấy.' })).toBeVisible({ timeout: 30_000 });
	expect(await paperResponses(big)).toHaveLength(2000);
});

test('the template downloads with this agency\'s statements, and a leader cannot open the page', async ({ page, browser }) => {
	await signIn(page, STAFF);
	const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Tải tệp mẫu (dấu phẩy)' }).click()]);
	expect(download.suggestedFilename()).toBe('mau-phieu-giay-sct-gialai.csv');
	const text = await (await download.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString('utf8'));
	expect(text.startsWith('\uFEFFexternal_id,submitted_at,counter,channel,PA1,')).toBe(true);
	expect(text.split('\r\n')[0]).toContain(KEYS.join(','));

	const leader = await browser.newPage();
	await signIn(leader, LEADER);
	const response = await leader.goto(PAGE);
	expect(response?.status()).toBe(403);
	await leader.close();
});
