import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '../../src/lib/server/auth/password';
import { createSession, endOtherSessions, endSession, sessionPrincipal } from '../../src/lib/server/auth/session';
import { countAttempt, forgiveAttempt, LIMITS } from '../../src/lib/server/auth/throttle';
import { createApiToken, revokeApiToken, tokenPrincipal } from '../../src/lib/server/auth/tokens';
import { createUser } from '../../src/lib/server/auth/users';
import { seedReference } from '../../src/lib/server/seed/reference';
import { databaseKinds, migratedDatabase, type TestDatabase } from './helpers/databases';

describe('passwords', () => {
	it('are hashed with scrypt, salted, and verified only with the same password', async () => {
		const a = await hashPassword('mật khẩu dài đủ');
		const b = await hashPassword('mật khẩu dài đủ');
		expect(a).toMatch(/^scrypt\$32768\$8\$1\$/);
		expect(a).not.toBe(b);
		expect(await verifyPassword('mật khẩu dài đủ', a)).toBe(true);
		expect(await verifyPassword('mật khẩu dài đủ ', a)).toBe(false);
		expect(await verifyPassword('anything', 'plain-text-not-a-hash')).toBe(false);
	});
});

const IDLE_60 = { idleMinutes: 60, maxHours: 12 };

describe.each(await databaseKinds())('accounts on %s', (kind) => {
	let database: TestDatabase;
	let userId: number;
	beforeAll(async () => {
		database = await migratedDatabase(kind);
		await seedReference(database.db);
		({ id: userId } = await createUser(database.db, { email: 'Can.Bo@SCT.gov.vn', password: 'mat-khau-rat-dai', role: 'staff', agencyCode: 'sct-gialai' }));
	});
	afterAll(() => database?.drop());

	it('creates users with a lower-cased email, and refuses short passwords and missing agencies', async () => {
		const user = await database.db.selectFrom('users').select(['email', 'role', 'agency_id']).where('id', '=', userId).executeTakeFirstOrThrow();
		expect(user).toMatchObject({ email: 'can.bo@sct.gov.vn', role: 'staff' });
		await expect(createUser(database.db, { email: 'x@y.vn', password: 'short', role: 'leader', agencyCode: 'sct-gialai' })).rejects.toThrow(/10 characters/);
		await expect(createUser(database.db, { email: 'x@y.vn', password: 'long-enough-1', role: 'leader', agencyCode: null })).rejects.toThrow(/agency/);
		await expect(createUser(database.db, { email: 'x@y.vn', password: 'long-enough-1', role: 'leader', agencyCode: 'khong-co' })).rejects.toThrow(/No agency/);
	});

	it('keeps a session while it is used and ends it after the idle time', async () => {
		const token = await createSession(database.db, userId);
		const start = new Date();
		const at = (minutes: number) => new Date(start.getTime() + minutes * 60_000);
		expect(await sessionPrincipal(database.db, token, IDLE_60, at(30))).toMatchObject({ kind: 'user', id: userId, role: 'staff' });
		// Used at minute 30, so still alive at minute 85 …
		expect(await sessionPrincipal(database.db, token, IDLE_60, at(85))).toBeDefined();
		// … and gone after 61 idle minutes, for good.
		expect(await sessionPrincipal(database.db, token, IDLE_60, at(147))).toBeUndefined();
		expect(await sessionPrincipal(database.db, token, IDLE_60, at(86))).toBeUndefined();
		expect(await sessionPrincipal(database.db, 'forged-token', IDLE_60)).toBeUndefined();
	});

	it('ends sessions at sign-out, on password change (but the current one), and for inactive users', async () => {
		const current = await createSession(database.db, userId);
		const other = await createSession(database.db, userId);
		await endOtherSessions(database.db, userId, current);
		expect(await sessionPrincipal(database.db, other, IDLE_60)).toBeUndefined();
		expect(await sessionPrincipal(database.db, current, IDLE_60)).toBeDefined();
		await endSession(database.db, current);
		expect(await sessionPrincipal(database.db, current, IDLE_60)).toBeUndefined();

		const again = await createSession(database.db, userId);
		await database.db.updateTable('users').set({ active: false }).where('id', '=', userId).execute();
		expect(await sessionPrincipal(database.db, again, IDLE_60)).toBeUndefined();
		await database.db.updateTable('users').set({ active: true }).where('id', '=', userId).execute();
	});

	it('throttles failed sign-ins per account and per network, in 15-minute windows', async () => {
		const now = new Date('2026-05-04T02:01:00Z');
		for (let i = 0; i < LIMITS.account; i++) {
			expect((await countAttempt(database.db, 'victim@sct.vn', `10.0.0.${i + 1}`, now)).throttled).toBe(false);
		}
		// The account is locked from every network, whatever the password …
		expect((await countAttempt(database.db, 'VICTIM@sct.vn', '10.9.9.9', now)).throttled).toBe(true);
		// … other accounts are not, and the next window starts afresh.
		expect((await countAttempt(database.db, 'someone@sct.vn', '10.9.9.9', now)).throttled).toBe(false);
		expect((await countAttempt(database.db, 'victim@sct.vn', '10.9.9.9', new Date('2026-05-04T02:16:00Z'))).throttled).toBe(false);

		for (let i = 0; i < LIMITS.network - 2; i++) await countAttempt(database.db, `guess${i}@sct.vn`, '10.9.9.9', now);
		expect((await countAttempt(database.db, 'new@sct.vn', '10.9.9.9', now)).throttled).toBe(true);
		expect((await countAttempt(database.db, 'new@sct.vn', '192.0.2.8', now)).throttled).toBe(false);
		const stored = await database.db.selectFrom('sign_in_failures').select('subject').execute();
		expect(stored.every((s) => !s.subject.includes('@') && !s.subject.includes('10.9.9') && !s.subject.includes('192.0.2'))).toBe(true);
	});

	it('takes back an attempt whose password was right', async () => {
		const now = new Date('2026-05-04T03:01:00Z');
		for (let i = 0; i < LIMITS.account * 3; i++) {
			const attempt = await countAttempt(database.db, 'often@sct.vn', '10.1.1.1', now);
			expect(attempt.throttled).toBe(false);
			await forgiveAttempt(database.db, attempt);
		}
	});

	it('issues API tokens that are stored hashed, work until revoked, and stay in their agency', async () => {
		const agency = await database.db.selectFrom('agencies').select('id').executeTakeFirstOrThrow();
		const { id, token } = await createApiToken(database.db, { agencyId: agency.id, name: 'cổng tỉnh', role: 'leader', createdBy: userId });
		expect(token).toMatch(/^hl_/);
		const stored = await database.db.selectFrom('api_tokens').select('token_hash').where('id', '=', id).executeTakeFirstOrThrow();
		expect(stored.token_hash).not.toContain(token.slice(3));
		expect(await tokenPrincipal(database.db, token)).toMatchObject({ kind: 'token', role: 'leader', agencyId: agency.id });
		expect(await revokeApiToken(database.db, agency.id + 1, id)).toBe(false);
		expect(await revokeApiToken(database.db, agency.id, id)).toBe(true);
		expect(await tokenPrincipal(database.db, token)).toBeUndefined();
	});
});
