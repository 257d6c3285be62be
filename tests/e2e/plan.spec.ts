import { expect, test } from '@playwright/test';
import { strFromU8, unzipSync } from 'fflate';
import { readFile } from 'node:fs/promises';
import { DEMO_PLAN_CRITERIA } from '../../src/lib/server/seed/demo-plan-data';
import { createAccount, signIn } from './accounts';

/**
 * The improvement plan end to end: a leader opens the plan page and reads every criterion (no
 * forms); the Office (a staff account) marks a task done with an evidence file; the quarterly
 * report downloads as .docx and, unzipped and parsed back here, holds every criterion of the plan
 * and the task's new state.
 */
const TASK = 'Rà soát, đẩy mạnh sử dụng các dịch vụ dữ liệu trên NDXP cùng Sở Thông tin và Truyền thông';

test('a leader reads the plan, the Office marks a task done with evidence, the quarterly report downloads as .docx', async ({ browser }) => {
	const leader = await createAccount('leader', 'lanh-dao-ke-hoach');
	const office = await createAccount('staff', 'van-phong');

	const leaderContext = await browser.newContext();
	const page = await leaderContext.newPage();
	await signIn(page, leader);
	await page.getByRole('link', { name: 'Kế hoạch' }).click();
	await expect(page).toHaveURL('/a/sct-gialai/plan');
	await expect(page.getByRole('heading', { level: 1, name: 'Kế hoạch cải thiện Chỉ số CCHC và SIPAS' })).toBeVisible();
	for (const c of DEMO_PLAN_CRITERIA) await expect(page.getByRole('heading', { level: 3, name: `${c.code}. ${c.title}` })).toBeVisible();
	// Criteria needing attention (late tasks) come first, marked in words.
	await expect(page.locator('.criterion').first()).toHaveClass(/attention/);
	await expect(page.locator('.criterion').first().getByText('Trễ hạn').first()).toBeVisible();
	await expect(page.getByRole('table').getByText('Hồ sơ được số hóa (1.9)')).toBeVisible();
	// Leaders read: no form to change anything.
	await expect(page.getByText('Cập nhật nhiệm vụ')).toHaveCount(0);
	await page.screenshot({ path: test.info().outputPath('plan-leader-phone.png'), fullPage: false });
	await leaderContext.close();

	const officeContext = await browser.newContext();
	const officePage = await officeContext.newPage();
	await signIn(officePage, office);
	await officePage.goto('/a/sct-gialai/plan');
	const task = officePage.locator('li.task', { hasText: TASK });
	await expect(task.locator('.state')).toHaveText('Trễ hạn');
	await task.getByText('Cập nhật nhiệm vụ').click();
	await task.getByLabel('Tình trạng').selectOption('done');
	await task.getByLabel('Ghi chú').fill('Đã rà soát 12 dịch vụ dữ liệu trên NDXP.');
	await task.getByLabel(/Tệp minh chứng/).setInputFiles({ name: 'Biên bản rà soát NDXP.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 minh chứng e2e') });
	await task.getByRole('button', { name: 'Lưu' }).click();
	await expect(task.getByRole('status')).toHaveText('Đã lưu nhiệm vụ.');
	await expect(task.locator('.state')).toHaveText(/Hoàn thành/);
	const evidence = task.getByRole('link', { name: 'Biên bản rà soát NDXP.pdf' });
	await expect(evidence).toBeVisible();
	const evidenceResponse = await officePage.request.get((await evidence.getAttribute('href'))!);
	expect(await evidenceResponse.text()).toBe('%PDF-1.4 minh chứng e2e');
	await officePage.screenshot({ path: test.info().outputPath('plan-office-phone.png'), fullPage: false });

	// The quarterly report of the quarter the task was done in (today's, in the plan year it is the last quarter).
	const download = officePage.waitForEvent('download');
	await officePage.locator('li', { hasText: 'Báo cáo quý 4' }).getByRole('link', { name: 'Word (.docx)' }).click();
	const file = await download;
	expect(file.suggestedFilename()).toBe('bao-cao-ke-hoach-2024-quy-4.docx');
	const bytes = await readFile((await file.path())!);
	const xml = strFromU8(unzipSync(new Uint8Array(bytes))['word/document.xml']!);
	const text = xml.replace(/<[^>]+>/g, '');
	expect(text).toContain('BÁO CÁO');
	expect(text).toContain('Kết quả thực hiện Kế hoạch …/KH-SCT quý 4 năm 2024');
	for (const c of DEMO_PLAN_CRITERIA) expect(text, c.code).toContain(`${c.code}. ${c.title}`);
	await officeContext.close();
});

test('an administrator adds a task to a criterion; the Office does not see the plan editing forms', async ({ browser }) => {
	const admin = await createAccount('admin', 'quan-tri-ke-hoach');
	const context = await browser.newContext();
	const page = await context.newPage();
	await signIn(page, admin);
	await page.goto('/a/sct-gialai/plan');
	await expect(page.getByText('Sửa thông tin kế hoạch')).toBeVisible();
	const criterion = page.locator('li.criterion', { has: page.getByRole('heading', { level: 3, name: /^1\.13\. / }) });
	const adding = criterion.locator('details', { has: page.locator('summary', { hasText: 'Thêm nhiệm vụ' }) });
	await adding.locator('summary').click();
	await adding.getByLabel('Nội dung nhiệm vụ').fill('Báo cáo kết quả chỉ tiêu KT-XH quý IV');
	await adding.getByLabel('Đơn vị thực hiện').selectOption({ label: 'Văn phòng' });
	await adding.getByLabel('Hạn hoàn thành').fill('2024-12-25');
	await page.screenshot({ path: test.info().outputPath('plan-admin-phone.png'), fullPage: false });
	await adding.getByRole('button', { name: 'Thêm nhiệm vụ' }).click();
	const added = page.locator('li.task', { hasText: 'Báo cáo kết quả chỉ tiêu KT-XH quý IV' });
	await expect(added).toBeVisible();
	await expect(added.locator('.state')).toHaveText('Trễ hạn');
	await expect(added).toContainText('Hạn: 25/12/2024');
	await context.close();

	const office = await createAccount('staff', 'van-phong-2');
	const officeContext = await browser.newContext();
	const officePage = await officeContext.newPage();
	await signIn(officePage, office);
	await officePage.goto('/a/sct-gialai/plan');
	await expect(officePage.getByText('Cập nhật nhiệm vụ').first()).toBeVisible();
	await expect(officePage.getByText('Sửa thông tin kế hoạch')).toHaveCount(0);
	await expect(officePage.getByText('Thêm nhiệm vụ')).toHaveCount(0);
	await officeContext.close();
});
