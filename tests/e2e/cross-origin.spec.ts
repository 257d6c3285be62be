import { randomBytes } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { activeSurveyVersion, addCounter, countResponses, deactivateCounter } from './db';
import { BASE_URL, PORT } from './settings';
import { answer, goToLastStep, option, submitButton, waitForStepMode } from './survey';

/**
 * The site opened at another address than its ORIGIN (here http://127.0.0.1:PORT while ORIGIN is
 * http://localhost:PORT, as when a phone is given the server's IP): form posts are refused, as
 * they must be, but the citizen is told why in their language and keeps their answers, with
 * JavaScript and without. And the refusal is not weakened: cross-site form posts are still 403.
 */
const OTHER = `http://127.0.0.1:${PORT}`;
const COUNTER = `e2e-origin-${randomBytes(3).toString('hex')}`;

test.beforeAll(() => addCounter(COUNTER, 'Quầy thử địa chỉ khác'));
test.afterAll(async () => {
	expect(await countResponses(COUNTER)).toBe(0);
	await deactivateCounter(COUNTER);
});

test('JavaScript on: the submit says what happened, in Vietnamese, and keeps the answers and the draft', async ({ page }) => {
	await page.goto(`${OTHER}/s/${COUNTER}`);
	await waitForStepMode(page);
	await answer(page, 'PA1', 4);
	await goToLastStep(page);
	await page.getByLabel('Ông/Bà có góp ý gì để chúng tôi phục vụ tốt hơn?').fill('Gửi từ địa chỉ IP.');

	const [post] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), submitButton(page).click()]);
	expect(post.status()).toBe(403);
	const alert = page.getByRole('alert');
	await expect(alert).toContainText(
		`Chưa gửi được: trang này đang mở tại ${OTHER}, nhưng hệ thống chỉ nhận phiếu gửi từ ${BASE_URL}. Câu trả lời của Ông/Bà vẫn còn trên máy này.`
	);
	await expect(alert).toContainText('biến môi trường ORIGIN');
	await expect(alert).toContainText('README, mục “Configuration”, dòng ORIGIN');
	await expect(alert).toBeFocused();
	await expect(alert).toBeInViewport();
	await page.screenshot({ path: 'tests/e2e/screenshots/cross-origin-js-phone.png' });

	await expect(page).toHaveURL(`${OTHER}/s/${COUNTER}`);
	await expect(page.getByLabel('Ông/Bà có góp ý gì để chúng tôi phục vụ tốt hơn?')).toHaveValue('Gửi từ địa chỉ IP.');
	await expect(page.locator('input[name="a.PA1"][value="4"]')).toBeChecked();
	expect(await page.evaluate((c) => localStorage.getItem(`hai-long:draft:${c}`), COUNTER)).toContain('"a.PA1","4"');
	await page.evaluate((c) => localStorage.removeItem(`hai-long:draft:${c}`), COUNTER);
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('the survey post gets a translated page, and going back finds the answers', async ({ page }) => {
		await page.goto(`${OTHER}/s/${COUNTER}`);
		await answer(page, 'PA1', 5);
		await answer(page, 'CC1', 'na');
		const [post] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), submitButton(page).click()]);
		expect(post.status()).toBe(403);

		await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Chưa gửi được: trang đang mở ở một địa chỉ khác');
		await expect(page.getByText(`Trang này được mở tại ${OTHER}, nhưng hệ thống chỉ nhận nội dung gửi từ trang mở tại ${BASE_URL}.`)).toBeVisible();
		await expect(page.getByText('Những gì Ông/Bà đã điền vẫn còn')).toBeVisible();
		await expect(page.getByText('README, mục “Configuration”, dòng ORIGIN')).toBeVisible();
		await expect(page.getByText('Cross-site POST form submissions are forbidden')).toHaveCount(0);
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
		await page.screenshot({ path: 'tests/e2e/screenshots/cross-origin-nojs-phone.png', fullPage: true });
		await page.setViewportSize({ width: 1280, height: 800 });
		await page.screenshot({ path: 'tests/e2e/screenshots/cross-origin-nojs-desktop.png' });

		await page.goBack();
		await expect(option(page, 'PA1', 5)).toBeChecked();
		await expect(option(page, 'CC1', 'na')).toBeChecked();
	});

	test('in English, and on the sign-in form too', async ({ page, context }) => {
		await context.addCookies([{ name: 'lang', value: 'en', url: OTHER }]);
		await page.goto(`${OTHER}/login`);
		await page.getByLabel('Email').fill('someone@e2e.test');
		await page.getByLabel('Password').fill('not the password');
		await page.getByRole('button', { name: 'Sign in' }).click();
		await expect(page.locator('html')).toHaveAttribute('lang', 'en');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Not sent: this page is open at another address');
		await expect(page.getByText(`This page was opened at ${OTHER}, but the system only takes what is sent from pages opened at ${BASE_URL}.`)).toBeVisible();
		await expect(page.getByText('See the README, section “Configuration”, row ORIGIN.')).toBeVisible();
		await page.screenshot({ path: 'tests/e2e/screenshots/cross-origin-signin-en-phone.png', fullPage: true });
	});
});

test('cross-site form posts are still refused everywhere; the site’s own are not', async ({ request }) => {
	const version = String(await activeSurveyVersion());
	const form = new URLSearchParams({ submission_id: crypto.randomUUID(), survey_version: version, 'a.PA1': '4' }).toString();
	const urlencoded = 'application/x-www-form-urlencoded';
	for (const [path, type, origin] of [
		[`/s/${COUNTER}`, urlencoded, 'https://evil.example'],
		[`/s/${COUNTER}`, urlencoded, OTHER],
		[`/s/${COUNTER}`, 'text/plain', undefined],
		['/login', urlencoded, 'https://evil.example'],
		['/logout', urlencoded, 'https://evil.example'],
		['/a/sct-gialai/admin/counters?/create', 'multipart/form-data; boundary=x', 'https://evil.example'],
		[`/api/v1/counters/${COUNTER}/responses`, 'text/plain', 'https://evil.example']
	] as const) {
		const response = await request.post(path, {
			headers: { 'content-type': type, ...(origin ? { origin } : {}) },
			data: form,
			maxRedirects: 0
		});
		expect(response.status(), `${path} ${type} from ${origin}`).toBe(403);
	}
	// SvelteKit's JSON answer for API clients is kept.
	const json = await request.post(`/s/${COUNTER}`, { headers: { 'content-type': urlencoded, origin: OTHER, accept: 'application/json' }, data: form });
	expect(json.status()).toBe(403);
	expect(await json.json()).toEqual({ message: 'Cross-site POST form submissions are forbidden' });

	// The site's own form post goes through (and is refused for its content only: no answer stored
	// here, as the spec's counter must stay empty, so an invalid answer is sent).
	const own = await request.post(`/s/${COUNTER}`, {
		headers: { 'content-type': urlencoded, origin: BASE_URL, accept: 'text/html' },
		data: new URLSearchParams({ submission_id: crypto.randomUUID(), survey_version: version, 'a.PA1': '9' }).toString(),
		maxRedirects: 0
	});
	expect(own.status()).toBe(400);
});
