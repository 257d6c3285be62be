import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { expect, test, type Browser, type Page } from '@playwright/test';
import type { Database } from '../../src/lib/server/db/schema';
import { createUser } from '../../src/lib/server/auth/users';
import { cellForKey, estimatePeriod, loadJudging, type PeriodEstimate } from '../../src/lib/server/estimates';
import { TREND_KEYS } from '../../src/lib/server/report/monthly-report';
import { DIMENSION_REFERENCE, TARGET_GAIN_POINTS } from '../../src/lib/server/seed/sipas-reference';
import { applyToSums } from '../../src/lib/server/sums/maintain';
import { changeBetweenPeriods, formatChange, formatInterval, formatMonth, formatPercent, STATUS_LABELS } from '../../src/lib/sipas';
import { addMonths, lastDayOf, localMonthKey, startOfLocalMonth } from '../../src/lib/sipas/calendar';
import { DIMENSION_KEYS } from '../../src/lib/sipas/dimensions';
import { insertAgency, insertSyntheticResponses } from '../helpers/estimates-data';
import { pdfPages, pdfText } from '../helpers/pdf-text';
import { openDatabase } from './db';
import { USER_AGENT } from './settings';

/**
 * What a leader sees first, on the clock of the day the suite runs: the report opens on the last
 * complete month (Asia/Ho_Chi_Minh) with a headline — the overall estimate, interval, change
 * against 2023 and status; the dimensions under target; what moved since the month before beyond
 * chance (SIPAS.md §10) — with the month in progress one click away and saying so, on the page and
 * in the PDF; the PDF and the browser's print carry every section on A4 portrait; an empty month
 * is one sentence; the target carried forward from 2024 says so. Its own agency: 2023 baselines,
 * 2024 targets only, 320 responses in each of the two months before this one (the later with the
 * officials rated far higher, a move well beyond chance) and a dozen in this month.
 */
const AGENCY = 'e2e-lanh-dao';
const RUN = randomBytes(3).toString('hex');
const PASSWORD = `mật khẩu lãnh đạo ${RUN}`;
const LEADER = `lanh-dao-bao-cao-${RUN}@e2e.test`;
const STAFF = `can-bo-bao-cao-${RUN}@e2e.test`;
const OPTIONS = { minimumSample: 30 };

const CURRENT = localMonthKey(new Date());
const LAST = addMonths(CURRENT, -1);
const BEFORE = addMonths(CURRENT, -2);
const YEAR = Number(LAST.slice(0, 4));
const label = (month: string) => formatMonth(Number(month.slice(0, 4)), Number(month.slice(5, 7)));

let handle: Awaited<ReturnType<typeof openDatabase>>;
let db: Kysely<Database>;
let agencyId: number;
let last: PeriodEstimate;
let before: PeriodEstimate;

/** Responses of a month (or of this month so far), summed as submissions are. */
async function fill(month: string, count: number, seed: number, officialsSatisfied: boolean): Promise<void> {
	const from = startOfLocalMonth(month);
	const end = month === CURRENT ? new Date(Date.now() - 60_000) : new Date(startOfLocalMonth(addMonths(month, 1)).getTime() - 60_000);
	const ids = await insertSyntheticResponses(db, { agencyId, count, from, until: new Date(Math.max(end.getTime(), from.getTime())), seed, flagged: 0 });
	if (officialsSatisfied) {
		await sql`update answers set value = 5 where value is not null and response_id = any(${ids}::bigint[])
			and criterion_id in (select id from criteria where dimension_key = 'civil_servants')`.execute(db);
	}
	for (let i = 0; i < ids.length; i += 97) await db.transaction().execute((trx) => applyToSums(trx, ids.slice(i, i + 97), 1));
}

test.beforeAll(async () => {
	handle = await openDatabase();
	db = handle.db;
	const existing = await db.selectFrom('agencies').select('id').where('code', '=', AGENCY).executeTakeFirst();
	if (existing) {
		agencyId = existing.id;
	} else {
		agencyId = (await insertAgency(db, AGENCY)).agencyId;
		await db.updateTable('agencies').set({ name_vi: 'Sở Thử nghiệm Lãnh đạo', name_en: 'Leadership Test Department' }).where('id', '=', agencyId).execute();
		await db
			.insertInto('baselines')
			.values(DIMENSION_KEYS.map((key) => ({ agency_id: agencyId, dimension_key: key, year: 2023, percent: DIMENSION_REFERENCE[key].baseline })))
			.execute();
		await db
			.insertInto('targets')
			.values(DIMENSION_KEYS.map((key) => ({ agency_id: agencyId, dimension_key: key, year: 2024, percent: DIMENSION_REFERENCE[key].baseline + TARGET_GAIN_POINTS })))
			.execute();
		await fill(BEFORE, 320, 31, false);
		await fill(LAST, 320, 32, true);
		await fill(CURRENT, 12, 33, false);
		// No new responses at its counter: the home page lists the seeded counters only.
		await db.updateTable('counters').set({ active: false }).where('agency_id', '=', agencyId).execute();
	}
	await createUser(db, { email: LEADER, password: PASSWORD, role: 'leader', agencyCode: AGENCY, name: 'Lãnh đạo' });
	await createUser(db, { email: STAFF, password: PASSWORD, role: 'staff', agencyCode: AGENCY, name: 'Cán bộ' });
	const judging = await loadJudging(db, agencyId, OPTIONS);
	[last, before] = await Promise.all([
		estimatePeriod(db, { agencyId }, { kind: 'month', month: LAST }, judging),
		estimatePeriod(db, { agencyId }, { kind: 'month', month: BEFORE }, judging)
	]);
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

async function desktop(browser: Browser, email: string, width = 1280): Promise<Page> {
	const context = await browser.newContext({
		viewport: { width, height: 900 },
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

const flat = (text: string) => text.replace(/\s+/g, ' ');

test('the report opens on the last complete month, with the month in progress one click away and saying so', async ({ page }) => {
	await signIn(page, LEADER);
	await page.getByRole('navigation', { name: 'Điều hướng' }).getByRole('link', { name: 'Báo cáo tháng' }).click();
	await expect(page).toHaveURL(`/a/${AGENCY}/report`);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Báo cáo chỉ số hài lòng — ${label(LAST)}`);
	await expect(page.getByText('Tháng chưa kết thúc')).toHaveCount(0);

	await page.getByRole('link', { name: `${label(CURRENT)} (chưa kết thúc)` }).click();
	await expect(page).toHaveURL(`/a/${AGENCY}/report?month=${CURRENT}`);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Báo cáo chỉ số hài lòng — ${label(CURRENT)}`);
	const lastDay = lastDayOf(CURRENT).split('-').reverse().join('/');
	await expect(page.getByRole('note').filter({ hasText: 'Tháng chưa kết thúc' })).toHaveText(`Tháng chưa kết thúc: số liệu còn thay đổi đến hết ngày ${lastDay}.`);
	// A dozen responses: the headline says they are too few rather than judging them.
	await expect(page.getByText(/Chưa đủ phiếu để đánh giá: \d+ phiếu, cần ít nhất 30\./)).toBeVisible();

	// The PDF of the month in progress says so too; without ?month the PDF is the last complete month's.
	const inProgress = await page.request.get(`/a/${AGENCY}/report/pdf?month=${CURRENT}`);
	expect(flat(pdfText(await inProgress.body()))).toContain(`Tháng chưa kết thúc: số liệu còn thay đổi đến hết ngày ${lastDay}.`);
	const byDefault = flat(pdfText(await (await page.request.get(`/a/${AGENCY}/report/pdf`)).body()));
	expect(byDefault).toContain(`Báo cáo chỉ số hài lòng — ${label(LAST)}`);
	expect(byDefault).not.toContain('Tháng chưa kết thúc');
});

test('the headline comes first: overall estimate, interval, change and status; dimensions under target; moves beyond chance', async ({ page, browser }) => {
	await signIn(page, LEADER);
	await page.goto(`/a/${AGENCY}/report`);
	const headline = page.getByRole('region', { name: `Tóm tắt ${label(LAST)}` });
	const o = last.overall;
	await expect(headline.locator('.big')).toHaveText(formatPercent(o.estimate));
	await expect(headline).toContainText(`Khoảng tin cậy 95%: ${formatInterval({ lower: o.ci_low!, upper: o.ci_high! })}`);
	await expect(headline).toContainText(`${o.n} phiếu`);
	await expect(headline).toContainText(`${formatChange(o.change_pp)} so với năm 2023`);
	await expect(headline).toContainText(STATUS_LABELS.vi[o.status!]);
	await expect(headline).toContainText(`Mục tiêu 2024 (áp dụng cho ${YEAR}): ${formatPercent(o.target)}`);

	const below = DIMENSION_KEYS.filter((key) => ['below', 'clearly_below'].includes(last.dimensions[key].status ?? ''));
	const belowBox = headline.locator('.fact').filter({ has: page.getByRole('heading', { name: 'Lĩnh vực dưới mục tiêu' }) });
	if (below.length === 0) await expect(belowBox).toContainText('Không lĩnh vực nào có ước tính dưới mục tiêu.');
	for (const key of below) await expect(belowBox).toContainText(`${formatPercent(last.dimensions[key].estimate)}, mục tiêu ${formatPercent(last.dimensions[key].target)}`);

	// The officials' move is far beyond chance; every move the engine's numbers call beyond chance
	// is listed with its difference in points, and nothing else is.
	const moves = TREND_KEYS.map((key) => {
		const [a, b] = [cellForKey(last, key), cellForKey(before, key)];
		return { key, change: changeBetweenPeriods({ p: a.estimate, variance: a.variance, n: a.n }, { p: b.estimate, variance: b.variance, n: b.n }, 30) };
	});
	expect(moves.find((m) => m.key === 'civil_servants')!.change.verdict).toBe('beyond_chance');
	const moveBox = headline.locator('.fact').filter({ has: page.getByRole('heading', { name: `Thay đổi vượt mức ngẫu nhiên so với ${label(BEFORE)}` }) });
	const beyond = moves.filter((m) => m.change.verdict === 'beyond_chance');
	await expect(moveBox.getByRole('listitem')).toHaveCount(beyond.length);
	const civil = moveBox.getByRole('listitem').filter({ hasText: 'Công chức tại Bộ phận Một cửa' });
	await expect(civil).toContainText(formatChange(moves.find((m) => m.key === 'civil_servants')!.change.difference! * 100));
	await expect(civil).toContainText('Khoảng tin cậy 95% của thay đổi:');

	// First on the page: above the month's table.
	const table = page.getByRole('table', { name: `Ước tính từng lĩnh vực và chỉ số, ${label(LAST)}, so với năm cơ sở và mục tiêu` });
	expect((await headline.boundingBox())!.y).toBeLessThan((await table.boundingBox())!.y);
	await expect(table.getByRole('columnheader', { name: `Mục tiêu 2024 (áp dụng cho ${YEAR})` })).toBeVisible();
	await expect(page.getByRole('columnheader', { name: `Mục tiêu ${YEAR}`, exact: true })).toHaveCount(0);
	expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
	await page.screenshot({ path: 'tests/e2e/screenshots/report-headline-phone.png', fullPage: true });

	const wide = await desktop(browser, LEADER);
	await wide.goto(`/a/${AGENCY}/report`);
	await expect(wide.locator('canvas').nth(7)).toBeVisible();
	await wide.screenshot({ path: 'tests/e2e/screenshots/report-headline-desktop.png', fullPage: true });
	await wide.context().close();
});

test('the PDF has every section of the page and the headline, inside its margins, on a few A4 pages', async ({ page }) => {
	await signIn(page, LEADER);
	const response = await page.request.get(`/a/${AGENCY}/report/pdf?month=${LAST}`);
	expect(response.status()).toBe(200);
	const pdf = await response.body();
	const pages = pdfPages(pdf);
	expect(pages.length).toBeGreaterThanOrEqual(2);
	expect(pages.length).toBeLessThanOrEqual(5);
	const text = flat(pdfText(pdf));
	const sections = [
		`Tóm tắt ${label(LAST)}`,
		`Kết quả ${label(LAST)}`,
		'So với từ đầu năm và 3 tháng gần nhất',
		'Đơn vị và quầy kéo giảm từng lĩnh vực nhiều nhất',
		'Xu hướng',
		'Cách đọc đánh giá'
	];
	const at = sections.map((section) => text.indexOf(section));
	expect(at.filter((i) => i < 0), JSON.stringify(sections.filter((_, i) => at[i]! < 0))).toEqual([]);
	expect(at).toEqual([...at].sort((a, b) => a - b));
	const headline = text.slice(at[0]!, at[1]!);
	expect(headline).toContain(formatPercent(last.overall.estimate));
	expect(headline).toContain(`Khoảng tin cậy 95%: ${formatInterval({ lower: last.overall.ci_low!, upper: last.overall.ci_high! })}`);
	expect(headline).toContain(`${formatChange(last.overall.change_pp)} so với năm 2023`);
	expect(headline).toContain(`Mục tiêu 2024 (áp dụng cho ${YEAR})`);
	expect(headline).toContain(`Thay đổi vượt mức ngẫu nhiên so với ${label(BEFORE)}`);
	expect(headline).toContain('Công chức tại Bộ phận Một cửa');
	for (const name of ['Chỉ số hài lòng chung', 'Thủ tục hành chính', 'Tiếp nhận, xử lý phản ánh, kiến nghị']) expect(text.slice(at[4]!)).toContain(name);
	for (const [p, pdfPage] of pages.entries()) {
		for (const run of pdfPage.runs) expect(run.x + run.width, `page ${p + 1}: “${run.text}”`).toBeLessThanOrEqual(pdfPage.width - 40 + 0.5);
	}
});

test('the browser prints the report on A4 portrait: every section, the comparison table’s names on whole lines', async ({ browser }) => {
	// 186 mm, the width between the print margins of A4 portrait, at 96 CSS px to the inch.
	const wide = await desktop(browser, LEADER, 703);
	await wide.goto(`/a/${AGENCY}/report`);
	await expect(wide.locator('canvas').nth(7)).toBeVisible();
	await wide.emulateMedia({ media: 'print' });
	for (const name of [`Tóm tắt ${label(LAST)}`, `Kết quả ${label(LAST)}`, 'So với từ đầu năm và 3 tháng gần nhất', 'So sánh công bằng các đơn vị và quầy', 'Xu hướng 2 tháng', 'Cách đọc đánh giá']) {
		await expect(wide.getByRole('heading', { level: 2, name })).toBeVisible();
	}
	await expect(wide.getByRole('link', { name: 'Tải PDF' })).toBeHidden();
	const compare = wide.locator('table.compare');
	const tableBox = (await compare.boundingBox())!;
	expect(tableBox.x + tableBox.width).toBeLessThanOrEqual(703);
	// The row names keep their column: the longest dimension name takes a few lines, not one word a line.
	const name = compare.getByRole('rowheader', { name: 'Cơ hội tham gia vào quá trình xây dựng, tổ chức thực hiện chính sách' });
	const nameBox = (await name.boundingBox())!;
	expect(nameBox.width / tableBox.width).toBeGreaterThan(0.15);
	const lineHeight = await name.evaluate((cell) => parseFloat(getComputedStyle(cell).lineHeight) || parseFloat(getComputedStyle(cell).fontSize) * 1.2);
	expect(nameBox.height / lineHeight).toBeLessThan(5);
	await wide.screenshot({ path: 'tests/e2e/screenshots/report-print.png', fullPage: true });
	const pdf = await wide.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
	const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page\b(?!s)/g) ?? []).length;
	expect(pages).toBeGreaterThanOrEqual(2);
	expect(pages).toBeLessThanOrEqual(8);
	await wide.context().close();
});

test('an empty month is one sentence on the report and the dashboard', async ({ page }) => {
	await signIn(page, LEADER);
	await page.goto(`/a/${AGENCY}/report?month=2023-06`);
	await expect(page.getByText('Chưa có phiếu nào được tính trong Tháng 6/2023: chưa có số liệu để báo cáo.')).toBeVisible();
	await expect(page.getByText('Chưa tính được')).toHaveCount(0);
	await expect(page.locator('canvas')).toHaveCount(0);
	await expect(page.getByRole('table')).toHaveCount(0);

	await page.context().clearCookies();
	await signIn(page, STAFF);
	await page.goto(`/a/${AGENCY}/dashboard?period=month&month=2023-06`);
	await expect(page.getByText('Kỳ Tháng 6/2023: chưa có phiếu nào được tính trong phạm vi đã chọn.')).toBeVisible();
	await expect(page.getByText('Chưa tính được')).toHaveCount(0);
	await expect(page.locator('canvas')).toHaveCount(0);

	// A month with responses: the dashboard's table names the 2024 target carried forward, and its
	// answer chart is drawn (its bars named "CC1 — …": labels.test.ts, configs.test.ts).
	await page.goto(`/a/${AGENCY}/dashboard?period=month&month=${LAST}`);
	await expect(page.getByRole('columnheader', { name: `Mục tiêu 2024 (áp dụng cho ${YEAR})` })).toBeVisible();
	await expect(page.getByRole('img', { name: /Biểu đồ thanh xếp chồng/ })).toBeVisible();
	await page.getByRole('heading', { name: /Phân bố câu trả lời/ }).scrollIntoViewIfNeeded();
	await page.screenshot({ path: 'tests/e2e/screenshots/dashboard-answers-phone.png', fullPage: true });
});
