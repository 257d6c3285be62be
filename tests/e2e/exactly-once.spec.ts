import { expect, test } from '@playwright/test';
import { activeSurveyVersion, answersOf, countResponses, responsesFor, responsesWithSubmissionId } from './db';
import { BASE_URL } from './settings';
import { answer, formBody, submissionIdOf, submitButton, THANKS } from './survey';

// Counter tm-01 is this spec's own.
const COUNTER = 'tm-01';
// What a browser sends with a plain form post (SvelteKit answers JSON to clients that accept it).
const FORM_HEADERS = { 'content-type': 'application/x-www-form-urlencoded', origin: BASE_URL, accept: 'text/html' };

test.use({ javaScriptEnabled: false });

test('the same form sent twice (double tap, retry) shows thanks both times and is stored once', async ({ page }) => {
	const before = await countResponses(COUNTER);
	await page.goto(`/s/${COUNTER}`);
	await answer(page, 'PA1', 4);
	await answer(page, 'CC1', 5);
	await answer(page, 'PK4', 'na');
	await page.getByLabel('Ông/Bà có góp ý gì để chúng tôi phục vụ tốt hơn?').fill('Gửi hai lần vẫn chỉ là một phiếu.');
	const submissionId = await submissionIdOf(page);
	expect(submissionId).toMatch(/^[0-9a-f-]{36}$/);
	const body = await formBody(page);
	expect(new URLSearchParams(body).get('submission_id')).toBe(submissionId);

	// First time: the browser posts the form.
	await submitButton(page).click();
	await expect(page).toHaveURL(`/s/${COUNTER}/thanks`);
	await expect(page.getByRole('heading', { level: 1, name: THANKS })).toBeVisible();
	expect(await responsesWithSubmissionId(submissionId)).toBe(1);

	// Second time: exactly the same body again (a retry after a lost reply looks like this).
	const post = () =>
		page.request.post(`/s/${COUNTER}`, {
			headers: FORM_HEADERS,
			data: body,
			maxRedirects: 0
		});
	const again = await post();
	expect(again.status()).toBe(303);
	const location = again.headers()['location'] ?? '';
	expect(new URL(location, BASE_URL).pathname).toBe(`/s/${COUNTER}/thanks`);
	await page.goto(location);
	await expect(page.getByRole('heading', { level: 1, name: THANKS })).toBeVisible();

	// And a third time, following the redirect as a browser would.
	const third = await page.request.post(`/s/${COUNTER}`, {
		headers: FORM_HEADERS,
		data: body
	});
	expect(third.status()).toBe(200);
	expect(await third.text()).toContain(THANKS);

	// The JSON API agrees: that submission id is already stored.
	const api = await page.request.post(`/api/v1/counters/${COUNTER}/responses`, {
		data: { submission_id: submissionId, survey_version: await activeSurveyVersion(), answers: { PA1: 1 } }
	});
	expect(api.status()).toBe(200);
	expect(await api.json()).toMatchObject({ status: 'duplicate' });

	expect(await responsesWithSubmissionId(submissionId)).toBe(1);
	expect(await countResponses(COUNTER)).toBe(before + 1);
	const stored = (await responsesFor(COUNTER)).at(-1)!;
	expect(stored.submission_id).toBe(submissionId);
	expect(await answersOf(stored.id)).toEqual({ PA1: 4, CC1: 5, PK4: null });
});
