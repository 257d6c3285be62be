import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { sessionCookieOptions } from '$lib/server/auth/identify';
import { decoyHash, verifyPassword } from '$lib/server/auth/password';
import { safeNext } from '$lib/server/auth/next';
import { createSession, SESSION_COOKIE } from '$lib/server/auth/session';
import { countAttempt, forgiveAttempt } from '$lib/server/auth/throttle';
import { db } from '$lib/server/db';
import type { Actions, PageServerLoad } from './$types';

const credentials = z.object({ email: z.string().trim().toLowerCase().min(3).max(320), password: z.string().min(1).max(1000) });

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.principal?.kind === 'user') redirect(303, safeNext(url.searchParams.get('next'), url.origin));
	return {};
};

export const actions: Actions = {
	default: async ({ request, cookies, url, getClientAddress }) => {
		const form = Object.fromEntries(await request.formData());
		const parsed = credentials.safeParse(form);
		const email = typeof form.email === 'string' ? form.email.slice(0, 320) : '';
		if (!parsed.success) return fail(400, { email, error: 'auth.required' as const });

		// Counted before the password is checked, in one step: parallel attempts cannot slip past the limit.
		const attempt = await countAttempt(db(), parsed.data.email, getClientAddress());
		if (attempt.throttled) return fail(429, { email, error: 'auth.throttled' as const });

		const user = await db()
			.selectFrom('users')
			.select(['id', 'password_hash'])
			.where('email', '=', parsed.data.email)
			.where('active', '=', true)
			.executeTakeFirst();
		// The same work and the same answer whether or not the email exists.
		const valid = await verifyPassword(parsed.data.password, user?.password_hash ?? (await decoyHash()));
		if (!user || !valid) return fail(400, { email, error: 'auth.wrong' as const });
		await forgiveAttempt(db(), attempt);
		cookies.set(SESSION_COOKIE, await createSession(db(), user.id), sessionCookieOptions(url));
		redirect(303, safeNext(url.searchParams.get('next'), url.origin));
	}
};
export const csr = false; // a plain form: nothing to hydrate, so nothing can reset what is typed while scripts load
