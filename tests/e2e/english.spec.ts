import { expect, test } from '@playwright/test';
import { STATEMENT, STATEMENT_EN, waitForStepMode } from './survey';

// No submissions here; atmt-01 is read only.
const COUNTER = 'atmt-01';

test('the "English" link switches the survey to English and back', async ({ page }) => {
	await page.goto(`/s/${COUNTER}`);
	await waitForStepMode(page);
	await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
	const toEnglish = page.getByRole('link', { name: 'Switch to English' });
	await expect(toEnglish).toHaveText('English');
	await expect(toEnglish).toHaveAttribute('lang', 'en');

	await toEnglish.click();
	await expect(page).toHaveURL(`/s/${COUNTER}?lang=en`);
	await waitForStepMode(page);
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await expect(page.getByText('How satisfied are you with…').first()).toBeVisible();
	await expect(page.getByRole('group', { name: STATEMENT_EN.PA1, exact: true })).toBeVisible();
	await expect(page.getByRole('group', { name: STATEMENT_EN.PA1 }).getByRole('radio', { name: 'Satisfied', exact: true })).toHaveCount(1);
	await expect(page.getByRole('group', { name: STATEMENT_EN.PA1 }).getByRole('radio', { name: 'Very dissatisfied', exact: true })).toHaveCount(1);
	await expect(page.getByRole('group', { name: STATEMENT_EN.PA1 }).getByRole('radio', { name: 'Not applicable', exact: true })).toHaveCount(1);
	await expect(page.getByRole('group', { name: STATEMENT.PA1 })).toHaveCount(0);

	// Civil servants are part 5.
	for (let i = 0; i < 4; i++) await page.getByRole('button', { name: 'Next', exact: true }).click();
	await expect(page.getByRole('progressbar')).toHaveAttribute('value', '5');
	await expect(page.getByRole('progressbar')).toHaveAccessibleName(/5\D+8/);
	await expect(page.getByRole('heading', { level: 2, name: 'Civil servants at the one-stop counter' })).toBeVisible();
	await expect(page.getByRole('group', { name: STATEMENT_EN.CC1, exact: true })).toBeVisible();
	await page.screenshot({ path: 'tests/e2e/screenshots/survey-english-phone.png' });

	// The choice is remembered (cookie) on the next page.
	await page.goto('/');
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');

	await page.getByRole('link', { name: 'Chuyển sang tiếng Việt' }).click();
	await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
	await page.goto(`/s/${COUNTER}`);
	await expect(page.getByRole('group', { name: STATEMENT.PA1, exact: true })).toBeVisible();
});

test('the English survey fits a 360 px phone: no option box sticks out sideways', async ({ page }) => {
	await page.goto(`/s/${COUNTER}?lang=en`);
	await waitForStepMode(page);
	const overflow = await page.evaluate(() => {
		const card = document.querySelector('section.part:not([hidden])')!.getBoundingClientRect();
		return {
			page: document.documentElement.scrollWidth,
			outside: [...document.querySelectorAll('section.part:not([hidden]) label.option')]
				.map((l) => l.getBoundingClientRect())
				.filter((r) => r.right > card.right + 0.5 || r.left < card.left - 0.5).length
		};
	});
	expect(overflow.outside, 'option boxes outside their card').toBe(0);
	expect(overflow.page).toBeLessThanOrEqual(360);
});
