import { expect, test } from '@playwright/test';
import { answersOf, countResponses, responsesFor } from './db';
import {
	answer,
	CRITERIA_COUNT,
	DIMENSION_COUNT,
	nextStep,
	option,
	expectStep,
	radioInput,
	statement,
	submitButton,
	THANKS,
	waitForStepMode
} from './survey';

// Counter vp-01 is this spec's own: nothing else stores responses for it.
const COUNTER = 'vp-01';
const COMMENT = 'Cán bộ hướng dẫn tận tình, chu đáo. Nên có thêm ghế chờ và máy lấy số thứ tự — cảm ơn Sở Công Thương!';

test('JavaScript on: one part at a time, skip, N/A, profile and comment are stored exactly', async ({ page }) => {
	const before = await countResponses(COUNTER);

	await page.goto(`/s/${COUNTER}`);
	await waitForStepMode(page);
	await expect(page.getByRole('heading', { level: 1, name: 'Quầy Văn phòng' })).toBeVisible();

	// Part 1 of 8: only this dimension's three statements are shown.
	await expectStep(page, 1);
	await expect(page.getByRole('group')).toHaveCount(3);
	await expect(page.getByRole('heading', { level: 2, name: 'Trách nhiệm giải trình của chính quyền về chính sách' })).toBeVisible();
	await expect(page.getByRole('button', { name: 'Quay lại' })).toHaveCount(0);
	await expect(submitButton(page)).toHaveCount(0);

	await answer(page, 'PA1', 4); // Hài lòng
	await answer(page, 'PA2', 5); // Rất hài lòng
	// PA3 is skipped.
	await expect(option(page, 'PA1', 5)).not.toBeChecked();
	await expect(option(page, 'PA1', 2)).not.toBeChecked();
	await page.evaluate(() => window.scrollTo(0, 0));
	await page.screenshot({ path: 'tests/e2e/screenshots/survey-phone.png' });
	await page.screenshot({ path: 'tests/e2e/screenshots/survey-phone-full.png', fullPage: true });

	// Part 2: N/A for PP1, the rest skipped. "Quay lại" keeps part 1's answers.
	await nextStep(page);
	await expectStep(page, 2);
	await expect(statement(page, 'PA1')).toBeHidden();
	await answer(page, 'PP1', 'na');
	await page.getByRole('button', { name: 'Quay lại', exact: true }).click();
	await expectStep(page, 1);
	await expect(option(page, 'PA1', 4)).toBeChecked();
	await expect(option(page, 'PA2', 5)).toBeChecked();
	await nextStep(page);
	await expect(option(page, 'PP1', 'na')).toBeChecked();

	await nextStep(page); // part 3: service access
	await expectStep(page, 3);
	await answer(page, 'SA1', 3);
	await nextStep(page); // part 4: procedures
	await answer(page, 'TT5', 4);
	await nextStep(page); // part 5: civil servants
	await answer(page, 'CC1', 5);
	// Changing one's mind: the last tap counts.
	await answer(page, 'CC2', 2);
	await answer(page, 'CC2', 4);
	await expect(option(page, 'CC2', 2)).not.toBeChecked();
	await nextStep(page); // part 6: results
	await answer(page, 'KQ1', 2);
	await nextStep(page); // part 7: feedback
	await expectStep(page, 7);
	await answer(page, 'PK4', 1);
	await nextStep(page); // part 8: the optional profile

	await expectStep(page, 8);
	await expect(page.getByRole('heading', { level: 2, name: 'Thông tin thêm (không bắt buộc)' })).toBeVisible();
	await expect(page.getByRole('button', { name: 'Tiếp theo' })).toHaveCount(0);
	await page.getByLabel('Ông/Bà là').selectOption({ label: 'Cá nhân' });
	await page.getByLabel('Ông/Bà nộp hồ sơ qua').selectOption({ label: 'Trực tiếp' });
	await page.getByLabel('Giới tính').selectOption({ label: 'Nữ' });
	await page.getByLabel('Độ tuổi').selectOption({ label: '30–44' });
	await page.getByLabel('Dân tộc').selectOption({ label: 'Jrai' });
	await page.getByLabel('Lĩnh vực thủ tục').selectOption({ label: 'Xúc tiến thương mại' });
	await page.getByLabel('Mã hồ sơ (nếu muốn)').fill('000.00.21.H21-241120-0001');
	await page.getByLabel('Ông/Bà có góp ý gì để chúng tôi phục vụ tốt hơn?').fill(COMMENT);
	await page.screenshot({ path: 'tests/e2e/screenshots/survey-phone-profile.png' });

	const submissionId = await page.locator('input[name="submission_id"]').inputValue();
	await submitButton(page).click();
	await expect(page).toHaveURL(`/s/${COUNTER}/thanks`);
	await expect(page.getByRole('heading', { level: 1, name: THANKS })).toBeVisible();
	await expect(page.getByText('Ý kiến của Ông/Bà đã được ghi nhận và giúp Sở Công Thương tỉnh Gia Lai phục vụ tốt hơn.')).toBeVisible();
	await page.screenshot({ path: 'tests/e2e/screenshots/thanks-phone.png' });
	// The draft kept on the phone is gone once the response is stored.
	expect(await page.evaluate((c) => localStorage.getItem(`hai-long:draft:${c}`), COUNTER)).toBeNull();

	expect(await countResponses(COUNTER)).toBe(before + 1);
	const response = (await responsesFor(COUNTER)).at(-1)!;
	expect(response.submission_id).toBe(submissionId);
	expect(response).toMatchObject({
		respondent_type: 'individual',
		channel: 'in_person',
		gender: 'female',
		age_group: '30_44',
		ethnicity: 'jrai',
		procedure_field: 'Xúc tiến thương mại',
		dossier_code: '000.00.21.H21-241120-0001',
		comment: COMMENT,
		flagged_misuse: false,
		source: 'online'
	});
	// Values 1–5 as numbers, N/A as a row with NULL, skipped statements (PA3, PP2, …) without a row.
	expect(await answersOf(response.id)).toEqual({
		PA1: 4,
		PA2: 5,
		PP1: null,
		SA1: 3,
		TT5: 4,
		CC1: 5,
		CC2: 4,
		KQ1: 2,
		PK4: 1
	});

	// "Answer again for another visit" starts a new, empty survey with a new submission id.
	await page.getByRole('link', { name: 'Trả lời khảo sát cho lần làm thủ tục khác' }).click();
	await expect(page).toHaveURL(`/s/${COUNTER}`);
	await waitForStepMode(page);
	await expectStep(page, 1);
	await expect(option(page, 'PA1', 4)).not.toBeChecked();
	await expect(page.locator('input[name="submission_id"]')).not.toHaveValue(submissionId);
	expect(await countResponses(COUNTER)).toBe(before + 1);
});

test('JavaScript on: the whole questionnaire has 28 statements over 7 parts', async ({ page }) => {
	await page.goto(`/s/${COUNTER}`);
	await waitForStepMode(page);
	let statements = 0;
	for (let part = 1; part <= DIMENSION_COUNT; part++) {
		await expectStep(page, part);
		statements += await page.getByRole('group').count();
		await nextStep(page);
	}
	expect(statements).toBe(CRITERIA_COUNT);
	await expect(radioInput(page, 'PK4', 'na')).toHaveCount(1);
});
