import { expect, test } from '@playwright/test';
import { createAccount, signIn, type Account } from './accounts';

/**
 * A refused page says what was refused (by status, in the reader's language) and leads back to the
 * reader's own start page: the list of counters for a citizen, the signed-in home for staff.
 */
let staff: Account;
test.beforeAll(async () => {
	staff = await createAccount('staff', 'refused');
});

test('a citizen’s "not found" says so and leads to the counters', async ({ page }) => {
	const response = await page.goto('/khong-co-trang-nay');
	expect(response?.status()).toBe(404);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Không tìm thấy trang');
	await expect(page.getByText('Địa chỉ có thể đã gõ sai, hoặc trang này không còn nữa.')).toBeVisible();
	await expect(page.getByText('Mã lỗi: 404')).toBeVisible();
	await expect(page.getByRole('link', { name: 'Về trang chủ' })).toHaveAttribute('href', '/');
	await expect(page.getByRole('link', { name: 'Về trang làm việc' })).toHaveCount(0);
	await page.screenshot({ path: 'tests/e2e/screenshots/error-404-phone.png' });

	await page.goto('/khong-co-trang-nay?lang=en');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
	await expect(page.getByRole('link', { name: 'Home page' })).toHaveAttribute('href', '/');
	await page.goto('/?lang=vi');
});

test('staff refused a page see what is refused, and the way back to their own start page', async ({ page }) => {
	await signIn(page, staff);
	for (const path of ['/province', '/a/sct-gialai/admin']) {
		const response = await page.goto(path);
		expect(response?.status(), path).toBe(403);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Không có quyền xem trang này');
		await expect(page.getByText('Tài khoản của Ông/Bà không có quyền xem hoặc thay đổi nội dung này.')).toBeVisible();
		await expect(page.getByText('Mã lỗi: 403')).toBeVisible();
		await expect(page.getByRole('main').getByRole('link', { name: 'Về trang làm việc' })).toHaveAttribute('href', '/a');
		await expect(page.getByRole('main').getByRole('link', { name: 'Về trang chủ' })).toHaveCount(0);
	}
	await page.screenshot({ path: 'tests/e2e/screenshots/error-403-phone.png' });
	await page.setViewportSize({ width: 1280, height: 800 });
	await page.screenshot({ path: 'tests/e2e/screenshots/error-403-desktop.png' });

	expect((await page.goto('/a/khong-co-co-quan'))?.status()).toBe(404);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Không tìm thấy trang');
	await page.getByRole('main').getByRole('link', { name: 'Về trang làm việc' }).click();
	await expect(page).toHaveURL('/a/sct-gialai');
});
