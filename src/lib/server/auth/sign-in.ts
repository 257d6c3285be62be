import type { Kysely } from 'kysely';
import { z } from 'zod';
import { storableText } from '../db/limits';
import type { Database } from '../db/schema';
import { refused, type Outcome } from '../http/outcome';
import { decoyHash, verifyPassword } from './password';
import { createSession } from './session';
import { countAttempt, forgiveAttempt } from './throttle';

const credentials = z.object({ email: z.string().trim().toLowerCase().min(3).max(320).refine(storableText), password: z.string().min(1).max(1000) });

/**
 * Signing in: the one place a password is checked against an email. The attempt is counted before
 * the password is checked, in one step, so parallel attempts cannot slip past the limit; the answer
 * and the work are the same whether or not the email exists. Answers the new session's token.
 */
export async function signIn(db: Kysely<Database>, raw: unknown, address: string): Promise<Outcome<{ sessionToken: string }>> {
	const parsed = credentials.safeParse(raw);
	if (!parsed.success) return refused('form', 'auth.required');

	const attempt = await countAttempt(db, parsed.data.email, address);
	if (attempt.throttled) return refused('form', 'auth.throttled', undefined, 429);

	const user = await db
		.selectFrom('users')
		.select(['id', 'password_hash'])
		.where('email', '=', parsed.data.email)
		.where('active', '=', true)
		.executeTakeFirst();
	const valid = await verifyPassword(parsed.data.password, user?.password_hash ?? (await decoyHash()));
	if (!user || !valid) return refused('form', 'auth.wrong');
	await forgiveAttempt(db, attempt);
	return { ok: true, value: { sessionToken: await createSession(db, user.id) } };
}
