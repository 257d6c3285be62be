import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { SMTPServer } from 'smtp-server';
import { createAccount, signIn } from './accounts';
import { query } from './db';
import { SMTP_PORT, USER_AGENT } from './settings';
import { answer, nextStep, submitButton, THANKS, waitForStepMode } from './survey';

/**
 * Issue 12 end to end, on a 360 px phone: a citizen rates an official "Rất không hài lòng" and asks
 * for an answer; staff assign the case and answer it; the citizen reads the answer on the tracking
 * page and rates it; the answer reaches a real SMTP server started here (the app sends email to
 * SMTP_PORT, see playwright.config.ts); the leader sees the case figures in the report.
 */
const COUNTER = 'kcxt-01';
// The flood spec, which runs before this one, floods kcxt-01 from the shared e2e device past its
// block limit: this spec's citizen is a device of its own (its own user agent).
test.use({ userAgent: `${USER_AGENT} petitions` });
const UNIT = 'Trung tâm Khuyến công và Xúc tiến thương mại';
const mails: { to: string; text: string }[] = [];
let smtp: SMTPServer;

/** A quoted-printable mail as text. */
const decode = (raw: string) =>
	Buffer.from(raw.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8');

test.beforeAll(async () => {
	smtp = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS'],
		onData(stream, session, callback) {
			let raw = '';
			stream.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
			stream.on('end', () => {
				mails.push({ to: session.envelope.rcptTo.map((r) => r.address).join(','), text: decode(raw) });
				callback();
			});
		}
	});
	await new Promise<void>((resolve, reject) => {
		smtp.server.once('error', reject);
		smtp.listen(SMTP_PORT, '127.0.0.1', () => resolve());
	});
	expect((smtp.server.address() as AddressInfo).port).toBe(SMTP_PORT);
});
test.afterAll(async () => {
	await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

test('a low rating with "Tôi muốn được trả lời" becomes a case that staff answer and the citizen reads', async ({ page, browser }) => {
	const run = randomBytes(3).toString('hex');
	const email = `dan-${run}@e2e.test`;
	const answerText = `Sở đã nhắc nhở cán bộ và bố trí thêm người hướng dẫn (${run}).`;

	// The citizen, on the phone.
	await page.goto(`/s/${COUNTER}`);
	await waitForStepMode(page);
	for (let i = 0; i < 4; i++) await nextStep(page); // to part 5: civil servants
	await answer(page, 'CC1', 1);
	for (let i = 0; i < 3; i++) await nextStep(page); // to the last part
	await page.getByLabel('Ông/Bà có góp ý gì để chúng tôi phục vụ tốt hơn?').fill('Cán bộ không hướng dẫn, còn to tiếng.');
	await page.getByLabel('Tôi muốn được trả lời').check();
	// A wrong number is refused with the answers kept.
	await page.getByLabel('Số điện thoại').fill('12345');
	await submitButton(page).click();
	await expect(page.getByRole('alert')).toContainText('Số điện thoại chưa đúng');
	await page.getByLabel('Số điện thoại').fill('');
	await page.getByLabel('Email').fill(email);
	await page.screenshot({ path: 'tests/e2e/screenshots/petition-survey-phone.png', fullPage: true });
	await submitButton(page).click();
	await expect(page.getByRole('heading', { name: THANKS })).toBeVisible();
	const note = await page.locator('p.case').innerText();
	const [, code, secret] = /(PA-\d{4}-\d{6,}).*?([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})/.exec(note)!;
	expect(code).toBeTruthy();
	const [stored] = await query<{ source: string; category: string; response_id: string | null }>('select source, category, response_id from petitions where code = $1', [code]);
	expect(stored).toMatchObject({ source: 'survey', category: 'official_attitude' });
	expect(stored!.response_id).not.toBeNull();

	// Staff: assign to the unit, then answer.
	const staffContext = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
	const staff = await staffContext.newPage();
	await signIn(staff, await createAccount('staff', 'petitions'));
	await staff.goto('/a/sct-gialai/petitions');
	await staff.screenshot({ path: 'tests/e2e/screenshots/petition-staff-list-phone.png', fullPage: true });
	await staff.getByRole('link', { name: code }).click();
	await expect(staff.getByRole('heading', { level: 1, name: code })).toBeVisible();
	// Answering first skips a step: the button is not offered, and the server refuses it anyway (integration tests).
	await expect(staff.getByRole('button', { name: 'Trả lời', exact: true })).toHaveCount(0);
	await staff.getByLabel('Phòng ban').selectOption({ label: UNIT });
	await staff.getByRole('button', { name: 'Phân công', exact: true }).click();
	await expect(staff.getByRole('status')).toHaveText('Đã lưu.');
	await staff.getByLabel('Câu trả lời').fill(answerText);
	await staff.getByRole('button', { name: 'Trả lời', exact: true }).click();
	await expect(staff.getByText(answerText)).toBeVisible();
	await staff.screenshot({ path: 'tests/e2e/screenshots/petition-staff-case.png', fullPage: true });
	await staffContext.close();

	// The citizen reads the answer with the secret, and rates it.
	await page.goto(`/y/t/${code}`);
	await page.getByLabel('Mã bí mật').fill('AAAA-BBBB-CCCC-DDDD');
	await page.getByRole('button', { name: 'Xem' }).click();
	await expect(page.getByRole('alert')).toHaveText('Mã phản ánh hoặc mã bí mật không đúng.');
	await page.getByLabel('Mã bí mật').fill(secret!.toLowerCase());
	await page.getByRole('button', { name: 'Xem' }).click();
	await expect(page.locator('#t-answer')).toHaveText(answerText);
	await expect(page.locator('#t-state')).toHaveText('Đã trả lời');
	await page.getByRole('radio', { name: 'Hài lòng', exact: true }).check();
	await page.getByRole('button', { name: 'Gửi đánh giá' }).click();
	await expect(page.getByRole('status')).toHaveText('Cảm ơn Ông/Bà đã đánh giá câu trả lời.');
	await page.screenshot({ path: 'tests/e2e/screenshots/petition-tracking-phone.png', fullPage: true });
	expect((await query<{ citizen_satisfied: boolean }>('select citizen_satisfied from petitions where code = $1', [code]))[0]!.citizen_satisfied).toBe(true);

	// The answer arrives by email (the outbox worker polls every second in this run).
	await expect.poll(() => mails.filter((m) => m.to === email && m.text.includes(answerText)).length, { timeout: 30_000 }).toBe(1);
	const mail = mails.find((m) => m.to === email && m.text.includes(answerText))!;
	expect(mail.text).toContain(`/y/t/${code}`);
	// The acknowledgement, with the code and the secret, came too.
	expect(mails.some((m) => m.to === email && m.text.includes(`phản ánh, kiến nghị ${code}`) && m.text.includes(secret!))).toBe(true);

	// The leader sees the case figures in this month's report.
	const leaderContext = await browser.newContext({ viewport: { width: 1024, height: 800 } });
	const leader = await leaderContext.newPage();
	await signIn(leader, await createAccount('leader', 'petitions'));
	const month = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 7);
	await leader.goto(`/a/sct-gialai/report?month=${month}`);
	const figures = leader.locator('section.case-figures');
	await expect(figures.getByRole('heading', { name: 'Phản ánh, kiến nghị' })).toBeVisible();
	const row = figures.getByRole('table', { name: 'Theo loại phản ánh' }).getByRole('row', { name: /Thái độ của cán bộ, công chức/ });
	await expect(row.getByRole('cell').first()).toHaveText(/^[1-9]\d*$/);
	await leaderContext.close();

	// The administrator's settings, on a phone too.
	const adminContext = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
	const admin = await adminContext.newPage();
	await signIn(admin, await createAccount('admin', 'petitions'));
	await admin.goto('/a/sct-gialai/admin/petitions');
	await admin.getByLabel('Thái độ của cán bộ, công chức').fill('0');
	await admin.getByRole('button', { name: 'Lưu' }).first().click();
	await expect(admin.getByText('Nhập số ngày làm việc từ 1 đến 99.')).toBeVisible();
	await admin.getByLabel('Thái độ của cán bộ, công chức').fill('3');
	await admin.getByRole('button', { name: 'Lưu' }).first().click();
	await expect(admin.getByRole('status')).toHaveText('Đã lưu.');
	await admin.screenshot({ path: 'tests/e2e/screenshots/petition-admin-phone.png', fullPage: true });
	await adminContext.close();
});

test('the public form works without JavaScript, with a photo, and refuses a file of another type', async ({ browser }) => {
	const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 740 }, isMobile: true });
	const page = await context.newPage();
	await page.goto('/y/sct-gialai');
	await page.screenshot({ path: 'tests/e2e/screenshots/petition-public-form.png', fullPage: true });
	await page.getByLabel('Nội dung phản ánh về').selectOption({ label: 'Thủ tục hành chính' });
	await page.getByLabel('Nội dung', { exact: true }).fill('Biểu mẫu trên cổng không tải được.');
	await page.getByLabel('Ảnh hoặc tài liệu (không bắt buộc)').setInputFiles({ name: 'anh.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('MZ not a photo') });
	await page.getByRole('button', { name: 'Gửi phản ánh' }).click();
	await expect(page.getByRole('alert')).toContainText('Chỉ nhận ảnh JPEG, PNG hoặc tệp PDF.');
	await expect(page.getByLabel('Nội dung', { exact: true })).toHaveValue('Biểu mẫu trên cổng không tải được.');
	const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2048, 1)]);
	await page.getByLabel('Ảnh hoặc tài liệu (không bắt buộc)').setInputFiles({ name: 'anh.jpg', mimeType: 'image/jpeg', buffer: jpeg });
	await page.getByRole('button', { name: 'Gửi phản ánh' }).click();
	await expect(page.getByRole('heading', { name: 'Đã gửi phản ánh, kiến nghị' })).toBeVisible();
	const code = await page.locator('#sent-code').innerText();
	const [file] = await query<{ content_type: string; size: number }>('select a.content_type, a.size from petition_attachments a join petitions p on p.id = a.petition_id where p.code = $1', [code]);
	expect(file).toEqual({ content_type: 'image/jpeg', size: jpeg.length });
	await context.close();
});

test('the petition form takes three files of 5 MiB and refuses a larger file or body', async ({ request, baseURL }) => {
	const jpeg = (bytes: number) => {
		const buffer = Buffer.alloc(bytes, 7);
		buffer.set([0xff, 0xd8, 0xff, 0xe0]);
		return new Blob([buffer], { type: 'image/jpeg' });
	};
	const form = (files: Blob[]) => {
		const data = new FormData();
		data.set('submission_id', crypto.randomUUID());
		data.set('category', 'results');
		data.set('body', 'Ba ảnh chụp kết quả sai.');
		files.forEach((file, i) => data.append('files', file, `anh-${i}.jpg`));
		return data;
	};
	const post = (data: FormData) => request.post('/y/sct-gialai', { multipart: data, headers: { origin: baseURL!, accept: 'text/html' }, maxRedirects: 0 });
	const MiB = 1024 * 1024;
	const three = await post(form([jpeg(5 * MiB), jpeg(5 * MiB), jpeg(5 * MiB)]));
	expect(three.status()).toBe(200);
	expect(await three.text()).toContain('Đã gửi phản ánh, kiến nghị');
	const big = await post(form([jpeg(5 * MiB + 1)]));
	expect(big.status()).toBe(400);
	expect(await big.text()).toContain('Mỗi tệp đính kèm tối đa 5 MB.');
	// Over PETITION_MAX_BODY_BYTES (16 MiB): refused before the body is read.
	const tooLarge = await post(form([jpeg(5 * MiB), jpeg(5 * MiB), jpeg(5 * MiB), jpeg(2 * MiB)]));
	expect(tooLarge.status()).toBe(413);
});
