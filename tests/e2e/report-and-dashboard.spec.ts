import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { expect, test, type Browser, type Page } from '@playwright/test';
import type { Kysely } from 'kysely';
import type { Database } from '../../src/lib/server/db/schema';
import { createUser } from '../../src/lib/server/auth/users';
import { estimatePeriod, loadJudging } from '../../src/lib/server/estimates';
import { insertAgency, insertAndSum } from '../helpers/estimates-data';
import { DIMENSION_KEYS } from '../../src/lib/sipas/dimensions';
import { DIMENSION_REFERENCE, TARGET_GAIN_POINTS } from '../../src/lib/server/seed/sipas-reference';
import { formatChange, formatPercent, STATUS_LABELS } from '../../src/lib/sipas';
import { openDatabase } from './db';
import { USER_AGENT } from './settings';

/**
 * The leadership's report, the staff dashboard, comment moderation and exports, end to end. The e2e
 * server has no demo data, so this spec makes an agency of its own (no other spec touches it) with
 * 400 responses in July 2024 written straight into the database and summed with applyToSums, the
 * 2023 baselines and 2024 targets of the plan, a leader and a staff member.
 */
const AGENCY = 'e2e-sipas';
const MONTH = '2024-07';
const RUN = randomBytes(3).toString('hex');
const PASSWORD = `mật khẩu báo cáo ${RUN}`;
const LEADER = `lanh-dao-${RUN}@e2e.test`;
const STAFF = `can-bo-${RUN}@e2e.test`;
const COMMENT = `Phòng chờ quá nóng, cần thêm quạt (${RUN})`;
const OPTIONS = { minimumSample: 30 };

let handle: Awaited<ReturnType<typeof openDatabase>>;
let db: Kysely<Database>;
let agencyId: number;
let commentedId: number;

test.beforeAll(async () => {
	handle = await openDatabase();
	db = handle.db;
	const existing = await db.selectFrom('agencies').select('id').where('code', '=', AGENCY).executeTakeFirst();
	if (existing) {
		agencyId = existing.id;
	} else {
		agencyId = (await insertAgency(db, AGENCY)).agencyId;
		await db.updateTable('agencies').set({ name_vi: 'Sở Thử nghiệm Báo cáo', name_en: 'Report Test Department' }).where('id', '=', agencyId).execute();
		await db
			.insertInto('baselines')
			.values(DIMENSION_KEYS.map((key) => ({ agency_id: agencyId, dimension_key: key, year: 2023, percent: DIMENSION_REFERENCE[key].baseline })))
			.execute();
		await db
			.insertInto('targets')
			.values(DIMENSION_KEYS.map((key) => ({ agency_id: agencyId, dimension_key: key, year: 2024, percent: DIMENSION_REFERENCE[key].baseline + TARGET_GAIN_POINTS })))
			.execute();
		// 1 July 00:00 to 31 July 23:59 in Asia/Ho_Chi_Minh; a few flagged as spam or misuse.
		await insertAndSum(db, { agencyId, count: 400, from: new Date('2024-06-30T17:00:00Z'), until: new Date('2024-07-31T16:59:00Z'), seed: 2024, flagged: 0.05 });
		// Its counter takes no new responses: the home page (whose spec expects the seeded counters
		// only) does not list it, and its July figures stay what this spec wrote.
		await db.updateTable('counters').set({ active: false }).where('agency_id', '=', agencyId).execute();
	}
	// The comment staff will flag: a counted response of July that answered something.
	const target = await db
		.selectFrom('responses')
		.select('id')
		.where('agency_id', '=', agencyId)
		.where('flagged_spam', '=', false)
		.where('flagged_misuse', '=', false)
		.where(({ exists, selectFrom }) => exists(selectFrom('answers').select('answers.response_id').whereRef('answers.response_id', '=', 'responses.id')))
		.orderBy('submitted_at', 'desc')
		.executeTakeFirstOrThrow();
	commentedId = target.id;
	await db.updateTable('responses').set({ comment: COMMENT }).where('id', '=', commentedId).execute();
	await createUser(db, { email: LEADER, password: PASSWORD, role: 'leader', agencyCode: AGENCY, name: 'Lãnh đạo' });
	await createUser(db, { email: STAFF, password: PASSWORD, role: 'staff', agencyCode: AGENCY, name: 'Cán bộ' });
});

test.afterAll(async () => {
	await handle?.close();
});

async function signIn(page: Page, email: string) {
	await page.goto('/login');
	await page.getByLabel('Email').fill(email);
	await page.getByLabel('Mật khẩu').fill(PASSWORD);
	await page.getByRole('button', { name: 'Đăng nhập' }).click();
	await expect(page).toHaveURL(`/a/${AGENCY}`);
}

/** A desktop browser (1280 px wide) signed in as `email`, for the desktop screenshots. */
async function desktop(browser: Browser, email: string): Promise<Page> {
	const context = await browser.newContext({
		viewport: { width: 1280, height: 900 },
		deviceScaleFactor: 1,
		isMobile: false,
		hasTouch: false,
		userAgent: USER_AGENT,
		locale: 'vi-VN',
		timezoneId: 'Asia/Ho_Chi_Minh'
	});
	const page = await context.newPage();
	await signIn(page, email);
	return page;
}

/** Nothing sticks out sideways (tables scroll inside .table-scroll). */
async function expectNoSidewaysScroll(page: Page) {
	expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
}

/** The responses counted in the period, and the "n" of the overall index in the period table. */
async function counted(page: Page): Promise<{ responses: number; overall: number }> {
	const summary = await page.getByText(/^[\d.]+ phiếu trong kỳ và phạm vi đã chọn\./).innerText();
	const row = page.getByRole('table', { name: /Ước tính từng/ }).getByRole('row', { name: /^Chỉ số hài lòng chung/ });
	const number = (text: string) => Number(text.replace(/\./g, ''));
	return { responses: number(summary.split(' ')[0]!), overall: number(await row.getByRole('cell').nth(2).innerText()) };
}

test('a leader reads the monthly report in Vietnamese, prints it and downloads the PDF', async ({ page, browser }) => {
	const expected = await estimatePeriod(db, { agencyId }, { kind: 'month', month: MONTH }, await loadJudging(db, agencyId, OPTIONS));
	await signIn(page, LEADER);
	// The navigation leads to this month's report; the month picker (a GET form) to July 2024.
	await page.getByRole('navigation', { name: 'Điều hướng' }).getByRole('link', { name: 'Báo cáo tháng' }).click();
	await expect(page).toHaveURL(`/a/${AGENCY}/report`);
	// The print button appears once the page is hydrated: typing before that would be reset.
	await expect(page.getByRole('button', { name: 'In báo cáo' })).toBeVisible();
	await page.getByLabel('Tháng', { exact: true }).fill(MONTH);
	await page.getByRole('button', { name: 'Xem' }).click();
	await expect(page).toHaveURL(`/a/${AGENCY}/report?month=${MONTH}`);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Báo cáo chỉ số hài lòng — Tháng 7/2024');
	await expect(page.getByText('Ước tính nội bộ từ khảo sát tại Bộ phận Một cửa — không phải số liệu SIPAS chính thức.')).toBeVisible();

	const table = page.getByRole('table', { name: 'Ước tính từng lĩnh vực và chỉ số, Tháng 7/2024, so với năm cơ sở và mục tiêu' });
	const overall = table.getByRole('row', { name: /^Chỉ số hài lòng chung/ });
	const cells = overall.getByRole('cell');
	await expect(cells.nth(0)).toHaveText(formatPercent(expected.overall.estimate));
	await expect(cells.nth(0)).toHaveText(/^\d{2},\d{2}%$/);
	await expect(cells.nth(1)).toHaveText(`${formatPercent(expected.overall.ci_low)}–${formatPercent(expected.overall.ci_high)}`);
	await expect(cells.nth(2)).toHaveText(String(expected.overall.n));
	await expect(cells.nth(3)).toHaveText('83,97%');
	await expect(cells.nth(4)).toHaveText(formatChange(expected.overall.change_pp));
	await expect(cells.nth(4)).toHaveText(/^[+−]\d+,\d{2} điểm %$/);
	await expect(cells.nth(5)).toHaveText('85,97%');
	await expect(cells.nth(6)).toContainText(STATUS_LABELS.vi[expected.overall.status!]);
	const procedures = table.getByRole('row', { name: /^Thủ tục hành chính/ }).getByRole('cell');
	await expect(procedures.nth(0)).toHaveText(formatPercent(expected.dimensions.procedures.estimate));
	await expect(procedures.nth(3)).toHaveText('84,09%');
	await expect(page.getByRole('columnheader', { name: 'Cơ sở 2023' }).first()).toBeVisible();

	// Twelve months of trend, with a chart and a table beside each.
	await expect(page.getByRole('img', { name: /Biểu đồ xu hướng hằng tháng: Chỉ số hài lòng chung/ })).toBeVisible();
	await expect(page.getByRole('table', { name: 'Số liệu hằng tháng: Thủ tục hành chính' }).getByRole('row', { name: /Tháng 7\/2024/ })).toBeVisible();
	await expect(page.locator('canvas').first()).toBeVisible();
	await expectNoSidewaysScroll(page);
	await page.screenshot({ path: 'tests/e2e/screenshots/report-phone.png', fullPage: true });

	// A leader reads reports, not the dashboard.
	expect((await page.request.get(`/a/${AGENCY}/dashboard`)).status()).toBe(403);

	const pdf = await page.request.get(`/a/${AGENCY}/report/pdf?month=${MONTH}`);
	expect(pdf.status()).toBe(200);
	expect(pdf.headers()['content-type']).toBe('application/pdf');
	expect(pdf.headers()['content-disposition']).toContain(`filename*=UTF-8''B%C3%A1o%20c%C3%A1o%20SIPAS%20${AGENCY}%20${MONTH}.pdf`);
	expect((await pdf.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');

	const wide = await desktop(browser, LEADER);
	await wide.goto(`/a/${AGENCY}/report?month=${MONTH}`);
	await expect(wide.locator('canvas').nth(7)).toBeVisible();
	await expectNoSidewaysScroll(wide);
	await wide.screenshot({ path: 'tests/e2e/screenshots/report-desktop.png', fullPage: true });
	// The print layout: no navigation, no buttons.
	await wide.emulateMedia({ media: 'print' });
	await expect(wide.getByRole('navigation', { name: 'Điều hướng' })).toBeHidden();
	await expect(wide.getByRole('link', { name: 'Tải PDF' })).toBeHidden();
	await wide.context().close();
});

test('staff flag a comment as spam, the dashboard counts one response fewer, and restore brings it back', async ({ page, browser }) => {
	const dashboard = `/a/${AGENCY}/dashboard?period=month&month=${MONTH}`;
	await signIn(page, STAFF);
	await page.goto(dashboard);
	await expect(page.getByRole('heading', { level: 2, name: 'Kết quả: Tháng 7/2024' })).toBeVisible();
	const before = await counted(page);
	const engine = await estimatePeriod(db, { agencyId }, { kind: 'month', month: MONTH }, await loadJudging(db, agencyId, OPTIONS));
	expect(before).toEqual({ responses: engine.n, overall: engine.overall.n });
	await expectNoSidewaysScroll(page);
	await page.screenshot({ path: 'tests/e2e/screenshots/dashboard-phone.png', fullPage: true });

	await page.goto(`/a/${AGENCY}/comments?q=${encodeURIComponent('quá nóng')}`);
	const item = page.getByRole('listitem').filter({ hasText: COMMENT });
	await expect(item).toHaveCount(1);
	await expect(item.getByText(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/)).toBeVisible();
	await page.screenshot({ path: 'tests/e2e/screenshots/comments-phone.png', fullPage: true });
	await item.getByRole('button', { name: 'Đánh dấu là rác' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Đã đánh dấu phiếu là rác' })).toBeVisible();
	await expect(page.getByRole('listitem').filter({ hasText: COMMENT }).getByText('Rác', { exact: true })).toBeVisible();
	const audit = await db
		.selectFrom('audit_log')
		.select(['action', 'entity_id'])
		.where('entity', '=', 'response')
		.where('actor', '=', STAFF)
		.execute();
	expect(audit).toEqual([{ action: 'response.flag_spam', entity_id: String(commentedId) }]);

	await page.goto(dashboard);
	expect(await counted(page)).toEqual({ responses: before.responses - 1, overall: before.overall - 1 });

	// With flagged responses included, it is counted again.
	await page.goto(`${dashboard}&flagged=1`);
	expect((await counted(page)).responses).toBeGreaterThan(before.responses);

	await page.goto(`/a/${AGENCY}/comments?state=flagged`);
	await page.getByRole('listitem').filter({ hasText: COMMENT }).getByRole('button', { name: 'Khôi phục (tính vào ước tính)' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Đã khôi phục phiếu' })).toBeVisible();
	await page.goto(dashboard);
	expect(await counted(page)).toEqual(before);

	const wide = await desktop(browser, STAFF);
	await wide.goto(dashboard);
	await expect(wide.locator('canvas').first()).toBeVisible();
	await expectNoSidewaysScroll(wide);
	await wide.screenshot({ path: 'tests/e2e/screenshots/dashboard-desktop.png', fullPage: true });
	await wide.goto(`/a/${AGENCY}/comments`);
	await wide.screenshot({ path: 'tests/e2e/screenshots/comments-desktop.png', fullPage: true });
	await wide.context().close();
});

test('bad dashboard filters get a clear message, not an error page', async ({ page }) => {
	await signIn(page, STAFF);
	const response = await page.goto(`/a/${AGENCY}/dashboard?period=range&from=2024-07-10&to=2024-07-01`);
	// The form with the message, answered 400: the request was refused, the page is not an error page.
	expect(response?.status()).toBe(400);
	await expect(page.getByRole('alert')).toContainText('“Từ ngày” phải trước hoặc bằng “Đến ngày”.');
	const csv = await page.request.get(`/a/${AGENCY}/export/responses.csv?month=2024-13`);
	expect(csv.status()).toBe(400);
	expect(await csv.text()).toContain('Nhập tháng dạng NNNN-TT');
});

test('exports download with a BOM: raw responses and the table, CSV and XLSX', async ({ page }) => {
	await signIn(page, STAFF);
	await page.goto(`/a/${AGENCY}/export?period=month&month=${MONTH}`);
	await expect(page.getByText(/Tháng 7\/2024: \d+ phiếu\./)).toBeVisible();
	await page.screenshot({ path: 'tests/e2e/screenshots/export-phone.png', fullPage: true });

	const raw = page.getByRole('region', { name: 'Phiếu trả lời (dữ liệu gốc)' });
	const [download] = await Promise.all([page.waitForEvent('download'), raw.getByRole('link', { name: 'CSV (dấu phẩy)' }).click()]);
	expect(download.suggestedFilename()).toBe(`Phiếu khảo sát ${AGENCY} ${MONTH}.csv`);
	const bytes = await readFile((await download.path())!);
	expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
	const lines = bytes.toString('utf8').slice(1).split('\r\n');
	expect(lines[0]!.split(',').slice(0, 3)).toEqual(['id', 'submitted_at', 'counter']);
	const counted = await estimatePeriod(db, { agencyId }, { kind: 'month', month: MONTH }, await loadJudging(db, agencyId, OPTIONS));
	expect(lines.filter((line) => /^\d+,2024-07-/.test(line))).toHaveLength(counted.n);
	expect(bytes.toString('utf8')).toContain(COMMENT);

	const table = page.getByRole('region', { name: 'Bảng ước tính' });
	const [semicolon] = await Promise.all([page.waitForEvent('download'), table.getByRole('link', { name: /dấu chấm phẩy/ }).click()]);
	const tableBytes = await readFile((await semicolon.path())!);
	expect([...tableBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
	expect(tableBytes.toString('utf8')).toContain(';overall;Chỉ số hài lòng chung;');

	const [xlsx] = await Promise.all([page.waitForEvent('download'), raw.getByRole('link', { name: 'Excel (XLSX)' }).click()]);
	expect(xlsx.suggestedFilename()).toBe(`Phiếu khảo sát ${AGENCY} ${MONTH}.xlsx`);
	expect((await readFile((await xlsx.path())!)).subarray(0, 4).toString('latin1')).toBe('PK\u0003\u0004');
});
