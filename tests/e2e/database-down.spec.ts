import { randomBytes } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { query } from './db';
import pg from 'pg';
import { ADMIN_DATABASE_URL, DATABASE_NAME, e2eDatabase } from './settings';
import { answer, option, THANKS } from './survey';

/**
 * The database goes away while a citizen is answering: /healthz says 503, the survey says "try
 * again" and keeps every answer, nothing half-stored; when the database is back, the same submit
 * stores the response once. The database is made unreachable by refusing new connections and
 * ending the app's current ones, and always let back in afterwards.
 */
test.skip(
	e2eDatabase() === 'pglite',
	'needs a Postgres server: it takes the e2e database away on the server (allow_connections false); the embedded PGlite lives inside the app process'
);

// A counter of its own: the seeded ones belong to other specs' counts.
const COUNTER = `e2e-down-${randomBytes(3).toString('hex')}`;

test.beforeAll(async () => {
	await query(
		`insert into counters (agency_id, unit_id, code, name)
		 select u.agency_id, u.id, $1, 'Quầy thử mất kết nối' from units u join agencies a on a.id = u.agency_id
		 where a.code = 'sct-gialai' order by u.id limit 1`,
		[COUNTER]
	);
});

// The home page spec lists the seeded counters only.
test.afterAll(async () => {
	await query(`update counters set active = false where code = $1`, [COUNTER]);
});

/** Through the admin database: the e2e database itself may be refusing connections. */
async function databaseReachable(reachable: boolean) {
	const admin = new pg.Client({ connectionString: ADMIN_DATABASE_URL });
	await admin.connect();
	try {
		await admin.query(`alter database "${DATABASE_NAME}" allow_connections ${reachable}`);
		if (!reachable) await admin.query(`select pg_terminate_backend(pid) from pg_stat_activity where datname = $1`, [DATABASE_NAME]);
	} finally {
		await admin.end();
	}
}

test.afterEach(async () => {
	await databaseReachable(true);
});

test.use({ javaScriptEnabled: false });

test('without the database: 503 from /healthz, the survey keeps the answers and asks to try again', async ({ page, request }) => {
	expect((await request.get('/healthz')).status()).toBe(200);
	await page.goto(`/s/${COUNTER}`);
	const submissionId = await page.locator('input[name="submission_id"]').inputValue();
	await answer(page, 'CC1', 5);
	await page.getByLabel('Ông/Bà có góp ý gì để chúng tôi phục vụ tốt hơn?').fill('Mất mạng vẫn giữ góp ý');

	await databaseReachable(false);
	const health = await request.get('/healthz');
	expect(health.status()).toBe(503);
	expect(await health.json()).toEqual({ status: 'unavailable', database: 'unreachable' });

	const [response] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.getByRole('button', { name: 'Gửi khảo sát' }).click()]);
	expect(response.status()).toBe(503);
	await expect(page.getByRole('alert')).toContainText('xin thử gửi lại sau ít phút');
	await expect(option(page, 'CC1', 5)).toBeChecked();
	await expect(page.getByLabel('Ông/Bà có góp ý gì để chúng tôi phục vụ tốt hơn?')).toHaveValue('Mất mạng vẫn giữ góp ý');
	await expect(page.locator('body')).not.toContainText('Error');
	await page.screenshot({ path: 'tests/e2e/screenshots/database-down-phone.png', fullPage: false });

	await databaseReachable(true);
	await expect.poll(async () => (await request.get('/healthz')).status(), { timeout: 10_000 }).toBe(200);
	await page.getByRole('button', { name: 'Gửi khảo sát' }).click();
	await expect(page.getByRole('heading', { name: THANKS })).toBeVisible();
	const stored = await query<{ n: number }>(`select count(*)::int as n from responses where submission_id = $1`, [submissionId]);
	expect(stored[0]!.n).toBe(1);
});
