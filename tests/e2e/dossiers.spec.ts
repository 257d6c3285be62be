import { expect, test, type Page } from '@playwright/test';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { hashPassword } from '../../src/lib/server/auth/password';
import { query } from './db';

/**
 * The dossier register end to end: staff import a register file, print a dossier's rating slip,
 * the QR code on it is decoded from its pixels, a citizen answers through it on a phone, a second
 * use is refused, and the response rate moves.
 */
const STAFF = { email: 'dossier-staff@e2e.test', password: 'so-ho-so-2024' };
const PAGE = '/a/sct-gialai/dossiers';
const DOSSIER = `E2E-${Date.now().toString(36).toUpperCase()}`;

test.beforeAll(async () => {
	const hash = await hashPassword(STAFF.password);
	await query(
		`insert into users (agency_id, email, role, password_hash) select id, $1, 'staff', $2 from agencies where code = 'sct-gialai' on conflict (email) do nothing`,
		[STAFF.email, hash]
	);
});

async function signIn(page: Page) {
	await page.goto(`/login?next=${encodeURIComponent(PAGE)}`, { waitUntil: 'networkidle' });
	await page.getByLabel('Email').fill(STAFF.email);
	await page.getByLabel('Mật khẩu').fill(STAFF.password);
	await page.getByRole('button', { name: 'Đăng nhập' }).click();
	await expect(page).toHaveURL(PAGE);
}

function decodePng(png: Buffer): string | null {
	const image = PNG.sync.read(png);
	return jsQR(new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.length), image.width, image.height)?.data ?? null;
}

/** Yesterday in Asia/Ho_Chi_Minh as dd/mm/yyyy, and its month as yyyy-mm: never in the future. */
function yesterday(): { day: string; month: string } {
	const iso = new Date(Date.now() + 7 * 3600_000 - 86_400_000).toISOString().slice(0, 10);
	return { day: iso.split('-').reverse().join('/'), month: iso.slice(0, 7) };
}

async function responded(page: Page, month: string): Promise<{ invited: number; responded: number }> {
	const answer = await page.request.get(`/api/v1/agencies/sct-gialai/response-rates?from=${month}&to=${month}`);
	expect(answer.status()).toBe(200);
	return (await answer.json()).periods[0].by_channel.online;
}

test('a register is imported, a slip printed, and its single-use code answered on a phone', async ({ page, browser }) => {
	const { day, month } = yesterday();
	await signIn(page);

	// A malformed file is refused whole, with its bad row listed.
	const header = 'dossier_code,procedure_code,procedure_name,procedure_field,channel,unit,counter,received_at,due_at,returned_at,officials,phone,email';
	const file = (rows: string[]) => ({ name: 'so-ho-so.csv', mimeType: 'text/csv', buffer: Buffer.from('\uFEFF' + [header, ...rows].join('\r\n') + '\r\n') });
	await page.getByLabel('Tệp CSV hoặc XLSX').setInputFiles(file([`${DOSSIER}-X,1.1,Thủ tục,Không có,Trực tuyến,Văn phòng,,${day} 09:00,,,,,`]));
	await page.getByRole('button', { name: 'Tải lên' }).click();
	await expect(page.getByRole('alert')).toContainText('Tệp bị từ chối');
	await expect(page.locator('table.errors')).toContainText('procedure_field');

	await page.getByLabel('Tệp CSV hoặc XLSX').setInputFiles(
		file([`${DOSSIER},1.000001,Cấp Giấy phép kinh doanh bán lẻ rượu,Thương mại,Trực tuyến,Phòng Quản lý Thương mại,,${day} 09:00,,${day} 15:00,CB01:Nguyễn Văn An,,`])
	);
	await page.getByRole('button', { name: 'Tải lên' }).click();
	await expect(page.getByRole('status')).toContainText('Đã nhập 1 hồ sơ');
	await page.screenshot({ path: 'tests/e2e/screenshots/dossiers-phone.png', fullPage: true });
	const before = await responded(page, month);

	// The slip: its QR code, read from the pixels, is the invitation's address.
	await page.goto(`${PAGE}/receipts?code=${encodeURIComponent(DOSSIER)}`);
	const slip = page.locator(`article.slip[data-dossier="${DOSSIER}"]`);
	await expect(slip).toContainText(DOSSIER);
	const url = decodePng(await slip.locator('.qr').screenshot());
	expect(url).toMatch(/\/r\/[0-9A-HJKMNP-TV-Z]{21}$/);
	const code = url!.split('/r/')[1]!;
	await expect(slip.locator('.code')).toHaveText(`${code.slice(0, 7)}-${code.slice(7, 14)}-${code.slice(14)}`);
	await page.screenshot({ path: 'tests/e2e/screenshots/dossiers-slip-phone.png', fullPage: true });

	// A citizen on another phone types the code at /r and answers.
	const citizen = await browser.newPage({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
	await citizen.goto('/r');
	await citizen.getByLabel('Mã đánh giá').fill(`${code.slice(0, 7).toLowerCase()} ${code.slice(7)}`);
	await citizen.getByRole('button', { name: 'Mở phiếu khảo sát' }).click();
	await expect(citizen).toHaveURL(new RegExp(`/r/${code}$`));
	await expect(citizen.getByText('Thủ tục: Cấp Giấy phép kinh doanh bán lẻ rượu')).toBeVisible();
	await expect(citizen.getByLabel('Ông/Bà nộp hồ sơ qua')).toHaveCount(0);
	await citizen.locator('input[name="a.PA1"][value="5"]').check();
	await citizen.locator('input[name="a.CC1"][value="4"]').check();
	await citizen.getByLabel('Tôi muốn được liên hệ lại về góp ý này').check();
	await citizen.screenshot({ path: 'tests/e2e/screenshots/invitation-phone.png', fullPage: true });
	expect(await citizen.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
	await citizen.getByRole('button', { name: 'Gửi khảo sát' }).click();
	await expect(citizen).toHaveURL(new RegExp(`/r/${code}/thanks$`));

	// The second use is refused and stores nothing.
	const again = await citizen.goto(url!);
	expect(again!.status()).toBe(409);
	await expect(citizen.getByRole('heading', { level: 1 })).toHaveText('Hồ sơ này đã được đánh giá');
	await citizen.screenshot({ path: 'tests/e2e/screenshots/invitation-used-phone.png', fullPage: true });
	expect((await citizen.goto('/r/0000000000000000000000'))!.status()).toBe(404);
	const [linked] = await query<{ n: number }>(`select count(*)::int as n from responses r join dossiers d on d.id = r.dossier_id where d.code = $1`, [DOSSIER]);
	expect(linked!.n).toBe(1);

	// The response rate moved by one.
	const after = await responded(page, month);
	expect(after).toEqual({ invited: before.invited, responded: before.responded + 1, rate: (before.responded + 1) / before.invited });

	await page.setViewportSize({ width: 1280, height: 900 });
	await page.goto('/a/sct-gialai/dashboard');
	await expect(page.getByTestId('response-rate')).toBeVisible();
	await page.getByTestId('response-rate').scrollIntoViewIfNeeded();
	await page.screenshot({ path: 'tests/e2e/screenshots/dashboard-rates-wide.png' });
	await page.goto(PAGE);
	await page.screenshot({ path: 'tests/e2e/screenshots/dossiers-wide.png', fullPage: true });
	await citizen.close();
});
