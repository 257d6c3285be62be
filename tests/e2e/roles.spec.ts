import { randomBytes } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { hashPassword } from '../../src/lib/server/auth/password';
import { query } from './db';

/**
 * Each role signs in and sees what it should, and no more: the navigation offers only what the
 * role may do, and typing the URL of anything else is refused. The e2e server has no demo users,
 * so one user per role is made here, in the database.
 */
const RUN = randomBytes(3).toString('hex');
const PASSWORD = `mật khẩu vai trò ${RUN}`;
const ALL_LINKS = ['Tổng quan', 'Báo cáo tháng', 'Theo dõi', 'Góp ý', 'Nhập phiếu giấy', 'Xuất dữ liệu', 'Quản trị', 'Kế hoạch'];
const ROLES = {
	leader: { links: ['Tổng quan', 'Báo cáo tháng', 'Kế hoạch'], refused: ['/a/sct-gialai/admin', '/a/sct-gialai/dashboard', '/a/sct-gialai/import'] },
	staff: {
		links: ['Tổng quan', 'Báo cáo tháng', 'Theo dõi', 'Góp ý', 'Nhập phiếu giấy', 'Xuất dữ liệu', 'Kế hoạch'],
		refused: ['/a/sct-gialai/admin', '/a/sct-gialai/admin/counters', '/province']
	},
	admin: { links: ALL_LINKS, refused: ['/province'] },
	province_admin: { links: ALL_LINKS, refused: [] }
} as const;
type Role = keyof typeof ROLES;
const email = (role: Role) => `${role}-${RUN}@e2e.test`;

test.beforeAll(async () => {
	const [agency] = await query<{ id: number }>(`select id from agencies where code = 'sct-gialai'`);
	const hash = await hashPassword(PASSWORD);
	for (const role of Object.keys(ROLES) as Role[]) {
		await query(`insert into users (agency_id, email, role, password_hash) values ($1, $2, $3, $4)`, [
			role === 'province_admin' ? null : agency!.id,
			email(role),
			role,
			hash
		]);
	}
});

async function signIn(page: Page, role: Role) {
	await page.goto('/login');
	await page.getByLabel('Email').fill(email(role));
	await page.getByLabel('Mật khẩu').fill(PASSWORD);
	await page.getByRole('button', { name: 'Đăng nhập' }).click();
}

for (const role of Object.keys(ROLES) as Role[]) {
	test(`${role} signs in and sees what the role allows, no more`, async ({ page }) => {
		await signIn(page, role);
		if (role === 'province_admin') {
			await expect(page).toHaveURL('/province');
			await page.goto('/a/sct-gialai');
		} else {
			await expect(page).toHaveURL('/a/sct-gialai');
		}
		const nav = page.getByRole('navigation', { name: 'Điều hướng' });
		for (const link of ALL_LINKS) {
			const expected = (ROLES[role].links as readonly string[]).includes(link);
			await expect(nav.getByRole('link', { name: link, exact: true }), `${role}: ${link}`).toHaveCount(expected ? 1 : 0);
		}
		for (const path of ROLES[role].refused) {
			const response = await page.goto(path);
			expect(response?.status(), `${role} → ${path}`).toBe(403);
		}
		await page.screenshot({ path: `tests/e2e/screenshots/role-${role}.png`, fullPage: true });

		await page.goto('/a/sct-gialai');
		await page.getByRole('button', { name: 'Đăng xuất' }).click();
		await expect(page).toHaveURL('/login');
		await page.goto('/a/sct-gialai/report');
		await expect(page).toHaveURL(/\/login\?next=/);
	});
}

test('a wrong password and an unknown email get the same message, and nothing opens', async ({ page }) => {
	for (const who of [email('staff'), `khong-co-${RUN}@e2e.test`]) {
		await page.goto('/login');
		await page.getByLabel('Email').fill(who);
		await page.getByLabel('Mật khẩu').fill('sai mật khẩu');
		await page.getByRole('button', { name: 'Đăng nhập' }).click();
		await expect(page.getByRole('alert')).toHaveText('Email hoặc mật khẩu không đúng.');
		await expect(page).toHaveURL(/\/login/);
	}
	const response = await page.goto('/a/sct-gialai');
	expect(page.url()).toContain('/login');
	expect(response?.status()).toBe(200);
});

test('a signed-in user of one agency cannot open another agency', async ({ page }) => {
	const other = `e2e-roles-${RUN}`;
	await query(`insert into agencies (code, name_vi, name_en) values ($1, 'Sở khác', 'Other department')`, [other]);
	await signIn(page, 'admin');
	for (const path of [`/a/${other}`, `/a/${other}/report`, `/a/${other}/admin/counters`]) {
		expect((await page.goto(path))?.status(), path).toBe(404);
	}
	const api = await page.request.get(`/api/v1/agencies/${other}/estimates?from=2024-01&to=2024-02`);
	expect(api.status()).toBe(404);
	expect((await page.request.get(`/api/v1/agencies/sct-gialai/estimates?from=2024-01&to=2024-02`)).status()).toBe(200);
});
