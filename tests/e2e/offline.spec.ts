import { expect, test } from '@playwright/test';
import { answersOf, countResponses, responsesFor } from './db';
import { answer, nextStep, option, expectStep, radioInput, submitButton, THANKS, waitForStepMode, goToLastStep } from './survey';

// Counter nl-01 is this spec's own.
const COUNTER = 'nl-01';
const DRAFT_KEY = `hai-long:draft:${COUNTER}`;

test('the connection-failed message is on screen where the citizen tapped "send"', async ({ page, context }) => {
	await page.goto(`/s/${COUNTER}`);
	await waitForStepMode(page);
	await answer(page, 'PA1', 4);
	await goToLastStep(page);
	await submitButton(page).scrollIntoViewIfNeeded();
	await context.setOffline(true);
	await submitButton(page).click();
	const alert = page.getByRole('alert');
	await expect(alert).toHaveText(/Không kết nối được/);
	// A sighted citizen must see it without scrolling back to the top of a long page.
	await expect(alert).toBeInViewport({ timeout: 3_000 });
	await context.setOffline(false);
	await page.evaluate((k) => localStorage.removeItem(k), DRAFT_KEY);
});

test('a reload mid-survey restores the answers from the draft on the phone', async ({ page }) => {
	await page.goto(`/s/${COUNTER}`);
	await waitForStepMode(page);
	await answer(page, 'PA1', 4);
	await nextStep(page);
	await answer(page, 'PP2', 5);
	await expect.poll(() => page.evaluate((k) => localStorage.getItem(k), DRAFT_KEY)).toContain('"a.PP2","5"');
	const submissionId = await page.locator('input[name="submission_id"]').inputValue();

	await page.reload();
	await waitForStepMode(page);
	await expectStep(page, 1);
	await expect(option(page, 'PA1', 4)).toBeChecked();
	await expect(radioInput(page, 'PP2', '5')).toBeChecked();
	await expect(radioInput(page, 'PA2', '4')).not.toBeChecked();
	// Still the same submission: sending the restored draft cannot store a second response.
	await expect(page.locator('input[name="submission_id"]')).toHaveValue(submissionId);

	// Leave nothing behind for the next test.
	await page.evaluate((k) => localStorage.removeItem(k), DRAFT_KEY);
});

test('when the connection drops at submit, the answers stay and a later submit stores one response', async ({ page, context }) => {
	const before = await countResponses(COUNTER);
	await page.goto(`/s/${COUNTER}`);
	await waitForStepMode(page);
	await answer(page, 'PA1', 5);
	await answer(page, 'PA3', 'na');
	await nextStep(page);
	await nextStep(page);
	await answer(page, 'SA2', 4);
	await goToLastStep(page);
	await page.getByLabel('Ông/Bà có góp ý gì để chúng tôi phục vụ tốt hơn?').fill('Mạng yếu quá, gửi lại được không?');

	await context.setOffline(true);
	await submitButton(page).click();
	const alert = page.getByRole('alert');
	await expect(alert).toHaveText('Không kết nối được. Câu trả lời của Ông/Bà vẫn còn trên máy; xin kiểm tra mạng rồi bấm gửi lại.');
	await expect(page).toHaveURL(`/s/${COUNTER}`);
	await expect(submitButton(page)).toBeEnabled();
	await page.screenshot({ path: 'tests/e2e/screenshots/offline-phone.png' });
	// Nothing lost: the radios in the earlier parts are still ticked, the comment still typed.
	await expect(radioInput(page, 'PA1', '5')).toBeChecked();
	await expect(radioInput(page, 'PA3', 'na')).toBeChecked();
	await expect(radioInput(page, 'SA2', '4')).toBeChecked();
	await expect(page.getByLabel('Ông/Bà có góp ý gì để chúng tôi phục vụ tốt hơn?')).toHaveValue('Mạng yếu quá, gửi lại được không?');
	expect(await page.evaluate((k) => localStorage.getItem(k), DRAFT_KEY)).toContain('"a.SA2","4"');
	expect(await countResponses(COUNTER)).toBe(before);

	await context.setOffline(false);
	await submitButton(page).click();
	await expect(page).toHaveURL(`/s/${COUNTER}/thanks`);
	await expect(page.getByRole('heading', { level: 1, name: THANKS })).toBeVisible();
	expect(await page.evaluate((k) => localStorage.getItem(k), DRAFT_KEY)).toBeNull();

	expect(await countResponses(COUNTER)).toBe(before + 1);
	const stored = (await responsesFor(COUNTER)).at(-1)!;
	expect(stored.comment).toBe('Mạng yếu quá, gửi lại được không?');
	expect(await answersOf(stored.id)).toEqual({ PA1: 5, PA3: null, SA2: 4 });

	// Back on the survey, a new visit starts empty (the draft went with the stored response).
	await page.goto(`/s/${COUNTER}`);
	await waitForStepMode(page);
	await expect(option(page, 'PA1', 5)).not.toBeChecked();
});
