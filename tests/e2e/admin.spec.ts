import { randomBytes } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { hashPassword } from '../../src/lib/server/auth/password';
import { query } from './db';
import { BASE_URL } from './settings';

/**
 * An administrator adds a counter, finds it on the public home page, prints its poster, and the
 * QR code on the poster — read back from the pixels, not from the markup — opens that counter's
 * survey. The e2e server has no demo users, so the administrator is made here, in the database.
 */
const RUN = randomBytes(3).toString('hex');
const ADMIN = { email: `admin-${RUN}@e2e.test`, password: `mật khẩu e2e ${RUN}` };
const COUNTER = { code: `e2e-${RUN}`, name: `Quầy kiểm thử ${RUN}` };
const OTHER_AGENCY = `e2e-khac-${RUN}`;
const SURVEY_URL = `${BASE_URL}/s/${COUNTER.code}`;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
	const [agency] = await query<{ id: number }>(`select id from agencies where code = 'sct-gialai'`);
	await query(`insert into users (agency_id, email, name, role, password_hash) values ($1, $2, 'Quản trị e2e', 'admin', $3)`, [
		agency!.id,
		ADMIN.email,
		await hashPassword(ADMIN.password)
	]);
	await query(`insert into agencies (code, name_vi, name_en) values ($1, 'Sở Kiểm thử', 'Test Department')`, [OTHER_AGENCY]);
});

// The home page of other specs lists the seeded counters only: leave this one inactive.
test.afterAll(async () => {
	await query(`update counters set active = false where code = $1`, [COUNTER.code]);
});

async function signIn(page: Page) {
	// After hydration: hydrating the sign-in form resets a field typed into before it.
	await page.goto('/login', { waitUntil: 'networkidle' });
	await page.getByLabel('Email').fill(ADMIN.email);
	await page.getByLabel('Mật khẩu').fill(ADMIN.password);
	await page.getByRole('button', { name: 'Đăng nhập' }).click();
	await expect(page).toHaveURL('/a/sct-gialai');
}

/** The text of the one QR code in a PNG image, or null. */
function decodePng(png: Buffer): string | null {
	const image = PNG.sync.read(png);
	return jsQR(new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.length), image.width, image.height)?.data ?? null;
}

async function counterId(): Promise<number> {
	const [row] = await query<{ id: number }>(`select id from counters where code = $1`, [COUNTER.code]);
	return row!.id;
}

test('an administrator adds a counter, which citizens then find on the home page', async ({ page }) => {
	await signIn(page);
	await page.getByRole('navigation', { name: 'Điều hướng' }).getByRole('link', { name: 'Quản trị' }).click();
	await page.getByRole('link', { name: 'Quầy và mã QR' }).first().click();
	await expect(page.getByRole('heading', { level: 1, name: 'Quầy và mã QR' })).toBeVisible();
	// Enhanced forms keep the page in place and focus the refused field; wait for the scripts.
	await page.waitForLoadState('networkidle');

	await page.getByLabel('Đơn vị').selectOption({ label: 'Văn phòng' });
	await page.getByLabel('Tên quầy').fill(COUNTER.name);
	await page.getByLabel('Mã quầy').fill('vp-01');
	await page.getByRole('button', { name: 'Thêm quầy' }).click();
	await expect(page.getByText('Mã “vp-01” đã được dùng cho một quầy khác')).toBeVisible();
	await expect(page.getByLabel('Mã quầy')).toBeFocused();
	await expect(page.getByLabel('Tên quầy')).toHaveValue(COUNTER.name);

	await page.getByLabel('Mã quầy').fill(COUNTER.code.toUpperCase());
	await page.getByRole('button', { name: 'Thêm quầy' }).click();
	await expect(page).toHaveURL(/\/a\/sct-gialai\/admin\/counters\/\d+\?created=1$/);
	expect(page.url()).toContain(`/counters/${await counterId()}?`);
	await expect(page.getByRole('status')).toContainText(`Đã thêm quầy “${COUNTER.name}”`);
	await expect(page.getByRole('link', { name: SURVEY_URL })).toHaveAttribute('href', SURVEY_URL);
	const [audit] = await query<{ action: string; after: Record<string, unknown> }>(
		`select action, after from audit_log where entity = 'counter' and entity_id = $1`,
		[String(await counterId())]
	);
	expect(audit).toEqual({ action: 'counter.create', after: { code: COUNTER.code, name: COUNTER.name, unit: 'Văn phòng', active: true } });

	await page.goto('/');
	await expect(page.getByRole('link', { name: COUNTER.name, exact: true })).toHaveAttribute('href', `/s/${COUNTER.code}`);
	await page.getByRole('link', { name: COUNTER.name, exact: true }).click();
	await expect(page.getByRole('heading', { level: 1, name: COUNTER.name })).toBeVisible();
});

test('the printed poster’s QR code, decoded, is the counter’s survey URL', async ({ page }) => {
	await signIn(page);
	const id = await counterId();
	await page.goto(`/a/sct-gialai/admin/counters/${id}`);
	await page.getByRole('link', { name: 'Áp phích A4 để in' }).click();
	await expect(page).toHaveURL(`/a/sct-gialai/admin/counters/${id}/poster?size=a4`);
	const sheet = page.locator('.poster-sheets article');
	await expect(sheet).toContainText('Sở Công Thương tỉnh Gia Lai');
	await expect(sheet).toContainText(COUNTER.name);
	await expect(sheet).toContainText('Mời Ông/Bà quét mã QR');
	await expect(sheet).toContainText('Scan the QR code');
	await expect(sheet).toContainText(SURVEY_URL);
	await page.screenshot({ path: 'tests/e2e/screenshots/poster-phone.png', fullPage: true });

	// 1. The inline SVG as the browser draws it on the poster.
	expect(decodePng(await sheet.locator('.qr').screenshot())).toBe(SURVEY_URL);

	// 2. The PNG download.
	const png = await page.request.get(`/a/sct-gialai/admin/counters/${id}/qr.png`);
	expect(png.status()).toBe(200);
	expect(png.headers()['content-type']).toBe('image/png');
	expect(png.headers()['content-disposition']).toBe(`attachment; filename="qr-${COUNTER.code}.png"`);
	expect(decodePng(await png.body())).toBe(SURVEY_URL);

	// 3. The SVG downloads, QR alone and the whole poster, drawn by the browser.
	for (const [path, size] of [
		[`qr.svg`, 600],
		[`poster.svg?size=a4`, 900]
	] as const) {
		const svg = await page.request.get(`/a/sct-gialai/admin/counters/${id}/${path}`);
		expect(svg.status(), path).toBe(200);
		expect(svg.headers()['content-type']).toBe('image/svg+xml; charset=utf-8');
		const drawing = await page.context().newPage();
		await drawing.setViewportSize({ width: size, height: Math.round(size * 1.42) });
		await drawing.setContent(`<body style="margin:0;background:#fff">${(await svg.text()).replace(/^<\?xml[^>]*>/, '').replace('<svg ', `<svg style="width:${size}px;height:auto;display:block" `)}</body>`);
		expect(decodePng(await drawing.screenshot({ fullPage: true })), path).toBe(SURVEY_URL);
		await drawing.close();
	}
});

test('the poster prints on one A4 page, and "print all" gives each active counter a page', async ({ page, browserName }) => {
	test.skip(browserName !== 'chromium', 'page.pdf is Chromium only');
	await signIn(page);
	const id = await counterId();
	const pages = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? []).length;

	await page.goto(`/a/sct-gialai/admin/counters/${id}/poster?size=a4`);
	expect(pages(await page.pdf({ format: 'A4' }))).toBe(1);
	await page.goto(`/a/sct-gialai/admin/counters/${id}/poster?size=a6`);
	const card = await page.pdf({ preferCSSPageSize: true });
	expect(pages(card)).toBe(1);
	// The card's @page size, 105 × 148 mm, in points (1 mm = 72 / 25.4 pt; Chromium rounds to pixels).
	const box = /\/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]/.exec(card.toString('latin1'))!.slice(1).map(Number);
	expect(Math.abs(box[2]! - box[0]! - (105 * 72) / 25.4)).toBeLessThan(1.5);
	expect(Math.abs(box[3]! - box[1]! - (148 * 72) / 25.4)).toBeLessThan(1.5);

	const [active] = await query<{ n: number }>(
		`select count(*)::int as n from counters c join agencies a on a.id = c.agency_id where a.code = 'sct-gialai' and c.active`
	);
	const n = active!.n;
	await page.goto('/a/sct-gialai/admin/posters?size=a4');
	await expect(page.locator('.poster-sheets article')).toHaveCount(n);
	expect(pages(await page.pdf({ format: 'A4' }))).toBe(n);
});

test('a deactivated counter’s QR code answers "not found"; another agency’s administration is "not found"', async ({ page }) => {
	await signIn(page);
	const id = await counterId();
	await page.goto(`/a/sct-gialai/admin/counters/${id}`);
	await page.getByRole('button', { name: 'Ngừng nhận khảo sát' }).click();
	await expect(page.getByText('Quầy này đang ngừng nhận khảo sát')).toBeVisible();
	expect((await page.request.get(`/s/${COUNTER.code}`)).status()).toBe(404);

	for (const path of [`/a/${OTHER_AGENCY}/admin`, `/a/${OTHER_AGENCY}/admin/counters`, `/a/${OTHER_AGENCY}/admin/counters/${id}`, `/a/${OTHER_AGENCY}/admin/counters/${id}/qr.png`]) {
		expect((await page.request.get(path)).status(), path).toBe(404);
	}
	expect((await page.request.get('/province')).status()).toBe(403);
});
