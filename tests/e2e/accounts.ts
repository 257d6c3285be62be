import { randomBytes } from 'node:crypto';
import { expect, type Page } from '@playwright/test';
import { hashPassword } from '../../src/lib/server/auth/password';
import { query } from './db';

/** A signed-in user of the seeded agency, made in the database (the e2e server has no demo users). */
export interface Account {
	email: string;
	password: string;
}

export async function createAccount(role: 'admin' | 'staff' | 'leader', label: string): Promise<Account> {
	const run = randomBytes(3).toString('hex');
	const account = { email: `${label}-${run}@e2e.test`, password: `mật khẩu ${label} ${run}` };
	const [agency] = await query<{ id: number }>(`select id from agencies where code = 'sct-gialai'`);
	await query(`insert into users (agency_id, email, name, role, password_hash) values ($1, $2, $3, $4, $5)`, [
		agency!.id,
		account.email,
		`E2E ${label}`,
		role,
		await hashPassword(account.password)
	]);
	return account;
}

/** Signs in on the Vietnamese sign-in form and lands on the agency's signed-in home. */
export async function signIn(page: Page, account: Account): Promise<void> {
	await page.goto('/login');
	await page.getByLabel('Email').fill(account.email);
	await page.getByLabel('Mật khẩu').fill(account.password);
	await page.getByRole('button', { name: 'Đăng nhập' }).click();
	await expect(page).toHaveURL('/a/sct-gialai');
}
