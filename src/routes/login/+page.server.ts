import { fail, redirect } from '@sveltejs/kit';
import { sessionCookieOptions } from '$lib/server/auth/identify';
import { safeNext } from '$lib/server/auth/next';
import { SESSION_COOKIE } from '$lib/server/auth/session';
import { signIn } from '$lib/server/auth/sign-in';
import { db } from '$lib/server/db';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.principal?.kind === 'user') redirect(303, safeNext(url.searchParams.get('next'), url.origin));
	return {};
};

export const actions: Actions = {
	default: async ({ request, cookies, url, getClientAddress }) => {
		const form = Object.fromEntries(await request.formData());
		const email = typeof form.email === 'string' ? form.email.slice(0, 320) : '';
		const outcome = await signIn(db(), form, getClientAddress());
		if (!outcome.ok) return fail(outcome.status === 404 ? 400 : outcome.status, { errors: 'errors' in outcome ? outcome.errors : {}, values: { email } });
		cookies.set(SESSION_COOKIE, outcome.value.sessionToken, sessionCookieOptions(url));
		redirect(303, safeNext(url.searchParams.get('next'), url.origin));
	}
};
export const csr = false; // a plain form: nothing to hydrate, so nothing can reset what is typed while scripts load
