import { expect, test, type Page } from '@playwright/test';
import { CRITERIA_COUNT, SCALE, waitForStepMode } from './survey';

const COUNTER = 'atmt-01';
const OPTION_NAMES = Object.values(SCALE) as string[];

async function checkStructure(page: Page, shownStatements: number) {
	await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
	// Every fieldset has a non-empty legend as its first child, and is exposed as a named group.
	const fieldsets = await page.locator('fieldset').evaluateAll((sets) =>
		sets.map((f) => ({ legend: f.querySelector(':scope > legend')?.textContent?.trim() ?? '' }))
	);
	expect(fieldsets).toHaveLength(CRITERIA_COUNT);
	for (const f of fieldsets) expect(f.legend).not.toBe('');
	await expect(page.getByRole('group')).toHaveCount(shownStatements);
	// Every radio on screen has an accessible name, one of the six scale names, once per statement:
	// 6 names × statements found by name = all radios on screen, so none is nameless.
	const radios = page.locator('input[type="radio"]:visible');
	await expect(radios).toHaveCount(shownStatements * OPTION_NAMES.length);
	for (const name of OPTION_NAMES) {
		await expect(page.getByRole('radio', { name, exact: true })).toHaveCount(shownStatements);
	}
	await expect(radios.first()).toHaveAccessibleName(SCALE[1]);
	await expect(radios.last()).toHaveAccessibleName('Không áp dụng');
	// Form controls of the profile (when shown) have labels.
	if (shownStatements === CRITERIA_COUNT) for (const id of ['f-respondent_type', 'f-channel', 'f-gender', 'f-age_group', 'f-ethnicity', 'f-procedure_field', 'f-dossier_code', 'f-comment']) {
		await expect(page.locator(`#${id}`)).toHaveAccessibleName(/\S/);
	}
}

/** Every visible option box (the label around each radio) is at least 44 × 44 CSS px. */
async function checkTouchTargets(page: Page, expected: number) {
	const labels = page.locator('label.option:visible');
	await expect(labels).toHaveCount(expected);
	const small: string[] = [];
	for (const label of await labels.all()) {
		const box = await label.boundingBox();
		expect(box).not.toBeNull();
		if (box!.width < 44 || box!.height < 44) small.push(`${await label.innerText()}: ${box!.width.toFixed(1)}×${box!.height.toFixed(1)}`);
	}
	expect(small, 'option boxes smaller than 44×44 px').toEqual([]);
	// And the whole box is the tap target: the radio input covers its label.
	const cover = await labels.first().evaluate((label) => {
		const input = label.querySelector('input')!.getBoundingClientRect();
		const box = label.getBoundingClientRect();
		return { w: input.width - box.width, h: input.height - box.height };
	});
	expect(Math.abs(cover.w)).toBeLessThan(1);
	expect(Math.abs(cover.h)).toBeLessThan(1);
}

test.describe('without JavaScript (every part shown)', () => {
	test.use({ javaScriptEnabled: false });

	test('names, legends, language and 44 px touch targets at 360 px', async ({ page }) => {
		await page.goto(`/s/${COUNTER}`);
		expect(page.viewportSize()?.width).toBe(360);
		await checkStructure(page, CRITERIA_COUNT);
		await checkTouchTargets(page, CRITERIA_COUNT * OPTION_NAMES.length);
		// Nothing sticks out sideways on a 360 px phone.
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
	});
});

test('with JavaScript: the same, for the part on screen; buttons are large enough', async ({ page }) => {
	await page.goto(`/s/${COUNTER}`);
	await waitForStepMode(page);
	await checkStructure(page, 3);
	await checkTouchTargets(page, 3 * OPTION_NAMES.length);
	await expect(page.getByRole('progressbar')).toHaveAccessibleName(/\S/);
	const next = await page.getByRole('button', { name: 'Tiếp theo' }).boundingBox();
	expect(next!.height).toBeGreaterThanOrEqual(44);
	const english = await page.getByRole('link', { name: 'Switch to English' }).boundingBox();
	expect(english!.height).toBeGreaterThanOrEqual(44);
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
	// Moving to the next part puts the focus on its heading, so a screen reader announces it.
	await page.getByRole('button', { name: 'Tiếp theo' }).click();
	await expect(page.locator('#step-1')).toBeFocused();
});
