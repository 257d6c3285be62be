import { randomBytes } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { createAccount, signIn } from './accounts';
import { query } from './db';

/**
 * An administrator reaches the officials from the admin home, adds one (a malformed code is
 * refused next to its field), edits the unit and deactivates them; screenshots at 360 and 1280 px.
 */
const RUN = randomBytes(3).toString('hex').toUpperCase();
const CODE = `CB-${RUN}`;

test('an administrator adds, edits and deactivates an official', async ({ page }) => {
	await signIn(page, await createAccount('admin', 'can-bo'));
	await page.goto('/a/sct-gialai/admin');
	await page.getByRole('link', { name: 'Cán bộ, công chức' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Cán bộ, công chức' })).toBeVisible();

	// A code with a space is refused, with the message under the field and the focus on it.
	await page.getByLabel('Mã cán bộ').fill('CB 01');
	await page.getByLabel('Họ tên', { exact: true }).fill('Nguyễn Thị Hồng Nhung');
	await page.getByRole('button', { name: 'Thêm cán bộ' }).click();
	await expect(page.getByLabel('Mã cán bộ')).toHaveAttribute('aria-invalid', 'true');
	await expect(page.getByLabel('Mã cán bộ')).toBeFocused();
	await expect(page.getByLabel('Mã cán bộ')).toHaveAccessibleDescription(/Mã chỉ gồm chữ không dấu/);
	await expect(page.getByLabel('Họ tên', { exact: true })).toHaveValue('Nguyễn Thị Hồng Nhung');

	await page.getByLabel('Mã cán bộ').fill(CODE);
	await page.getByLabel('Đơn vị', { exact: true }).selectOption({ label: 'Phòng Quản lý Thương mại' });
	await page.getByRole('button', { name: 'Thêm cán bộ' }).click();
	await expect(page.getByRole('status')).toHaveText(`Đã thêm cán bộ mã ${CODE}.`);
	const row = page.locator('li', { has: page.getByText(CODE, { exact: true }) });
	await expect(row).toContainText('Phòng Quản lý Thương mại');
	await page.screenshot({ path: 'tests/e2e/screenshots/officials-phone.png', fullPage: true });
	await page.setViewportSize({ width: 1280, height: 900 });
	await page.screenshot({ path: 'tests/e2e/screenshots/officials-desktop.png', fullPage: true });
	await page.setViewportSize({ width: 360, height: 740 });

	await row.getByRole('link', { name: 'Nguyễn Thị Hồng Nhung' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Nguyễn Thị Hồng Nhung' })).toBeVisible();
	await page.getByLabel('Đơn vị', { exact: true }).selectOption({ label: 'Phòng Quản lý Năng lượng' });
	await page.getByRole('button', { name: 'Lưu', exact: true }).click();
	await expect(page.getByRole('status')).toHaveText('Đã lưu.');
	await expect(page.locator('p', { hasText: 'Mã cán bộ:' })).toContainText('Phòng Quản lý Năng lượng · Đang hoạt động');
	await page.getByRole('button', { name: 'Ngừng (không còn giải quyết hồ sơ)' }).click();
	await expect(page.getByRole('button', { name: 'Mở lại' })).toBeVisible();
	await page.screenshot({ path: 'tests/e2e/screenshots/official-phone.png', fullPage: true });

	const [official] = await query<{ active: boolean; unit: string }>(
		`select o.active, u.name as unit from officials o join units u on u.id = o.unit_id where o.code = $1`,
		[CODE]
	);
	expect(official).toEqual({ active: false, unit: 'Phòng Quản lý Năng lượng' });
	await page.goto('/a/sct-gialai/admin/officials');
	await expect(page.locator('li', { has: page.getByText(CODE, { exact: true }) })).toContainText('Đã ngừng');
});
