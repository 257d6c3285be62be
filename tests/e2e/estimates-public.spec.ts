import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { sql, type Kysely } from 'kysely';
import { expect, test, type Browser, type Page } from '@playwright/test';
import type { Database } from '../../src/lib/server/db/schema';
import { createUser } from '../../src/lib/server/auth/users';
import { estimatePeriodWeighted, loadJudging } from '../../src/lib/server/estimates';
import { DIMENSION_REFERENCE, TARGET_GAIN_POINTS } from '../../src/lib/server/seed/sipas-reference';
import { applyToSums } from '../../src/lib/server/sums/maintain';
import { formatMonth, formatPercent } from '../../src/lib/sipas';
import { addMonths, localMonthKey, startOfLocalMonth } from '../../src/lib/sipas/calendar';
import { DIMENSION_KEYS } from '../../src/lib/sipas/dimensions';
import { insertAgency, insertSyntheticResponses } from '../helpers/estimates-data';
import { openDatabase } from './db';
import { USER_AGENT } from './settings';

/**
 * Issue 11 in the browser: the leader reads the unweighted and the register-weighted estimate side
 * by side and the fair ranking of counters, on a 1280 px screen and a 360 px phone; the public
 * results page is off until switched on, then shows a table before its chart, in Vietnamese and
 * English, within 100 KB on the wire, with no serious accessibility violation (axe-core).
 */
const AGENCY = 'e2e-trong-so';
const RUN = randomBytes(3).toString('hex');
const PASSWORD = `mật khẩu trọng số ${RUN}`;
const LEADER = `lanh-dao-trong-so-${RUN}@e2e.test`;
const STAFF = `van-phong-trong-so-${RUN}@e2e.test`;
const CURRENT = localMonthKey(new Date());
const LAST = addMonths(CURRENT, -1);
const label = (month: string) => formatMonth(Number(month.slice(0, 4)), Number(month.slice(5, 7)));
const SECRET_COMMENT = `Góp ý không được công khai ${RUN}`;

let handle: Awaited<ReturnType<typeof openDatabase>>;
let db: Kysely<Database>;
let agencyId: number;
let weightedOverall: number;
let unweightedOverall: number;

test.beforeAll(async () => {
	handle = await openDatabase();
	db = handle.db;
	const existing = await db.selectFrom('agencies').select('id').where('code', '=', AGENCY).executeTakeFirst();
	if (existing) agencyId = existing.id;
	else {
		const made = await insertAgency(db, AGENCY);
		agencyId = made.agencyId;
		await db.updateTable('agencies').set({ name_vi: 'Sở Thử nghiệm Trọng số', name_en: 'Weighting Test Department' }).where('id', '=', agencyId).execute();
		const unit = await db.selectFrom('units').select('id').where('agency_id', '=', agencyId).executeTakeFirstOrThrow();
		const unit2 = await db.insertInto('units').values({ agency_id: agencyId, name: 'Phòng Quản lý Thương mại' }).returning('id').executeTakeFirstOrThrow();
		await db
			.insertInto('counters')
			.values([
				{ agency_id: agencyId, unit_id: unit.id, code: `${AGENCY}-02`, name: 'Quầy 2' },
				{ agency_id: agencyId, unit_id: unit2.id, code: `${AGENCY}-03`, name: 'Quầy 3' },
				{ agency_id: agencyId, unit_id: unit2.id, code: `${AGENCY}-04`, name: 'Quầy 4' }
			])
			.execute();
		await db.insertInto('baselines').values(DIMENSION_KEYS.map((key) => ({ agency_id: agencyId, dimension_key: key, year: 2023, percent: DIMENSION_REFERENCE[key].baseline }))).execute();
		await db.insertInto('targets').values(DIMENSION_KEYS.map((key) => ({ agency_id: agencyId, dimension_key: key, year: 2024, percent: DIMENSION_REFERENCE[key].baseline + TARGET_GAIN_POINTS }))).execute();
		const from = startOfLocalMonth(LAST);
		const until = new Date(startOfLocalMonth(CURRENT).getTime() - 60_000);
		// One transaction: the app's folder must not fold a response before it has its dossier (an
		// invitation's response has it when it is stored).
		await db.transaction().execute(async (trx) => {
			const ids = await insertSyntheticResponses(trx, { agencyId, count: 360, from, until, seed: 41, flagged: 0 });
			await sql`update responses set comment = ${SECRET_COMMENT} where id = any(${ids}::bigint[])`.execute(trx);
			// The register: mostly online, as in life; a few of the dossiers rated (a low response rate).
			const field = await trx.selectFrom('procedure_fields').select('id').where('agency_id', '=', agencyId).executeTakeFirstOrThrow();
			const cells = [['in_person', 60], ['online', 400], ['postal', 30]] as const;
			const rows = cells.flatMap(([channel, count]) =>
				Array.from({ length: count }, (_, i) => ({
					agency_id: agencyId, code: `${channel}-${i}`, procedure_code: 'p', procedure_name: 'Thủ tục', procedure_field_id: field.id, channel, unit_id: unit.id,
					received_at: from, returned_at: new Date(from.getTime() + 5 * 86_400_000), invitation_hash: randomBytes(16).toString('hex')
				}))
			);
			const dossiers = await trx.insertInto('dossiers').values(rows).returning('id').execute();
			for (let i = 0; i < 20; i++) await trx.updateTable('responses').set({ dossier_id: dossiers[i * 20]!.id }).where('id', '=', ids[i]!).execute();
			await applyToSums(trx, ids, 1);
		});
		await db.updateTable('counters').set({ active: false }).where('agency_id', '=', agencyId).execute();
	}
	await createUser(db, { email: LEADER, password: PASSWORD, role: 'leader', agencyCode: AGENCY, name: 'Lãnh đạo' });
	await createUser(db, { email: STAFF, password: PASSWORD, role: 'staff', agencyCode: AGENCY, name: 'Văn phòng' });
	const judging = await loadJudging(db, agencyId, { minimumSample: 30 });
	const dual = await estimatePeriodWeighted(db, { agencyId }, { kind: 'month', month: LAST }, judging, { minimumCell: 10 });
	weightedOverall = dual.weighted.overall.estimate!;
	unweightedOverall = dual.unweighted.overall.estimate!;
});

test.afterAll(async () => {
	await db?.updateTable('agencies').set({ public_results: false }).where('code', '=', AGENCY).execute();
	await handle?.close();
});

async function leaderPage(browser: Browser, width: number, email = LEADER): Promise<Page> {
	const context = await browser.newContext({
		viewport: { width, height: 900 },
		deviceScaleFactor: 1,
		isMobile: width < 500,
		hasTouch: width < 500,
		userAgent: USER_AGENT,
		locale: 'vi-VN',
		timezoneId: 'Asia/Ho_Chi_Minh'
	});
	const page = await context.newPage();
	await page.goto('/login');
	await page.getByLabel('Email').fill(email);
	await page.getByLabel('Mật khẩu').fill(PASSWORD);
	await page.getByRole('button', { name: 'Đăng nhập' }).click();
	await expect(page).toHaveURL(`/a/${AGENCY}`);
	return page;
}

for (const width of [1280, 360]) {
	test(`the leader reads both estimates and the ranking at ${width} px`, async ({ browser }) => {
		const page = await leaderPage(browser, width);
		await page.goto(`/a/${AGENCY}/report?month=${LAST}`);
		const weighted = page.getByRole('region', { name: 'Ước tính có trọng số theo sổ hồ sơ' });
		await expect(weighted).toBeVisible();
		await expect(weighted).toContainText(
			`Chỉ số chung có trọng số là ${formatPercent(weightedOverall)}, chênh`
		);
		await expect(weighted).toContainText(`so với ước tính không trọng số (${formatPercent(unweightedOverall)})`);
		await expect(weighted).toContainText('Độ bao phủ: 100,00% hồ sơ trả kết quả có người trả lời đại diện (490 hồ sơ).');
		await expect(weighted.getByRole('note')).toHaveText('Tỷ lệ phản hồi dưới 10%: ước tính có trọng số cần được đọc thận trọng.');
		const table = weighted.getByRole('table', { name: `Ước tính không trọng số và có trọng số, ${label(LAST)}` });
		const overallRow = table.getByRole('row', { name: /^Chỉ số hài lòng chung/ });
		await expect(overallRow.getByRole('cell').nth(0)).toHaveText(formatPercent(unweightedOverall));
		await expect(overallRow.getByRole('cell').nth(1)).toHaveText(formatPercent(weightedOverall));

		const ranking = page.getByRole('region', { name: 'So sánh công bằng các đơn vị và quầy' });
		await expect(ranking).toBeVisible();
		const counters = ranking.getByRole('table', { name: 'Quầy xếp theo ước tính đã hiệu chỉnh, Chỉ số hài lòng chung' });
		await expect(counters.getByRole('row')).toHaveCount(5); // the header and four counters
		await expect(counters.getByRole('columnheader', { name: 'Giá trị gốc' })).toBeVisible();
		await expect(ranking.getByText(/^(Mức chung|Các nơi không khác nhau)/).first()).toBeVisible();
		// Nothing spills sideways on the phone: tables scroll inside their own box.
		const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
		const wide = await page.evaluate(() =>
			[...document.querySelectorAll('main *')]
				.filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1 && !e.closest('.table-scroll, .scroll'))
				.slice(0, 5)
				.map((e) => `${e.tagName}.${e.className} ${Math.round(e.getBoundingClientRect().right)}`)
		);
		expect(wide).toEqual([]);
		expect(overflow).toBeLessThanOrEqual(0);
		await weighted.scrollIntoViewIfNeeded();
		await page.screenshot({ path: `tests/e2e/screenshots/estimates-weighted-${width}.png` });
		await ranking.scrollIntoViewIfNeeded();
		await page.screenshot({ path: `tests/e2e/screenshots/estimates-ranking-${width}.png` });
	});
}

for (const width of [1280, 360]) {
	test(`staff read the month weighted beside unweighted on the dashboard, criteria too, at ${width} px`, async ({ browser }) => {
		const page = await leaderPage(browser, width, STAFF);
		await page.goto(`/a/${AGENCY}/dashboard?period=month&month=${LAST}`);
		const weighted = page.getByRole('region', { name: 'Ước tính có trọng số theo sổ hồ sơ' });
		await expect(weighted).toContainText(`Chỉ số chung có trọng số là ${formatPercent(weightedOverall)}, chênh`);
		await expect(weighted).toContainText('Tỷ lệ phản hồi: 4,08% (20/490 hồ sơ được mời).');
		const table = weighted.getByRole('table', { name: `Ước tính không trọng số và có trọng số, ${label(LAST)}` });
		await expect(table.getByRole('row', { name: /^Chỉ số hài lòng chung/ }).getByRole('cell').nth(1)).toHaveText(formatPercent(weightedOverall));
		const criteria = page.getByRole('table', { name: `Số câu trả lời từng mức theo tiêu chí, ${label(LAST)}` });
		await expect(criteria.getByRole('columnheader', { name: 'Hài lòng, có trọng số' })).toBeVisible();
		await expect(criteria.getByRole('row', { name: /^PA1/ }).getByRole('cell').last()).toHaveText(/^\d{1,3},\d{2}%\s*\d{1,3},\d{2}%–\d{1,3},\d{2}%$/);
		// A custom range of days is not weighted, and says why.
		await page.goto(`/a/${AGENCY}/dashboard?period=range&from=${LAST}-03&to=${LAST}-20`);
		await expect(page.getByRole('region', { name: 'Ước tính có trọng số theo sổ hồ sơ' })).toContainText('chỉ tính cho kỳ gồm các tháng trọn vẹn');
		await page.goto(`/a/${AGENCY}/dashboard?period=month&month=${LAST}`);
		const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
		expect(overflow).toBeLessThanOrEqual(0);
		await page.getByRole('region', { name: 'Ước tính có trọng số theo sổ hồ sơ' }).scrollIntoViewIfNeeded();
		await page.screenshot({ path: `tests/e2e/screenshots/dashboard-weighted-${width}.png` });
		await criteria.scrollIntoViewIfNeeded();
		// The table scrolls inside its box: show its last columns, the shares satisfied.
		await criteria.evaluate((table) => table.parentElement!.scrollTo({ left: table.parentElement!.scrollWidth }));
		await page.screenshot({ path: `tests/e2e/screenshots/dashboard-weighted-criteria-${width}.png` });
	});
}

const require = createRequire(import.meta.url);

test('the public page: off by default, then a table before its chart, small, accessible, in two languages', async ({ page }) => {
	expect((await page.goto(`/p/${AGENCY}`))!.status()).toBe(404);
	await db.updateTable('agencies').set({ public_results: true }).where('id', '=', agencyId).execute();

	const response = await page.goto(`/p/${AGENCY}`);
	expect(response!.status()).toBe(200);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Kết quả khảo sát sự hài lòng — Sở Thử nghiệm Trọng số');
	await expect(page.getByText(SECRET_COMMENT)).toHaveCount(0);
	const table = page.getByRole('table', { name: `Tỷ lệ hài lòng theo chỉ số và yếu tố, ${label(LAST)}` });
	await expect(table.getByRole('row', { name: /^Chỉ số hài lòng chung/ })).toContainText(formatPercent(unweightedOverall));
	// Table first, chart second, in reading order.
	const order = await page.evaluate(() => {
		const first = document.querySelector('table');
		const chart = document.querySelector('svg[role="img"]');
		return first && chart ? first.compareDocumentPosition(chart) & Node.DOCUMENT_POSITION_FOLLOWING : 0;
	});
	expect(order).toBeTruthy();
	// No script at all, and at most 100 KB on the wire (document, styles, everything).
	expect(await page.locator('script[src]').count()).toBe(0);
	const bytes = await page.evaluate(() => {
		const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
		return nav.transferSize + (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).reduce((sum, r) => sum + r.transferSize, 0);
	});
	expect(bytes).toBeGreaterThan(0);
	expect(bytes).toBeLessThanOrEqual(100 * 1024);

	// Evaluated rather than added as a <script>: the page's CSP rightly refuses inline scripts.
	await page.evaluate(readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
	const serious = await page.evaluate(async () => {
		const result = await (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }> } }).axe.run(document, {
			runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] }
		});
		return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.nodes.length})`);
	});
	expect(serious).toEqual([]);
	await page.screenshot({ path: 'tests/e2e/screenshots/public-results-vi.png', fullPage: true });

	await page.goto(`/p/${AGENCY}?lang=en`);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Satisfaction survey results — Weighting Test Department');
	await expect(page.getByRole('table').first()).toContainText('Overall satisfaction index');
});
