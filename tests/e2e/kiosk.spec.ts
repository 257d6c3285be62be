import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { createAccount, signIn } from './accounts';
import { query } from './db';
import { goToLastStep, waitForStepMode } from './survey';

/**
 * The kiosk at a counter, on a tablet: enrolled from the admin page, answered, reset after
 * "thank you" and when left alone, answered three times with the network cut and exactly three
 * responses stored once it returns; read-aloud by a Vietnamese voice and by a recorded clip; a Jrai
 * questionnaire chosen and answered. The kiosk has a counter of its own, so other specs' counts
 * are untouched.
 */
const COUNTER = 'kiosk-e2e';
const TABLET = { width: 800, height: 1280 };
const PA1 = 'Thông tin về chính sách liên quan được cơ quan công khai đầy đủ';
const PA1_JRAI = 'Tơlơi pơthâo kơ hơdôm tơlơi phiăn hơmâo pơblang abih';

/** One second of 8 kHz 8-bit mono silence: a real WAV file the browser plays. */
function silentWav(): Buffer {
	const samples = 8000;
	const wav = Buffer.alloc(44 + samples, 0x80);
	wav.write('RIFF', 0);
	wav.writeUInt32LE(36 + samples, 4);
	wav.write('WAVE', 8);
	wav.write('fmt ', 12);
	wav.writeUInt32LE(16, 16);
	wav.writeUInt16LE(1, 20); // PCM
	wav.writeUInt16LE(1, 22); // mono
	wav.writeUInt32LE(8000, 24);
	wav.writeUInt32LE(8000, 28);
	wav.writeUInt16LE(1, 32);
	wav.writeUInt16LE(8, 34);
	wav.write('data', 36);
	wav.writeUInt32LE(samples, 40);
	return wav;
}

/** A Vietnamese voice in the browser (headless Chromium has none), and a record of what it spoke. */
const FAKE_VOICE = () => {
	const voice = { name: 'Giọng Việt (thử)', lang: 'vi-VN', default: true, localService: true, voiceURI: 'vi-test' };
	const spoken: string[] = [];
	Object.assign(window, { __spoken: spoken });
	Object.defineProperty(speechSynthesis, 'getVoices', { value: () => [voice] });
	Object.defineProperty(speechSynthesis, 'speak', { value: (u: SpeechSynthesisUtterance) => spoken.push(u.text) });
	// A real utterance accepts only a real voice: a plain one takes the fake.
	Object.assign(window, {
		SpeechSynthesisUtterance: class {
			lang = '';
			voice: unknown = null;
			constructor(readonly text: string) {}
		}
	});
};

/** The spec's own counter, so other specs' counts per counter are untouched. */
const ownCounter = () =>
	query(
		`insert into counters (agency_id, unit_id, code, name)
		 select a.id, (select min(id) from units where agency_id = a.id), $1, 'Quầy máy đánh giá' from agencies a where a.code = 'sct-gialai'
		 on conflict do nothing`,
		[COUNTER]
	);

const kioskResponses = async (kioskName: string) =>
	(await query<{ n: number }>(`select count(*)::int as n from responses r join kiosks k on k.id = r.kiosk_id where k.name = $1`, [kioskName]))[0]!.n;

async function answerOnce(page: Page, value: string) {
	await page.getByRole('button', { name: 'Tiếng Việt' }).click();
	await page.getByRole('group', { name: PA1 }).getByText(value, { exact: true }).click();
	await page.getByRole('button', { name: 'Gửi đánh giá' }).click();
	await expect(page.getByRole('heading', { name: 'Xin cảm ơn ông/bà!' })).toBeVisible();
	await page.getByRole('button', { name: 'Về trang đầu' }).click();
	await expect(page.getByRole('heading', { name: 'Xin mời ông/bà đánh giá sự hài lòng' })).toBeVisible();
}

test.describe('kiosk at a counter', () => {
	let kioskContext: BrowserContext | undefined;
	test.afterAll(async () => kioskContext?.close());

	test('enrol, answer, reset, queue offline, read aloud, Jrai', async ({ page: adminPage, browser }) => {
		test.setTimeout(180_000);
		const kioskName = `Máy e2e ${Date.now()}`;
		await ownCounter();

		// --- The administrator creates the kiosk, imports Jrai and uploads a clip ---
		const admin = await createAccount('admin', 'kiosk');
		await signIn(adminPage, admin);
		await adminPage.goto('/a/sct-gialai/admin/kiosks');
		await adminPage.getByLabel('Tên máy').fill(kioskName);
		await adminPage.getByLabel('Quầy', { exact: true }).selectOption({ label: `Quầy máy đánh giá (${COUNTER})` });
		await adminPage.getByRole('button', { name: 'Tạo máy' }).click();
		const enrolmentUrl = await adminPage.getByTestId('enrolment-url').getAttribute('href');
		expect(enrolmentUrl).toMatch(new RegExp(`/k/${COUNTER}\\?enrol=[A-Z2-9]{10}$`));
		await expect(adminPage.getByRole('img', { name: 'Mã QR của địa chỉ đăng ký' })).toBeVisible();

		await adminPage.goto('/a/sct-gialai/admin/languages?lang=jrai');
		await adminPage.getByLabel('Tệp CSV bản dịch').setInputFiles({
			name: 'jrai.csv',
			mimeType: 'text/csv',
			buffer: Buffer.from(`key,text\ncrit.PA1,${PA1_JRAI}\nui.start,Čơdơ̆ng\n`)
		});
		await adminPage.getByRole('button', { name: 'Nhập bản dịch' }).click();
		await expect(adminPage.getByRole('status')).toHaveText('Đã lưu 2 bản dịch.');
		await expect(adminPage.getByRole('alert')).toHaveCount(0);
		await expect(adminPage.locator('[data-language=jrai]')).toContainText('Tiếng Jrai: đã dịch 2/');
		await adminPage.getByRole('combobox', { name: 'Ngôn ngữ' }).selectOption('jrai');
		await adminPage.getByRole('combobox', { name: 'Câu' }).selectOption('crit.PA1');
		// A file named and typed as audio whose content is not: refused, by its first bytes.
		await adminPage.getByLabel('Tệp âm thanh').setInputFiles({ name: 'pa1.mp3', mimeType: 'audio/mpeg', buffer: Buffer.from('<html><script>alert(1)</script></html>') });
		await adminPage.getByRole('button', { name: 'Tải lên' }).click();
		await expect(adminPage.getByText('Tệp không phải âm thanh MP3, OGG, WAV hoặc M4A.')).toBeVisible();
		await adminPage.getByRole('combobox', { name: 'Ngôn ngữ' }).selectOption('jrai');
		await adminPage.getByRole('combobox', { name: 'Câu' }).selectOption('crit.PA1');
		await adminPage.getByLabel('Tệp âm thanh').setInputFiles({ name: 'pa1.wav', mimeType: 'audio/wav', buffer: silentWav() });
		await adminPage.getByRole('button', { name: 'Tải lên' }).click();
		await expect(adminPage.getByRole('status')).toHaveText('Đã lưu đoạn ghi âm.');
		await expect(adminPage.getByRole('alert')).toHaveCount(0);
		await adminPage.screenshot({ path: 'tests/e2e/screenshots/kiosk-languages.png' });

		// --- The tablet opens the enrolment address once ---
		kioskContext = await browser.newContext({ viewport: TABLET, hasTouch: true, isMobile: true, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
		await kioskContext.addInitScript(FAKE_VOICE);
		const page = await kioskContext.newPage();
		await page.clock.install();
		await page.goto(enrolmentUrl!);
		await expect(page.getByRole('heading', { name: 'Xin mời ông/bà đánh giá sự hài lòng' })).toBeVisible();
		await expect(page).toHaveURL(new RegExp(`/k/${COUNTER}$`)); // the code leaves the address bar
		await page.screenshot({ path: 'tests/e2e/screenshots/kiosk-welcome.png' });
		await expect.poll(() => query(`select credential_hash from kiosks where name = $1`, [kioskName]).then((r) => r[0]?.credential_hash)).toBeTruthy();

		// --- Answer; read aloud with the Vietnamese voice; never spoken by itself ---
		await page.getByRole('button', { name: 'Tiếng Việt' }).click();
		expect(await page.evaluate(() => (window as unknown as { __spoken: string[] }).__spoken.length)).toBe(0);
		const question = page.getByRole('group', { name: PA1 });
		await question.getByRole('button', { name: `Nghe: ${PA1}` }).click();
		expect(await page.evaluate(() => (window as unknown as { __spoken: string[] }).__spoken)).toEqual([PA1]);
		await expect(page.locator('button.listen')).toHaveCount(30); // lead-in, scale, 28 statements
		await question.getByText('Rất hài lòng', { exact: true }).click();
		await page.getByRole('button', { name: 'Gửi đánh giá' }).click();
		await expect(page.getByRole('heading', { name: 'Xin cảm ơn ông/bà!' })).toBeVisible();
		await expect.poll(() => kioskResponses(kioskName)).toBe(1);

		// --- 30 s after "thank you": the welcome screen ---
		await page.clock.fastForward('00:31');
		await expect(page.getByRole('heading', { name: 'Xin mời ông/bà đánh giá sự hài lòng' })).toBeVisible();

		// --- 90 s without a touch in the middle of the questionnaire: back to welcome, answers cleared ---
		await page.getByRole('button', { name: 'Tiếng Việt' }).click();
		await page.getByRole('group', { name: PA1 }).getByText('Không hài lòng', { exact: true }).click();
		await page.clock.fastForward('01:00');
		await expect(page.getByRole('group', { name: PA1 }).getByRole('radio', { name: /Không hài lòng/ })).toBeChecked();
		await page.clock.fastForward('00:31');
		await expect(page.getByRole('heading', { name: 'Xin mời ông/bà đánh giá sự hài lòng' })).toBeVisible();
		await page.getByRole('button', { name: 'Tiếng Việt' }).click();
		await expect(page.getByRole('group', { name: PA1 }).getByRole('radio', { checked: true })).toHaveCount(0);
		await page.getByRole('button', { name: 'Làm lại từ đầu' }).click();
		// Fast-forwarding moved the tablet's clock two minutes ahead: back to the real time, or the
		// server would rightly refuse the next answers as "in the future".
		await page.clock.setSystemTime(new Date());

		// --- Three answers with the network cut: queued on the device, shown, then sent once each ---
		await kioskContext.setOffline(true);
		for (const value of ['Hài lòng', 'Bình thường', 'Rất không hài lòng']) await answerOnce(page, value);
		await expect(page.locator('[data-queued]')).toHaveText('Đang chờ gửi: 3');
		expect(await kioskResponses(kioskName)).toBe(1);
		// The page itself comes from the service worker while offline.
		await page.reload();
		await expect(page.getByRole('heading', { name: 'Xin mời ông/bà đánh giá sự hài lòng' })).toBeVisible();
		await expect(page.locator('[data-queued]')).toHaveText('Đang chờ gửi: 3');
		await kioskContext.setOffline(false);
		await page.evaluate(() => window.dispatchEvent(new Event('online')));
		await expect(page.locator('[data-queued]')).toHaveCount(0);
		await expect.poll(() => kioskResponses(kioskName)).toBe(4);
		// Sent again (a retry after a lost answer): still three, each stored once.
		const ids = await query<{ submission_id: string }>(`select r.submission_id from responses r join kiosks k on k.id = r.kiosk_id where k.name = $1`, [kioskName]);
		expect(new Set(ids.map((r) => r.submission_id)).size).toBe(4);
		const channels = await query<{ channel: string }>(`select distinct channel from responses r join kiosks k on k.id = r.kiosk_id where k.name = $1`, [kioskName]);
		expect(channels).toEqual([{ channel: 'in_person' }]);

		// The administrator sees the kiosk's contact and an empty queue.
		await adminPage.goto('/a/sct-gialai/admin/kiosks');
		const row = adminPage.locator(`li[data-kiosk="${kioskName}"]`);
		await adminPage.screenshot({ path: 'tests/e2e/screenshots/kiosk-admin.png', fullPage: true });
		await expect(row.getByTestId('responses')).toHaveText('4');
		await expect(row.getByTestId('queue')).toHaveText('0');
		await expect(row).toContainText('Đang hoạt động');

		// --- The connection drops after the server stored an answer, before the kiosk heard back:
		// the answer stays queued, is sent again, and is stored once ---
		await page.route(`**/k/${COUNTER}/answers`, async (route) => {
			await route.fetch(); // reaches the server, which stores it
			await route.abort('connectionreset');
		});
		await answerOnce(page, 'Hài lòng');
		await expect.poll(() => kioskResponses(kioskName)).toBe(5);
		await expect(page.locator('[data-queued]')).toHaveText('Đang chờ gửi: 1');
		await page.unroute(`**/k/${COUNTER}/answers`);
		await page.evaluate(() => window.dispatchEvent(new Event('online')));
		await expect(page.locator('[data-queued]')).toHaveCount(0);
		expect(await kioskResponses(kioskName)).toBe(5);

		// --- Jrai: chosen on the first screen; a recorded clip plays; untranslated text in Vietnamese ---
		await page.reload();
		await page.getByRole('button', { name: 'Tơlơi Jrai' }).click();
		const jraiQuestion = page.getByRole('group', { name: PA1_JRAI });
		await expect(jraiQuestion).toBeVisible();
		await expect(page.getByRole('group', { name: 'Thông tin chính sách dễ tìm, dễ hiểu' })).toBeVisible();
		await page.screenshot({ path: 'tests/e2e/screenshots/kiosk-survey-jrai.png' });
		await page.clock.runFor(0);
		await jraiQuestion.getByRole('button', { name: /^Nghe/ }).click();
		await expect
			.poll(() => page.evaluate(() => {
				const audio = document.getElementById('kiosk-audio') as HTMLAudioElement;
				return { src: new URL(audio.src).pathname, playedOrPlaying: !audio.paused || audio.ended || audio.currentTime > 0 };
			}))
			.toEqual({ src: `/k/${COUNTER}/clips/jrai/crit.PA1`, playedOrPlaying: true });
		await jraiQuestion.getByText('4', { exact: true }).click();
		await page.getByRole('button', { name: 'Gửi đánh giá' }).click();
		await expect(page.getByRole('heading', { name: 'Xin cảm ơn ông/bà!' })).toBeVisible();
		await expect.poll(() => kioskResponses(kioskName)).toBe(6);
		await page.screenshot({ path: 'tests/e2e/screenshots/kiosk-thanks.png' });

		// --- Revoked: what the kiosk still sends is refused, with the reason on both screens ---
		await adminPage.goto('/a/sct-gialai/admin/kiosks');
		await adminPage.getByRole('button', { name: `Thu hồi máy ${kioskName}` }).click();
		await expect(adminPage.getByRole('status')).toHaveText('Đã thu hồi máy. Các câu trả lời nó còn gửi sẽ bị từ chối.');
		await page.getByRole('button', { name: 'Về trang đầu' }).click();
		await answerOnce(page, 'Hài lòng');
		await expect(page.locator('[data-refused]')).toHaveText('Bị từ chối: 1 — máy đã bị thu hồi (1)');
		expect(await kioskResponses(kioskName)).toBe(6);
		await adminPage.reload();
		await expect(adminPage.locator(`li[data-kiosk="${kioskName}"]`).getByTestId('refusals')).toHaveText('1 — máy đã bị thu hồi');
	});

	test('the phone survey reads aloud with a Vietnamese voice, and shows no button without one', async ({ page, browser }) => {
		await page.addInitScript(FAKE_VOICE);
		await page.goto('/s/vp-01');
		await expect(page.getByRole('button', { name: /^Nghe: Khảo sát gồm 7 phần/ })).toBeVisible();
		expect(await page.evaluate(() => (window as unknown as { __spoken: string[] }).__spoken)).toEqual([]);
		await page.getByRole('group', { name: PA1 }).getByRole('button', { name: /^Nghe/ }).click();
		const spoken = await page.evaluate(() => (window as unknown as { __spoken: string[] }).__spoken);
		expect(spoken).toHaveLength(1);
		expect(spoken[0]).toContain(PA1);
		expect(spoken[0]).toContain('5: Rất hài lòng');

		const voiceless = await browser.newContext({ viewport: { width: 360, height: 740 } });
		const other = await voiceless.newPage();
		await other.addInitScript(() => Object.defineProperty(speechSynthesis, 'getVoices', { value: () => [] }));
		await other.goto('/s/vp-01');
		await expect(other.getByRole('group', { name: PA1 })).toBeVisible();
		await expect(other.getByRole('button', { name: /^Nghe/ })).toHaveCount(0);
		await voiceless.close();
	});

	test('the phone survey in Jrai: chosen on its first screen, untranslated text in Vietnamese, stored like any other', async ({ page }) => {
		await ownCounter();
		await query(
			`insert into survey_translations (survey_version_id, language, key, text)
			 select v.id, 'jrai', t.key, t.text from survey_versions v join agencies a on a.id = v.agency_id,
			   (values ('crit.PA1', $1::text), ('pub.survey.submit', 'Pơkiaŏ nao')) as t(key, text)
			 where a.code = 'sct-gialai' and v.active
			 on conflict (survey_version_id, language, key) do update set text = excluded.text`,
			[PA1_JRAI]
		);
		await page.goto(`/s/${COUNTER}`);
		await page.getByRole('navigation', { name: 'Ngôn ngữ của phiếu' }).getByRole('link', { name: 'Tơlơi Jrai' }).click();
		await expect(page).toHaveURL(new RegExp(`/s/${COUNTER}\\?form=jrai$`));
		await waitForStepMode(page);
		const radio = page.getByRole('group', { name: PA1_JRAI, exact: true }).getByRole('radio', { name: 'Rất hài lòng', exact: true });
		await radio.click();
		await expect(radio).toBeChecked();
		await expect(page.getByRole('group', { name: 'Thông tin chính sách dễ tìm, dễ hiểu', exact: true })).toBeVisible();
		const submissionId = await page.locator('input[name="submission_id"]').inputValue();
		await goToLastStep(page);
		await page.getByRole('button', { name: 'Pơkiaŏ nao', exact: true }).click();
		await expect(page).toHaveURL(new RegExp(`/s/${COUNTER}/thanks`));
		const stored = await query<{ value: number; kiosk_id: number | null }>(
			`select a.value, r.kiosk_id from responses r join answers a on a.response_id = r.id join criteria c on c.id = a.criterion_id
			 where r.submission_id = $1 and c.key = 'PA1'`,
			[submissionId]
		);
		expect(stored).toEqual([{ value: 5, kiosk_id: null }]);
	});
});
