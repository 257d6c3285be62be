import { expect, test } from '@playwright/test';
import { answersOf, countResponses, responsesFor } from './db';
import { answer, CRITERIA_COUNT, DIMENSION_COUNT, statement, submitButton, THANKS } from './survey';

// Counter tt-01 is this spec's own.
const COUNTER = 'tt-01';

test.use({ javaScriptEnabled: false });

test('JavaScript off: every part on one page, a plain form post stores the response', async ({ page }) => {
	const before = await countResponses(COUNTER);
	await page.goto(`/s/${COUNTER}`);

	// No step mode without JavaScript: no progress bar, no "next", every part and statement shown.
	await expect(page.getByRole('progressbar')).toHaveCount(0);
	await expect(page.getByRole('button', { name: 'Tiếp theo' })).toHaveCount(0);
	await expect(page.getByRole('group')).toHaveCount(CRITERIA_COUNT);
	for (let part = 1; part <= DIMENSION_COUNT; part++) {
		await expect(page.getByText(`Phần ${part}/${DIMENSION_COUNT}`, { exact: true })).toBeVisible();
	}
	await expect(page.getByRole('heading', { level: 2, name: 'Thông tin thêm (không bắt buộc)' })).toBeVisible();
	await expect(statement(page, 'PK4')).toBeVisible();

	await answer(page, 'PA1', 5);
	await answer(page, 'PP2', 'na');
	await answer(page, 'CC1', 4);
	await answer(page, 'KQ1', 3);
	await page.getByLabel('Ông/Bà nộp hồ sơ qua').selectOption({ label: 'Bưu chính công ích' });
	await page.getByLabel('Ông/Bà có góp ý gì để chúng tôi phục vụ tốt hơn?').fill('Thủ tục nhanh gọn, đúng hẹn.');
	await page.evaluate(() => window.scrollTo(0, 0)).catch(() => undefined);
	await page.screenshot({ path: 'tests/e2e/screenshots/survey-nojs-phone-full.png', fullPage: true });

	const [post] = await Promise.all([
		page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith(`/s/${COUNTER}`)),
		submitButton(page).click()
	]);
	expect(post.status()).toBe(303);
	await expect(page).toHaveURL(`/s/${COUNTER}/thanks`);
	await expect(page.getByRole('heading', { level: 1, name: THANKS })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Trả lời khảo sát cho lần làm thủ tục khác' })).toHaveAttribute('href', `/s/${COUNTER}`);
	await page.screenshot({ path: 'tests/e2e/screenshots/thanks-nojs-phone.png' });

	expect(await countResponses(COUNTER)).toBe(before + 1);
	const response = (await responsesFor(COUNTER)).at(-1)!;
	expect(response).toMatchObject({ channel: 'postal', comment: 'Thủ tục nhanh gọn, đúng hẹn.', gender: null, respondent_type: null });
	expect(await answersOf(response.id)).toEqual({ PA1: 5, PP2: null, CC1: 4, KQ1: 3 });
});
