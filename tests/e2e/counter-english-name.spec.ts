import { randomBytes } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { createAccount, signIn } from './accounts';
import { addCounter, deactivateCounter, query } from './db';
import { waitForStepMode } from './survey';

/**
 * An administrator gives a counter an English name; the English survey, thank-you and home pages
 * show it, the Vietnamese ones keep the Vietnamese name, and a counter without one shows its
 * Vietnamese name in English too.
 */
const RUN = randomBytes(3).toString('hex');
const COUNTER = { code: `e2e-en-${RUN}`, name: `Quầy tiếp nhận ${RUN}`, nameEn: `Reception desk ${RUN}` };

test.beforeAll(() => addCounter(COUNTER.code, COUNTER.name));
test.afterAll(() => deactivateCounter(COUNTER.code));

test('a counter’s English name is set by an administrator and shown on the English pages only', async ({ page }) => {
	await signIn(page, await createAccount('admin', 'ten-en'));

	const [counter] = await query<{ id: number }>(`select id from counters where code = $1`, [COUNTER.code]);
	await page.goto(`/a/sct-gialai/admin/counters/${counter!.id}`);
	await expect(page.getByText('Chưa có (trang tiếng Anh dùng tên tiếng Việt)')).toBeVisible();
	const english = page.getByLabel('Tên tiếng Anh (không bắt buộc)');
	await expect(english).toHaveAccessibleDescription(/Hiện trên trang khảo sát bằng tiếng Anh/);
	await english.fill(COUNTER.nameEn);
	await page.getByRole('button', { name: 'Đổi tên', exact: true }).click();
	await expect(page.getByRole('status')).toBeVisible();
	await expect(page.getByLabel('Tên tiếng Anh (không bắt buộc)')).toHaveValue(COUNTER.nameEn);
	await page.screenshot({ path: 'tests/e2e/screenshots/counter-english-name-admin-phone.png', fullPage: true });
	const [audit] = await query<{ after: Record<string, unknown> }>(
		`select after from audit_log where entity = 'counter' and entity_id = $1 and action = 'counter.rename'`,
		[String(counter!.id)]
	);
	expect(audit!.after).toEqual({ code: COUNTER.code, name_en: COUNTER.nameEn });

	// The English survey, its thank-you page, the English home page.
	await page.goto(`/s/${COUNTER.code}?lang=en`);
	await waitForStepMode(page);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(COUNTER.nameEn);
	await expect(page).toHaveTitle(new RegExp(`^Survey — ${COUNTER.nameEn}`));
	for (let step = 2; step <= 8; step++) {
		await page.getByRole('button', { name: 'Next', exact: true }).click();
		await expect(page.getByRole('progressbar')).toHaveAttribute('value', String(step));
	}
	await page.getByRole('button', { name: 'Send the survey' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Thank you!' })).toBeVisible();
	await expect(page.getByText(COUNTER.nameEn, { exact: true })).toBeVisible();
	await page.screenshot({ path: 'tests/e2e/screenshots/counter-english-name-thanks-phone.png' });
	await page.goto('/');
	await expect(page.getByRole('link', { name: COUNTER.nameEn, exact: true })).toHaveAttribute('href', `/s/${COUNTER.code}`);
	// A counter without an English name keeps its Vietnamese one.
	await expect(page.getByRole('link', { name: 'Quầy Văn phòng', exact: true })).toBeVisible();

	// In Vietnamese: the Vietnamese name everywhere.
	await page.goto('/?lang=vi');
	await expect(page.getByRole('link', { name: COUNTER.name, exact: true })).toBeVisible();
	await expect(page.getByRole('link', { name: COUNTER.nameEn })).toHaveCount(0);
	await page.goto(`/s/${COUNTER.code}`);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(COUNTER.name);
});
