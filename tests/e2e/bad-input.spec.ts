import { expect, test } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { activeSurveyVersion, countResponses } from './db';
import { BASE_URL } from './settings';
import { answer, expectStep, goToLastStep, option, radioInput, submitButton, waitForStepMode } from './survey';

// Counter cn-01 is this spec's own; nothing here may ever be stored for it.
const COUNTER = 'cn-01';
const API = `/api/v1/counters/${COUNTER}/responses`;

test.afterEach(async () => {
	expect(await countResponses(COUNTER)).toBe(0);
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('a comment over 2,000 characters comes back with a Vietnamese message, answers kept, nothing stored', async ({ page }) => {
		await page.goto(`/s/${COUNTER}`);
		await answer(page, 'PA1', 4);
		await answer(page, 'PP1', 'na');
		await answer(page, 'CC1', 5);
		await page.getByLabel('Giới tính').selectOption({ label: 'Nam' });
		const comment = page.getByLabel('Ông/Bà có góp ý gì để chúng tôi phục vụ tốt hơn?');
		await expect(comment).toHaveAttribute('maxlength', '2000');
		// What a modified or old browser could send: the limit is the server's to enforce.
		await comment.evaluate((el) => el.removeAttribute('maxlength'));
		const long = 'ý'.repeat(2001);
		await comment.fill(long);
		await expect(comment).toHaveValue(long);

		const [post] = await Promise.all([
			page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith(`/s/${COUNTER}`)),
			submitButton(page).click()
		]);
		expect(post.status()).toBe(400);
		await expect(page).toHaveURL(`/s/${COUNTER}`);
		await expect(page.getByRole('alert')).toContainText('Chưa gửi được. Xin xem lại các mục được đánh dấu bên dưới.');
		await expect(page.getByText('Góp ý dài quá 2.000 ký tự (2.001 ký tự). Xin rút gọn.', { exact: true })).toBeVisible();
		// The field says what is wrong with it, to a screen reader too.
		const again = page.getByLabel('Ông/Bà có góp ý gì để chúng tôi phục vụ tốt hơn?');
		await expect(again).toHaveAttribute('aria-invalid', 'true');
		await expect(again).toHaveAccessibleDescription(/Góp ý dài quá 2\.000 ký tự/);
		// Everything the citizen entered is still there.
		await expect(option(page, 'PA1', 4)).toBeChecked();
		await expect(option(page, 'PP1', 'na')).toBeChecked();
		await expect(option(page, 'CC1', 5)).toBeChecked();
		await expect(page.getByLabel('Giới tính')).toHaveValue('male');
		await expect(again).toHaveValue(long);
		await page.screenshot({ path: 'tests/e2e/screenshots/error-comment-phone.png' });
	});

	test('a form for an old survey version comes back with a message, nothing stored', async ({ page }) => {
		await page.goto(`/s/${COUNTER}`);
		await answer(page, 'PA2', 3);
		await page.locator('input[name="survey_version"]').evaluate((el: HTMLInputElement) => (el.value = '999'));
		const [post] = await Promise.all([
			page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith(`/s/${COUNTER}`)),
			submitButton(page).click()
		]);
		expect(post.status()).toBe(400);
		await expect(page.getByRole('alert')).toHaveText(
			'Phiếu khảo sát vừa được cập nhật. Câu trả lời của Ông/Bà vẫn còn; xin kiểm tra lại rồi gửi.'
		);
		await expect(option(page, 'PA2', 3)).toBeChecked();
	});
});

test('JavaScript on: a comment over 2,000 characters is refused in place, answers kept, message focused', async ({ page }) => {
	await page.goto(`/s/${COUNTER}`);
	await waitForStepMode(page);
	await answer(page, 'PA1', 2);
	await goToLastStep(page);
	const comment = page.getByLabel('Ông/Bà có góp ý gì để chúng tôi phục vụ tốt hơn?');
	await comment.evaluate((el) => el.removeAttribute('maxlength'));
	await comment.fill('ơ'.repeat(2001));

	const [post] = await Promise.all([
		page.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes(`/s/${COUNTER}`)),
		submitButton(page).click()
	]);
	// An enhanced form gets SvelteKit's action result as JSON: a failure with status 400.
	expect(await post.json()).toMatchObject({ type: 'failure', status: 400 });
	await expect(page).toHaveURL(`/s/${COUNTER}`);
	const alert = page.getByRole('alert');
	await expect(alert).toContainText('Chưa gửi được. Xin xem lại các mục được đánh dấu bên dưới.');
	await expect(alert).toBeFocused();
	// The step with the problem (the profile) is the one shown.
	await expectStep(page, 8);
	await expect(page.getByText('Góp ý dài quá 2.000 ký tự (2.001 ký tự). Xin rút gọn.', { exact: true })).toBeVisible();
	await expect(radioInput(page, 'PA1', '2')).toBeChecked();
	await expect(comment).toHaveValue('ơ'.repeat(2001));
});

test('JSON API: an unknown criterion and an out-of-range value give 400 with the issues', async ({ request }) => {
	const response = await request.post(API, {
		data: { submission_id: randomUUID(), survey_version: await activeSurveyVersion(), answers: { PA1: 4, ZZ1: 9 } }
	});
	expect(response.status()).toBe(400);
	const body = await response.json();
	expect(body.error).toMatch(/not valid/);
	expect(body.issues).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'a.ZZ1' })]));
	expect(body.issues.find((i: { field: string }) => i.field === 'a.ZZ1').message).toMatch(/\S/);

	const outOfRange = await request.post(API, {
		data: { submission_id: randomUUID(), survey_version: await activeSurveyVersion(), answers: { PA1: 9 } }
	});
	expect(outOfRange.status()).toBe(400);
	expect((await outOfRange.json()).issues).toEqual([expect.objectContaining({ field: 'a.PA1' })]);

	const notJson = await request.post(API, { headers: { 'content-type': 'application/json' }, data: '{"answers": ' });
	expect(notJson.status()).toBe(400);
	const wrongType = await request.post(API, { headers: { 'content-type': 'text/csv' }, data: 'PA1,4' });
	expect(wrongType.status()).toBe(415);
});

test('JSON API: the wrong survey_version gives 400 and stores nothing', async ({ request }) => {
	const version = await activeSurveyVersion();
	const response = await request.post(API, {
		data: { submission_id: randomUUID(), survey_version: version + 1, answers: { PA1: 4, CC1: 5 } }
	});
	expect(response.status()).toBe(400);
	expect((await response.json()).error).toMatch(/survey_version/);
});

test('an unknown counter shows a 404 page in Vietnamese', async ({ page, request }) => {
	const response = await page.goto('/s/khong-co');
	expect(response?.status()).toBe(404);
	await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
	await expect(page.getByRole('heading', { level: 1, name: 'Không tìm thấy quầy khảo sát này' })).toBeVisible();
	await expect(page.getByText('Mã QR có thể đã cũ hoặc quầy đã ngừng nhận khảo sát.')).toBeVisible();
	await expect(page.getByRole('link', { name: 'Về trang chủ' })).toHaveAttribute('href', '/');
	await page.screenshot({ path: 'tests/e2e/screenshots/not-found-phone.png' });

	const api = await request.post('/api/v1/counters/khong-co/responses', {
		data: { submission_id: randomUUID(), survey_version: await activeSurveyVersion(), answers: {} }
	});
	expect(api.status()).toBe(404);
});

test('a body over 64 KiB is refused with 413, on the form and on the API', async ({ request }) => {
	const version = await activeSurveyVersion();
	const padding = 'x'.repeat(65 * 1024);
	const form = await request.post(`/s/${COUNTER}`, {
		headers: { 'content-type': 'application/x-www-form-urlencoded', origin: BASE_URL, accept: 'text/html' },
		data: new URLSearchParams({ submission_id: randomUUID(), survey_version: String(version), 'a.PA1': '4', comment: padding }).toString(),
		maxRedirects: 0
	});
	expect(form.status()).toBe(413);
	expect(await form.text()).toContain('Nội dung gửi quá lớn.');

	const api = await request.post(API, {
		data: { submission_id: randomUUID(), survey_version: version, answers: { PA1: 4 }, comment: padding }
	});
	expect(api.status()).toBe(413);
});
