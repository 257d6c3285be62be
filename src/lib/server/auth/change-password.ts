import type { Kysely } from 'kysely';
import { z } from 'zod';
import { audit } from '../audit/audit';
import type { Database } from '../db/schema';
import { done, refused, type Outcome } from '../http/outcome';
import { hashPassword, PASSWORD_MIN_LENGTH, verifyPassword } from './password';
import type { Principal } from './principal';
import { endOtherSessions } from './session';
import { countAttempt, forgiveAttempt } from './throttle';

const change = z.object({ current: z.string().max(1000), next: z.string().max(1000), confirm: z.string().max(1000) });

/**
 * A signed-in person changes their own password. Guessing the current password is throttled like
 * signing in and counts against the same limits; every other session of the person ends.
 */
export async function changePassword(
	db: Kysely<Database>,
	principal: Principal,
	raw: unknown,
	context: { address: string; keepSession?: string }
): Promise<Outcome> {
	if (principal.kind !== 'user') return refused('form', 'auth.forbidden', undefined, 403);
	const parsed = change.safeParse(raw);
	if (!parsed.success) return refused('form', 'auth.required');
	const { current, next, confirm } = parsed.data;
	if (next.length < PASSWORD_MIN_LENGTH) return refused('form', 'auth.passwordTooShort', { min: PASSWORD_MIN_LENGTH });
	if (next !== confirm) return refused('form', 'auth.passwordMismatch');

	const attempt = await countAttempt(db, principal.label, context.address);
	if (attempt.throttled) return refused('form', 'auth.currentThrottled', undefined, 429);
	const user = await db.selectFrom('users').select(['password_hash', 'agency_id']).where('id', '=', principal.id).executeTakeFirstOrThrow();
	if (!(await verifyPassword(current, user.password_hash))) return refused('form', 'auth.currentWrong');
	await forgiveAttempt(db, attempt);

	const passwordHash = await hashPassword(next);
	await db.transaction().execute(async (trx) => {
		await trx.updateTable('users').set({ password_hash: passwordHash, password_changed_at: new Date() }).where('id', '=', principal.id).execute();
		await audit(trx, principal, { agencyId: user.agency_id, action: 'password.change', entity: 'user', entityId: principal.id });
	});
	await endOtherSessions(db, principal.id, context.keepSession);
	return done();
}
