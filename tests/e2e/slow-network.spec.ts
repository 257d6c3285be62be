import { randomBytes } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { addCounter, answersOf, deactivateCounter, responsesFor } from './db';
import { answer, goToLastStep, option, statement, submitButton, THANKS, waitForStepMode } from './survey';

/**
 * A cheap phone on a weak network: the server-rendered survey is on screen (and works as a plain
 * form) well before its scripts arrive and take over. What the citizen did in between must survive
 * the takeover, and nothing may move under their finger when it happens. The scripts are held back
 * with page.route until the test lets them through, so hydration is late by construction, not by a
 * race.
 */
const COUNTER = `e2e-slow-${randomBytes(3).toString('hex')}`;
const COMMENT_LABEL = 'Ông/Bà có góp ý gì để chúng tôi phục vụ tốt hơn?';

test.beforeAll(() => addCounter(COUNTER, 'Quầy thử mạng chậm'));
test.afterAll(() => deactivateCounter(COUNTER));

/** Holds every script of the app until the returned function is called. */
async function holdScripts(page: Page): Promise<() => void> {
	let release!: () => void;
	const released = new Promise<void>((resolve) => (release = resolve));
	await page.route(/\/_app\/immutable\/.+\.js$/, async (route) => {
		await released;
		await route.continue();
	});
	return release;
}

test('answers tapped before the page becomes interactive survive it, are sent, and nothing moves', async ({ page }) => {
	const release = await holdScripts(page);
	await page.goto(`/s/${COUNTER}`, { waitUntil: 'commit' });
	// The server-rendered form: every part at once, no step mode yet.
	await expect(statement(page, 'PA1')).toBeVisible();
	await expect(page.getByRole('button', { name: 'Tiếp theo' })).toHaveCount(0);
	const before = await statement(page, 'PA1').boundingBox();

	await answer(page, 'PA1', 4);
	await answer(page, 'PA2', 'na');
	await answer(page, 'CC1', 5); // a later part, scrolled to before the scripts came
	await page.getByLabel('Giới tính').selectOption({ label: 'Nữ' });
	await page.getByLabel(COMMENT_LABEL).fill('Gõ trước khi trang tải xong.');
	await page.evaluate(() => window.scrollTo(0, 0));
	await page.screenshot({ path: 'tests/e2e/screenshots/slow-before-hydration-phone.png' });

	release();
	await waitForStepMode(page);
	await page.evaluate(() => window.scrollTo(0, 0));
	await page.screenshot({ path: 'tests/e2e/screenshots/slow-after-hydration-phone.png' });

	// Nothing was wiped.
	await expect(option(page, 'PA1', 4)).toBeChecked();
	await expect(option(page, 'PA2', 'na')).toBeChecked();
	await expect(page.locator('input[name="a.CC1"][value="5"]')).toBeChecked();
	// … and it is in the draft kept on the phone, as if tapped after the scripts came.
	await expect.poll(() => page.evaluate((c) => localStorage.getItem(`hai-long:draft:${c}`), COUNTER)).toContain('"a.CC1","5"');
	// Nothing moved under the citizen's finger when the step mode took over.
	expect(await statement(page, 'PA1').boundingBox()).toEqual(before);

	await answer(page, 'PA3', 2);
	await goToLastStep(page);
	await expect(page.getByLabel('Giới tính')).toHaveValue('female');
	await expect(page.getByLabel(COMMENT_LABEL)).toHaveValue('Gõ trước khi trang tải xong.');
	await submitButton(page).click();
	await expect(page.getByRole('heading', { level: 1, name: THANKS })).toBeVisible();

	const [response] = await responsesFor(COUNTER);
	expect(response).toMatchObject({ gender: 'female', comment: 'Gõ trước khi trang tải xong.' });
	expect(await answersOf(response!.id)).toEqual({ PA1: 4, PA2: null, PA3: 2, CC1: 5 });
});
