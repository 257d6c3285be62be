import { expect, test } from '@playwright/test';
import { createAccount, signIn } from './accounts';
import { query } from './db';

/** The audit log names roles as people say them ("Cán bộ"), not by their stored keys ("staff"). */
test('role changes in the audit log read as role names', async ({ page }) => {
	const admin = await createAccount('admin', 'nhat-ky');
	const [agency] = await query<{ id: number }>(`select id from agencies where code = 'sct-gialai'`);
	const email = `doi-vai-tro-${Date.now()}@e2e.test`;
	// What the users page writes when an administrator changes someone's role.
	await query(
		`insert into audit_log (agency_id, actor, action, entity, entity_id, before, after)
		 values ($1, $2, 'user.role', 'user', '999999', $3, $4)`,
		[agency!.id, admin.email, JSON.stringify({ email, role: 'staff' }), JSON.stringify({ email, role: 'leader' })]
	);

	await signIn(page, admin);
	await page.goto('/a/sct-gialai/admin/audit');
	const entry = page.getByRole('listitem').filter({ hasText: 'Đổi vai trò' }).filter({ hasText: email });
	const row = entry.getByRole('row', { name: 'Vai trò' });
	await expect(row.getByRole('cell').first()).toHaveText('Cán bộ');
	await expect(row.getByRole('cell').last()).toHaveText('Lãnh đạo');
	await expect(entry).not.toContainText('staff');
	await expect(entry).not.toContainText('leader');
	await entry.scrollIntoViewIfNeeded();
	await page.screenshot({ path: 'tests/e2e/screenshots/audit-roles-phone.png' });

	await page.goto('/a/sct-gialai/admin/audit?lang=en');
	const english = page.getByRole('listitem').filter({ hasText: email }).getByRole('row', { name: 'Role' });
	await expect(english.getByRole('cell').first()).toHaveText('Staff');
	await expect(english.getByRole('cell').last()).toHaveText('Leader');
	await page.goto('/a/sct-gialai/admin/audit?lang=vi');
});
