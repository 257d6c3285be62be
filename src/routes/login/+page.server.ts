import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { sessionCookieOptions } from '$lib/server/auth/identify';
import { decoyHash, verifyPassword } from '$lib/server/auth/password';
import { createSession, SESSION_COOKIE } from '$lib/server/auth/session';
import { isThrottled, recordFailure } from '$lib/server/auth/throttle';
import { db } from '$lib/server/db';
import { storableText } from '$lib/server/db/limits';
import type { Actions, PageServerLoad } from './$types';

const credentials = z.object({ email: z.string().trim().toLowerCase().min(3).max(320).refine(storableText), password: z.string().min(1).max(1000) });

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.principal?.kind === 'user') redirect(303, safeNext(url.searchParams.get('next')));
	return {};
};

export const actions: Actions = {
	default: async ({ request, cookies, url, getClientAddress }) => {
		const form = Object.fromEntries(await request.formData());
		const parsed = credentials.safeParse(form);
		const email = typeof form.email === 'string' ? form.email.slice(0, 320) : '';
		if (!parsed.success) return fail(400, { email, error: 'auth.required' as const });

		const address = getClientAddress();
		if (await isThrottled(db(), parsed.data.email, address)) return fail(429, { email, error: 'auth.throttled' as const });

		const user = await db()
			.selectFrom('users')
			.select(['id', 'password_hash'])
			.where('email', '=', parsed.data.email)
			.where('active', '=', true)
			.executeTakeFirst();
		// The same work and the same answer whether or not the email exists.
		const valid = await verifyPassword(parsed.data.password, user?.password_hash ?? (await decoyHash()));
		if (!user || !valid) {
			await recordFailure(db(), parsed.data.email, address);
			return fail(400, { email, error: 'auth.wrong' as const });
		}
		cookies.set(SESSION_COOKIE, await createSession(db(), user.id), sessionCookieOptions(url));
		redirect(303, safeNext(url.searchParams.get('next')));
	}
};

/** Only paths on this site, so a crafted link cannot send someone elsewhere after sign-in. */
function safeNext(next: string | null): string {
	return next && next.startsWith('/') && !next.startsWith('//') ? next : '/a';
}
export const csr = false; // a plain form: nothing to hydrate, so nothing can reset what is typed while scripts load
