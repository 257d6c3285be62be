import { expect, type Locator, type Page } from '@playwright/test';

/** Statement texts of survey version 1 (SIPAS.md §3), Vietnamese and English. */
export const STATEMENT = {
	PA1: 'Thông tin về chính sách liên quan được cơ quan công khai đầy đủ',
	PA2: 'Thông tin chính sách dễ tìm, dễ hiểu',
	PA3: 'Cơ quan trả lời, giải thích khi người dân hỏi về chính sách',
	PP1: 'Người dân, tổ chức được biết và được bàn về chính sách trước khi ban hành',
	PP2: 'Có cơ hội góp ý vào dự thảo chính sách',
	SA1: 'Nơi ngồi chờ tại Bộ phận Một cửa có đủ chỗ ngồi',
	SA2: 'Trang thiết bị phục vụ đầy đủ',
	TT5: 'Thời hạn giải quyết đúng quy định',
	CC1: 'Công chức có thái độ giao tiếp lịch sự',
	CC2: 'Công chức chú ý lắng nghe ý kiến',
	KQ1: 'Kết quả nhận được đúng quy định',
	PK4: 'Cơ quan thông báo kịp thời kết quả xử lý'
} as const;
export type StatementKey = keyof typeof STATEMENT;

export const STATEMENT_EN = {
	PA1: 'Information on relevant policies is fully published',
	CC1: 'Officials are polite'
} as const;

/** The scale's accessible names (vi.ts survey.scale.*), by stored value. */
export const SCALE = {
	1: 'Rất không hài lòng',
	2: 'Không hài lòng',
	3: 'Bình thường',
	4: 'Hài lòng',
	5: 'Rất hài lòng',
	na: 'Không áp dụng'
} as const;
export type ScaleValue = keyof typeof SCALE;

export const CRITERIA_COUNT = 28;
export const DIMENSION_COUNT = 7;
export const THANKS = 'Cảm ơn Ông/Bà!';

/** One statement's fieldset, found by its legend (the statement text). */
export function statement(page: Page, key: StatementKey): Locator {
	if (!STATEMENT[key]) throw new Error(`No statement text for ${key} in tests/e2e/survey.ts`);
	return page.getByRole('group', { name: STATEMENT[key], exact: true });
}

/** The radio for one level of one statement. Names must be exact: "Hài lòng" is in "Không hài lòng". */
export function option(page: Page, key: StatementKey, value: ScaleValue): Locator {
	return statement(page, key).getByRole('radio', { name: SCALE[value], exact: true });
}

/** Ticks one level of one statement the way a citizen does: a tap on the option. */
export async function answer(page: Page, key: StatementKey, value: ScaleValue): Promise<void> {
	const radio = option(page, key, value);
	await radio.click();
	await expect(radio).toBeChecked();
}

/** The raw radio input, visible or not (for parts hidden behind another step). */
export function radioInput(page: Page, key: string, value: string): Locator {
	return page.locator(`input[type="radio"][name="a.${key}"][value="${value}"]`);
}

/**
 * Waits until the survey page is hydrated: the step-by-step mode hides every part but one. (The
 * progress bar is no sign of it: the server renders it too, so that nothing moves at hydration.)
 */
export async function waitForStepMode(page: Page): Promise<void> {
	await expect(page.locator('section.part[hidden]')).toHaveCount(DIMENSION_COUNT);
	await expect(page.locator('progress#survey-progress')).toBeVisible();
}

/**
 * Expects the progress bar to show step n of total. The label's wording may change ("Bước 2/8",
 * "Tiến độ: phần 2 trên 8"); its numbers and the bar's value may not.
 */
export async function expectStep(page: Page, n: number, total = DIMENSION_COUNT + 1): Promise<void> {
	const bar = page.getByRole('progressbar');
	await expect(bar).toHaveAttribute('value', String(n));
	await expect(bar).toHaveAttribute('max', String(total));
	await expect(bar).toHaveAccessibleName(new RegExp(`(^|\\D)${n}\\D+${total}$`));
	await expect(page.locator(`#step-${n - 1}`)).toBeVisible();
}

/** Steps forward until the last step (the optional profile). */
export async function goToLastStep(page: Page, total = DIMENSION_COUNT + 1): Promise<void> {
	const bar = page.getByRole('progressbar');
	for (let guard = 0; guard < total; guard++) {
		if ((await bar.getAttribute('value')) === String(total)) break;
		const before = await bar.getAttribute('value');
		await nextStep(page);
		await expect(bar).not.toHaveAttribute('value', before!);
	}
	await expectStep(page, total, total);
}

export async function nextStep(page: Page): Promise<void> {
	await page.getByRole('button', { name: 'Tiếp theo', exact: true }).click();
}

export const submitButton = (page: Page) => page.getByRole('button', { name: 'Gửi khảo sát', exact: true });

/** The form's current fields, form-encoded, exactly as the browser would post them. */
export async function formBody(page: Page): Promise<string> {
	return page.locator('form[method="POST"]').evaluate((form: HTMLFormElement) => {
		const params = new URLSearchParams();
		for (const [name, value] of new FormData(form)) if (typeof value === 'string') params.append(name, value);
		return params.toString();
	});
}

export async function submissionIdOf(page: Page): Promise<string> {
	return page.locator('input[name="submission_id"]').inputValue();
}
