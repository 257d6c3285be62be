import { fail } from '@sveltejs/kit';
import { changePassword } from '$lib/server/auth/change-password';
import { requireCapability } from '$lib/server/auth/guard';
import { PASSWORD_MIN_LENGTH } from '$lib/server/auth/password';
import { SESSION_COOKIE } from '$lib/server/auth/session';
import { db } from '$lib/server/db';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const principal = requireCapability(event, 'report:read');
	return { email: principal.label, role: principal.role, minLength: PASSWORD_MIN_LENGTH };
};

export const actions: Actions = {
	password: async (event) => {
		const principal = requireCapability(event, 'report:read');
		const outcome = await changePassword(db(), principal, Object.fromEntries(await event.request.formData()), {
			address: event.getClientAddress(),
			keepSession: event.cookies.get(SESSION_COOKIE)
		});
		// Passwords are never echoed back.
		if (!outcome.ok) return fail(outcome.status === 404 ? 400 : outcome.status, { errors: 'errors' in outcome ? outcome.errors : {}, values: {} });
		return { changed: true };
	}
};
