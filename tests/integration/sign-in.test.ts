import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { LIMITS } from '../../src/lib/server/auth/throttle';
import { createUser } from '../../src/lib/server/auth/users';
import { parseConfig } from '../../src/lib/server/config';
import { seedReference } from '../../src/lib/server/seed/reference';
import { databaseKinds, migratedDatabase, type TestDatabase } from './helpers/databases';
import { answerOf, cookieJar, requestEvent, type Answer } from './helpers/events';

/**
 * The sign-in form as SvelteKit calls it: throttling that holds against parallel attempts and
 * several app processes.
 */
const app = vi.hoisted(() => ({ db: undefined as unknown, config: undefined as unknown }));
vi.mock('$lib/server/db', () => ({ db: () => app.db, appConfig: () => app.config }));

type Handler = (event: unknown) => unknown;
interface LoginModule {
	load: Handler;
	actions: { default: Handler };
}
const importLogin = () => import('../../src/routes/login/+page.server') as unknown as Promise<LoginModule>;

const PASSWORD = 'mật khẩu đúng của cán bộ';

/** "400", "429", "redirect …": what one sign-in attempt was answered. */
function summary(answer: Answer): string {
	if (answer.kind === 'fail') return String(answer.status);
	if (answer.kind === 'redirect') return `redirect ${answer.location}`;
	return answer.kind;
}

function tally(answers: string[]): Record<string, number> {
	const counts: Record<string, number> = {};
	for (const a of answers) counts[a] = (counts[a] ?? 0) + 1;
	return counts;
}

describe.each(await databaseKinds())('sign-in on %s', (kind) => {
	let database: TestDatabase;
	let login: LoginModule;
	let agencyId: number;

	async function person(email: string, role: 'admin' | 'staff' | 'leader' = 'staff') {
		const { id } = await createUser(database.db, { email, password: PASSWORD, role, agencyCode: 'sct-gialai' });
		return { kind: 'user' as const, id, label: email, role, agencyId };
	}

	async function signIn(module: LoginModule, email: string, password: string, address: string, next?: string): Promise<string> {
		const cookies = cookieJar();
		const href = next === undefined ? '/login' : `/login?next=${encodeURIComponent(next)}`;
		const answer = await answerOf(() => module.actions.default(requestEvent(href, { form: { email, password }, address, cookies })));
		if (answer.kind === 'redirect') expect(cookies.jar.has('hl_session')).toBe(true);
		return summary(answer);
	}

	beforeAll(async () => {
		database = await migratedDatabase(kind);
		app.db = database.db;
		app.config = parseConfig({});
		await seedReference(database.db);
		agencyId = (await database.db.selectFrom('agencies').select('id').where('code', '=', 'sct-gialai').executeTakeFirstOrThrow()).id;
		// Modules cache the day's key of the database they first met: load them afresh for this one.
		vi.resetModules();
		login = await importLogin();
	});
	afterAll(() => database?.drop());

	it('counts 100 parallel attempts for one account one by one: at most the limit get their password checked', async () => {
		await person('song-song@test.vn');
		const passwords = Array.from({ length: 100 }, (_, i) => (i === 99 ? PASSWORD : `sai-${i}-mat-khau`));
		const answers = await Promise.all(passwords.map((p) => signIn(login, 'song-song@test.vn', p, '198.51.100.7')));
		const counts = tally(answers);
		const checked = answers.filter((a) => a !== '429').length;
		expect(checked, JSON.stringify(counts)).toBeLessThanOrEqual(LIMITS.account);
		expect(counts['429']).toBeGreaterThanOrEqual(100 - LIMITS.account);
	});

	it('throttles across app processes: the count lives in the database, not in one process', async () => {
		await person('hai-tien-trinh@test.vn');
		// A second process: the same code loaded afresh, with nothing shared in memory.
		vi.resetModules();
		const other = await importLogin();
		expect(other).not.toBe(login);
		for (let i = 0; i < LIMITS.account; i++) {
			expect(await signIn(i % 2 ? other : login, 'hai-tien-trinh@test.vn', `sai-${i}-mat-khau`, `192.0.2.${i + 1}`)).toBe('400');
		}
		expect(await signIn(login, 'hai-tien-trinh@test.vn', PASSWORD, '192.0.2.50')).toBe('429');
		expect(await signIn(other, 'hai-tien-trinh@test.vn', PASSWORD, '192.0.2.51')).toBe('429');
	});

	it('does not count a successful sign-in as a failure', async () => {
		await person('thuong-xuyen@test.vn');
		for (let i = 0; i < LIMITS.account * 2; i++) expect(await signIn(login, 'thuong-xuyen@test.vn', PASSWORD, '192.0.2.77')).toBe('redirect /a');
		for (let i = 0; i < LIMITS.account - 1; i++) expect(await signIn(login, 'thuong-xuyen@test.vn', 'sai-mat-khau-roi', '192.0.2.77')).toBe('400');
		expect(await signIn(login, 'thuong-xuyen@test.vn', PASSWORD, '192.0.2.77')).toBe('redirect /a');
		expect(await signIn(login, 'thuong-xuyen@test.vn', 'sai-mat-khau-roi', '192.0.2.77')).toBe('400');
		// Five failures now: the sixth attempt is refused whatever the password.
		expect(await signIn(login, 'thuong-xuyen@test.vn', PASSWORD, '192.0.2.77')).toBe('429');
	});

	describe('after sign-in, goes only to a page of this site', () => {
		// As they arrive in the query string (the browser ignores tabs and reads "\\" as "/").
		const elsewhere = ['/\\evil.example', '/%09/evil.example', '/%0a/evil.example', '//evil.example', '/\\/evil.example', '/%5Cevil.example',
			'https://evil.example/a', 'javascript:alert(1)', '%2F%2Fevil.example', '/%00', ' /a', 'a/b', ''];
		const here = ['/a/sct-gialai/report?month=2026-01', '/account', '/a/sct-gialai/admin/users/3?saved=role#top', '/a/sct-gialai/comments?q=c%C3%A1n%20b%E1%BB%99'];

		it('refuses a next= that leads to another site, and goes to the start page', async () => {
			await person('chuyen-huong@test.vn');
			for (const next of elsewhere) {
				const cookies = cookieJar();
				const event = requestEvent(`/login?next=${next}`, { form: { email: 'chuyen-huong@test.vn', password: PASSWORD }, address: '192.0.2.90', cookies });
				expect(summary(await answerOf(() => login.actions.default(event))), next).toBe('redirect /a');
			}
		});

		it('follows a next= on this site', async () => {
			for (const next of here) {
				const event = requestEvent(`/login?next=${encodeURIComponent(next)}`, { form: { email: 'chuyen-huong@test.vn', password: PASSWORD }, address: '192.0.2.91' });
				expect(summary(await answerOf(() => login.actions.default(event))), next).toBe(`redirect ${next}`);
			}
		});

		it('does the same for someone already signed in who opens the sign-in page', async () => {
			const principal = { kind: 'user' as const, id: 1, label: 'x@test.vn', role: 'staff' as const, agencyId };
			for (const next of elsewhere) {
				expect(summary(await answerOf(() => login.load(requestEvent(`/login?next=${next}`, { principal })))), next).toBe('redirect /a');
			}
			for (const next of here) {
				expect(summary(await answerOf(() => login.load(requestEvent(`/login?next=${encodeURIComponent(next)}`, { principal })))), next).toBe(`redirect ${next}`);
			}
		});
	});
});
