import { expect, test } from '@playwright/test';
import { STATEMENT, waitForStepMode } from './survey';

const COUNTERS = ['vp-01', 'tt-01', 'tm-01', 'cn-01', 'nl-01', 'atmt-01', 'kcxt-01'];

test('the home page lists every counter with a link to its survey', async ({ page }) => {
	await page.goto('/');
	await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
	await expect(page.getByRole('heading', { level: 1, name: 'Khảo sát sự hài lòng tại Bộ phận Một cửa' })).toBeVisible();
	await expect(page.getByRole('heading', { level: 3, name: 'Sở Công Thương tỉnh Gia Lai' })).toBeVisible();
	const links = page.getByRole('main').getByRole('link');
	const hrefs = await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')));
	expect(hrefs.filter((h) => h?.startsWith('/s/')).sort()).toEqual(COUNTERS.map((c) => `/s/${c}`).sort());
	await expect(page.getByRole('link', { name: 'Quầy Văn phòng', exact: true })).toHaveAttribute('href', '/s/vp-01');
	// No note about results the page does not show: it ends with the counters.
	await expect(page.getByText(/ước tính|SIPAS/)).toHaveCount(0);
	await expect(page.locator('main > :last-child')).toHaveRole('region');
	await page.screenshot({ path: 'tests/e2e/screenshots/home-phone.png', fullPage: true });
	await page.setViewportSize({ width: 1280, height: 800 });
	await page.screenshot({ path: 'tests/e2e/screenshots/home-desktop.png', fullPage: true });
	await page.setViewportSize({ width: 360, height: 740 });

	await page.getByRole('link', { name: 'Quầy Thanh tra Sở', exact: true }).click();
	await expect(page).toHaveURL('/s/tt-01');
	await expect(page.getByRole('heading', { level: 1, name: 'Quầy Thanh tra Sở' })).toBeVisible();
});

test('keyboard: Tab reaches the first option, Space ticks it, and focus is visible', async ({ page }) => {
	await page.goto('/s/atmt-01');
	await waitForStepMode(page);
	const first = page.getByRole('group', { name: STATEMENT.PA1, exact: true }).getByRole('radio').first();
	await expect(first).toHaveAccessibleName('Rất không hài lòng');

	// The skip link comes first, then the header links, then the first answer.
	await page.keyboard.press('Tab');
	await expect(page.getByRole('link', { name: 'Bỏ qua, đến nội dung chính' })).toBeFocused();
	let tabs = 1;
	while (!(await first.evaluate((el) => el === document.activeElement)) && tabs < 10) {
		await page.keyboard.press('Tab');
		tabs++;
	}
	await expect(first).toBeFocused();
	expect(tabs, 'Tab presses from the top of the page to the first answer').toBeLessThanOrEqual(5);
	await expect(first).not.toBeChecked();

	await page.keyboard.press('Space');
	await expect(first).toBeChecked();
	// The focus ring is drawn on the visible box next to the (transparent) input.
	const ring = await first.evaluate((input) => {
		const box = getComputedStyle(input.nextElementSibling!);
		return { focusVisible: input.matches(':focus-visible'), style: box.outlineStyle, width: parseFloat(box.outlineWidth) };
	});
	expect(ring.focusVisible).toBe(true);
	expect(ring.style).not.toBe('none');
	expect(ring.width).toBeGreaterThanOrEqual(2);
	await page.screenshot({ path: 'tests/e2e/screenshots/keyboard-focus-phone.png' });

	// Arrow keys move within the statement's options; Tab leaves the group for the next statement.
	await page.keyboard.press('ArrowRight');
	const second = page.getByRole('group', { name: STATEMENT.PA1, exact: true }).getByRole('radio', { name: 'Không hài lòng', exact: true });
	await expect(second).toBeFocused();
	await expect(second).toBeChecked();
	await page.keyboard.press('Tab');
	await expect(page.getByRole('group', { name: STATEMENT.PA2, exact: true }).getByRole('radio').first()).toBeFocused();
});
