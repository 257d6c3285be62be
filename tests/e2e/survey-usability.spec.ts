import { randomBytes } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { addCounter, countResponses, deactivateCounter } from './db';
import { answer, expectStep, nextStep, radioInput, STATEMENT, submitButton, waitForStepMode } from './survey';

/**
 * Findings of a usability review of the survey on a 360 px phone: one step counter, legible scale
 * labels that still fit, "next" that lands on the part's heading, an error summary whose entries
 * lead to the fields (also without JavaScript), counts written like the limits they exceed.
 * Nothing here is stored.
 */
const COUNTER = `e2e-ux-${randomBytes(3).toString('hex')}`;
const COMMENT_LABEL = 'Ông/Bà có góp ý gì để chúng tôi phục vụ tốt hơn?';

test.beforeAll(() => addCounter(COUNTER, 'Quầy thử trải nghiệm'));
test.afterAll(async () => {
	expect(await countResponses(COUNTER)).toBe(0);
	await deactivateCounter(COUNTER);
});

/** Visible texts in the page's main content that read as a counter ("Bước 4/8", "Phần 4/7"). */
function visibleCounters(page: Page) {
	return page.locator('main').getByText(/\b\d+\s*\/\s*\d+\b/).filter({ visible: true });
}

test('one step counter on screen, not "Bước 4/8" beside "Phần 4/7"', async ({ page }) => {
	await page.goto(`/s/${COUNTER}`);
	await waitForStepMode(page);
	await expect(visibleCounters(page)).toHaveCount(1);
	for (let i = 0; i < 3; i++) await nextStep(page);
	await expectStep(page, 4);
	await expect(visibleCounters(page)).toHaveText(['Bước 4/8']);
	await page.evaluate(() => window.scrollTo(0, 0));
	await page.screenshot({ path: 'tests/e2e/screenshots/survey-step4-phone.png' });
	await page.setViewportSize({ width: 1280, height: 800 });
	await expect(visibleCounters(page)).toHaveText(['Bước 4/8']);
	await page.screenshot({ path: 'tests/e2e/screenshots/survey-step4-desktop.png' });
});

for (const lang of ['vi', 'en'] as const) {
	test(`scale labels are at least 14 px and fit a 360 px phone (${lang})`, async ({ page }) => {
		await page.goto(`/s/${COUNTER}?lang=${lang}`);
		await waitForStepMode(page);
		await page.locator('#q-PA1').scrollIntoViewIfNeeded();
		await page.screenshot({ path: `tests/e2e/screenshots/survey-scale-${lang}-phone.png` });
		const layout = await page.evaluate(() => {
			const labels = [...document.querySelectorAll<HTMLElement>('section.part:not([hidden]) label.option span')];
			return {
				smallest: Math.min(...labels.map((l) => parseFloat(getComputedStyle(l).fontSize))),
				// A word wider than its box spills out of it (or is cut).
				spilling: labels.filter((l) => l.scrollWidth > l.clientWidth + 0.5).map((l) => l.textContent),
				pageWidth: document.documentElement.scrollWidth
			};
		});
		expect(layout.smallest).toBeGreaterThanOrEqual(14);
		expect(layout.spilling).toEqual([]);
		expect(layout.pageWidth).toBeLessThanOrEqual(360);
	});
}

test('"Tiếp theo" lands on the next part’s heading, visible and focused', async ({ page }) => {
	await page.goto(`/s/${COUNTER}`);
	await waitForStepMode(page);
	const next = page.getByRole('button', { name: 'Tiếp theo', exact: true });
	for (const step of [2, 3]) {
		await next.scrollIntoViewIfNeeded(); // where a citizen's thumb is after the last statement
		await next.click();
		await expectStep(page, step);
		const heading = page.locator(`#step-${step - 1}`);
		await expect(heading).toBeFocused();
		await expect(heading).toBeInViewport({ ratio: 1 });
		await expect(page.getByRole('progressbar')).toBeInViewport({ ratio: 1 });
	}
	await page.screenshot({ path: 'tests/e2e/screenshots/survey-after-next-phone.png' });
});

/** Values the server must refuse, as a modified browser could send them: an answer out of range… */
async function spoilAnswer(page: Page) {
	await radioInput(page, 'CC2', '3').evaluate((el: HTMLInputElement) => {
		el.value = '9';
		el.checked = true;
	});
}

/** … and a comment over the limit. */
async function spoilComment(page: Page) {
	const comment = page.getByLabel(COMMENT_LABEL);
	await comment.evaluate((el) => el.removeAttribute('maxlength'));
	await comment.fill('ơ'.repeat(2100));
}

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('the error summary links to every field it names, and counts are written like the limit', async ({ page }) => {
		await page.goto(`/s/${COUNTER}`);
		await answer(page, 'PA1', 4);
		await spoilAnswer(page);
		await spoilComment(page);
		await submitButton(page).click();

		const summary = page.getByRole('alert');
		await expect(summary).toContainText('Chưa gửi được. Xin xem lại các mục được đánh dấu bên dưới.');
		const links = summary.getByRole('link');
		await expect(links).toHaveCount(2);
		await expect(links.nth(0)).toHaveText(`${STATEMENT.CC2} — Câu trả lời không hợp lệ. Xin chọn lại.`);
		await expect(links.nth(1)).toHaveText(`${COMMENT_LABEL} — Góp ý dài quá 2.000 ký tự (2.100 ký tự). Xin rút gọn.`);
		await expect(page.getByText('Góp ý dài quá 2.000 ký tự (2.100 ký tự). Xin rút gọn.', { exact: true })).toBeVisible();
		// Each link is a plain in-page link to its field, which exists.
		for (const link of await links.all()) {
			const href = await link.getAttribute('href');
			expect(href).toMatch(/^#[\w.-]+$/);
			await expect(page.locator(`[id="${href!.slice(1)}"]`)).toHaveCount(1);
		}
		await page.screenshot({ path: 'tests/e2e/screenshots/error-summary-nojs-phone.png' });
		await page.setViewportSize({ width: 1280, height: 800 });
		await page.screenshot({ path: 'tests/e2e/screenshots/error-summary-nojs-desktop.png' });
		await page.setViewportSize({ width: 360, height: 740 });

		await links.nth(1).click();
		await expect(page).toHaveURL(/#field-comment$/);
		await expect(page.getByLabel(COMMENT_LABEL)).toBeInViewport();
		// The field's label stays on screen above it.
		await expect(page.getByText(COMMENT_LABEL, { exact: true })).toBeInViewport();
		await links.nth(0).click();
		await expect(page.getByRole('group', { name: STATEMENT.CC2, exact: true })).toBeInViewport();
		await page.screenshot({ path: 'tests/e2e/screenshots/error-summary-nojs-followed-phone.png' });
	});
});

test('JavaScript on: an entry of the error summary opens its part and focuses the field', async ({ page }) => {
	await page.goto(`/s/${COUNTER}`);
	await waitForStepMode(page);
	await spoilAnswer(page);
	for (let i = 0; i < 7; i++) await nextStep(page);
	await spoilComment(page);
	await submitButton(page).click();

	const summary = page.getByRole('alert');
	await expect(summary).toBeFocused();
	await expect(summary.getByRole('link')).toHaveCount(2);
	await summary.getByRole('link', { name: /^Ông\/Bà có góp ý/ }).click();
	await expectStep(page, 8);
	await expect(page.getByLabel(COMMENT_LABEL)).toBeFocused();
	await summary.getByRole('link', { name: new RegExp(`^${STATEMENT.CC2}`) }).click();
	await expectStep(page, 5);
	await expect(radioInput(page, 'CC2', '1')).toBeFocused();
	await expect(page.getByRole('group', { name: STATEMENT.CC2, exact: true })).toBeInViewport();
	await page.screenshot({ path: 'tests/e2e/screenshots/error-summary-js-phone.png' });
});
