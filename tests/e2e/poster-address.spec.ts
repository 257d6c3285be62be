import { expect, test } from '@playwright/test';
import { createAccount, signIn, type Account } from './accounts';
import { query } from './db';
import { BASE_URL } from './settings';

/**
 * The e2e server runs as an install without PUBLIC_ORIGIN, on http://localhost: exactly the
 * posters no phone can open. Before anything is printed, the administrator is told so, on the
 * screen above the print button and on the printed sheet's margin, and the admin home says how to
 * set PUBLIC_ORIGIN.
 */
let admin: Account;
test.beforeAll(async () => {
	admin = await createAccount('admin', 'poster');
});

test('the admin home says where the QR codes point and how to set PUBLIC_ORIGIN', async ({ page }) => {
	await signIn(page, admin);
	await page.goto('/a/sct-gialai/admin');
	const section = page.getByRole('region', { name: 'Địa chỉ trong mã QR' });
	await expect(section).toContainText(`Mã QR và áp phích của các quầy trỏ tới ${BASE_URL}.`);
	await expect(section).toContainText('PUBLIC_ORIGIN chưa được đặt');
	const warning = section.getByRole('alert');
	await expect(warning).toContainText(`Đừng in áp phích này: mã QR trỏ tới ${BASE_URL}.`);
	await expect(warning).toContainText('điện thoại của người dân không mở được');
	await expect(warning).toContainText('PUBLIC_ORIGIN=https://khaosat.example.gov.vn');
	await expect(warning).toContainText('README, mục “Configuration”');
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
	await page.screenshot({ path: 'tests/e2e/screenshots/admin-home-address-phone.png', fullPage: true });
	await page.setViewportSize({ width: 1280, height: 800 });
	await page.screenshot({ path: 'tests/e2e/screenshots/admin-home-address-desktop.png', fullPage: true });
});

test('a poster whose QR code points to localhost warns above the print button and on its printed margin', async ({ page }) => {
	await signIn(page, admin);
	const [counter] = await query<{ id: number }>(`select id from counters where code = 'vp-01'`);
	await page.goto(`/a/sct-gialai/admin/counters/${counter!.id}/poster?size=a4`);

	const onScreen = page.getByRole('alert').filter({ hasText: 'Đừng in áp phích này' });
	await expect(onScreen).toContainText(`mã QR trỏ tới ${BASE_URL}.`);
	const print = page.getByRole('button', { name: 'In', exact: true });
	expect((await onScreen.boundingBox())!.y).toBeLessThan((await print.boundingBox())!.y);

	const sheet = page.locator('.poster-sheets article');
	const margin = sheet.getByText(/^KHÔNG DÙNG ĐƯỢC — mã QR trỏ tới/);
	await expect(margin).toHaveText(
		`KHÔNG DÙNG ĐƯỢC — mã QR trỏ tới ${BASE_URL}. Đây là địa chỉ của chính máy chủ: điện thoại của người dân không mở được. Đặt PUBLIC_ORIGIN rồi in lại.`
	);
	// In the margin, above the poster's own content (the agency's name comes first on it).
	expect((await margin.boundingBox())!.y + (await margin.boundingBox())!.height).toBeLessThanOrEqual(
		(await sheet.getByText('Sở Công Thương tỉnh Gia Lai').boundingBox())!.y
	);
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
	await page.screenshot({ path: 'tests/e2e/screenshots/poster-warning-phone.png', fullPage: true });
	await page.setViewportSize({ width: 1280, height: 900 });
	await page.screenshot({ path: 'tests/e2e/screenshots/poster-warning-desktop.png' });

	// On paper: the sheet alone, with its margin warning; the screen's controls are gone.
	await page.emulateMedia({ media: 'print' });
	await expect(margin).toBeVisible();
	await expect(onScreen).toBeHidden();
	await expect(print).toBeHidden();
	await page.screenshot({ path: 'tests/e2e/screenshots/poster-warning-print.png', fullPage: true });
	await page.emulateMedia({ media: 'screen' });

	// The downloadable poster carries the same line; "print all" too.
	const svg = await page.request.get(`/a/sct-gialai/admin/counters/${counter!.id}/poster.svg?size=a4`);
	expect(await svg.text()).toContain(`KHÔNG DÙNG ĐƯỢC — mã QR trỏ tới ${BASE_URL}.`);
	await page.goto('/a/sct-gialai/admin/posters?size=a6');
	await expect(page.getByRole('alert').filter({ hasText: 'Đừng in áp phích này' })).toBeVisible();
	const sheets = page.locator('.poster-sheets article');
	await expect(sheets.getByText(/^KHÔNG DÙNG ĐƯỢC/)).toHaveCount(await sheets.count());
});
