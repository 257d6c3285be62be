import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { identify } from '../../src/lib/server/auth/identify';
import { createSession } from '../../src/lib/server/auth/session';
import { LIMITS } from '../../src/lib/server/auth/throttle';
import { createUser } from '../../src/lib/server/auth/users';
import { parseConfig } from '../../src/lib/server/config-schema';
import { seedReference } from '../../src/lib/server/seed/reference';
import { databaseKinds, migratedDatabase, type TestDatabase } from './helpers/databases';
import { answerOf, cookieJar, requestEvent, type Answer } from './helpers/events';

/**
 * The sign-in form and the account page as SvelteKit calls them: throttling that holds against
 * parallel attempts and several app processes, where sign-in may lead, and how long a session
 * lives and what its pages tell caches.
 */
const app = vi.hoisted(() => ({ db: undefined as unknown, config: undefined as unknown }));
vi.mock('$lib/server/db', () => ({ db: () => app.db, databaseState: () => 'ready' }));
vi.mock('$lib/server/config', () => ({ appConfig: () => app.config }));

type Handler = (event: unknown) => unknown;
interface LoginModule {
	load: Handler;
	actions: { default: Handler };
}
const importLogin = () => import('../../src/routes/login/+page.server') as unknown as Promise<LoginModule>;
const importAccount = () => import('../../src/routes/account/+page.server') as unknown as Promise<{ actions: { password: Handler } }>;
const importHooks = () => import('../../src/hooks.server') as unknown as Promise<{ handle: (input: { event: unknown; resolve: (event: unknown) => Promise<Response> }) => Promise<Response> }>;

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

	describe('sessions', () => {
		async function sessionAged(email: string, hours: number): Promise<string> {
			const { id } = await person(email);
			const token = await createSession(database.db, id);
			const createdAt = new Date(Date.now() - hours * 3600_000);
			// created_at is never updated by the app (the schema's type says so): SQL, as if signed in then.
			await sql`update sessions set created_at = ${createdAt}, last_seen_at = now() where user_id = ${id}`.execute(database.db);
			return token;
		}
		const identifyWith = (token: string) => identify(requestEvent('/a/sct-gialai', { cookies: cookieJar({ hl_session: token }) }));

		it('end SESSION_MAX_HOURS (12 by default) after sign-in, however busy', async () => {
			expect(await identifyWith(await sessionAged('con-han@test.vn', 11))).toMatchObject({ kind: 'user', label: 'con-han@test.vn' });
			const old = await sessionAged('het-han@test.vn', 12.1);
			expect(await identifyWith(old)).toBeUndefined();
			// … and for good: the row is gone.
			expect(await database.db.selectFrom('sessions').innerJoin('users', 'users.id', 'sessions.user_id').select('token_hash').where('users.email', '=', 'het-han@test.vn').execute()).toEqual([]);
			expect((app.config as { SESSION_MAX_HOURS: number }).SESSION_MAX_HOURS).toBe(12);
			expect(parseConfig({ SESSION_MAX_HOURS: '4' }).SESSION_MAX_HOURS).toBe(4);
		});

		it('are served no-store on signed-in pages and the sign-in form, and with HSTS over https', async () => {
			const { handle } = await importHooks();
			const token = await sessionAged('bo-nho-dem@test.vn', 0);
			const page = async (href: string, cookies = cookieJar()) => {
				const event = { ...requestEvent(href, { cookies }), locals: {} as Record<string, unknown>, route: { id: null } };
				const response = await handle({
					event,
					resolve: async () => new Response('<!doctype html><html lang="%lang%"></html>', { headers: { 'content-type': 'text/html; charset=utf-8' } })
				});
				return { cache: response.headers.get('cache-control'), hsts: response.headers.get('strict-transport-security') };
			};
			expect(await page('http://localhost/a/sct-gialai/report', cookieJar({ hl_session: token }))).toEqual({ cache: 'private, no-store', hsts: null });
			expect(await page('http://localhost/api/v1/agencies/sct-gialai/estimates', cookieJar({ hl_session: token }))).toMatchObject({ cache: 'private, no-store' });
			for (const path of ['/login', '/account', '/a/sct-gialai', '/province']) expect((await page(`http://localhost${path}`)).cache, path).toBe('private, no-store');
			expect((await page('http://localhost/s/vp-01')).cache).toBeNull();
			expect(await page('https://khaosat.example.gov.vn/s/vp-01')).toEqual({ cache: null, hsts: 'max-age=31536000; includeSubDomains' });
			expect((await page('https://khaosat.example.gov.vn/a/sct-gialai', cookieJar({ hl_session: token }))).hsts).toBe('max-age=31536000; includeSubDomains');
		});
	});

	describe('changing one’s password', () => {
		async function change(principal: Awaited<ReturnType<typeof person>>, current: string, address: string): Promise<string> {
			const { actions } = await importAccount();
			const next = 'mật khẩu mới đủ dài';
			const event = requestEvent('/account?/password', { form: { current, next, confirm: next }, principal, address });
			const answer = await answerOf(() => actions.password(event));
			if (answer.kind === 'fail') return `${answer.status} ${String((answer.data as { errors: { form?: { key: string } } }).errors.form?.key)}`;
			return answer.kind === 'ok' ? 'changed' : answer.kind;
		}

		it('throttles wrong current passwords like sign-in, counted before checking, and shares the account’s count', async () => {
			const principal = await person('doi-mat-khau@test.vn');
			for (let i = 0; i < LIMITS.account; i++) expect(await change(principal, `sai-${i}-mat-khau`, `192.0.2.${120 + i}`)).toBe('400 auth.currentWrong');
			expect(await change(principal, PASSWORD, '192.0.2.130')).toBe('429 auth.currentThrottled');
			expect(await signIn(login, 'doi-mat-khau@test.vn', PASSWORD, '192.0.2.131')).toBe('429');
		});

		it('lets at most the limit of parallel guesses have the current password checked', async () => {
			const principal = await person('doi-song-song@test.vn');
			const guesses = Array.from({ length: 40 }, (_, i) => (i === 39 ? PASSWORD : `sai-${i}-mat-khau`));
			const answers = await Promise.all(guesses.map((g) => change(principal, g, '192.0.2.140')));
			expect(answers.filter((a) => !a.startsWith('429')).length, JSON.stringify(tally(answers))).toBeLessThanOrEqual(LIMITS.account);
		});

		it('does not count a right current password', async () => {
			const principal = await person('doi-nhieu-lan@test.vn');
			const original = await database.db.selectFrom('users').select('password_hash').where('id', '=', principal.id).executeTakeFirstOrThrow();
			for (let i = 0; i < LIMITS.account + 2; i++) {
				expect(await change(principal, PASSWORD, '192.0.2.150')).toBe('changed');
				// Back to the password this test knows, for the next round.
				await database.db.updateTable('users').set(original).where('id', '=', principal.id).execute();
			}
		});
	});
});
