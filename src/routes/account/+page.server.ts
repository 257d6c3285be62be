import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { audit } from '$lib/server/audit/audit';
import { requireCapability } from '$lib/server/auth/guard';
import { hashPassword, PASSWORD_MIN_LENGTH, verifyPassword } from '$lib/server/auth/password';
import { endOtherSessions, SESSION_COOKIE } from '$lib/server/auth/session';
import { countAttempt, forgiveAttempt } from '$lib/server/auth/throttle';
import { db } from '$lib/server/db';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const principal = requireCapability(event, 'report:read');
	return { email: principal.label, role: principal.role, minLength: PASSWORD_MIN_LENGTH };
};

const change = z.object({ current: z.string().max(1000), next: z.string().max(1000), confirm: z.string().max(1000) });

export const actions: Actions = {
	password: async (event) => {
		const principal = requireCapability(event, 'report:read');
		if (principal.kind !== 'user') return fail(403, { error: 'auth.forbidden' as const });
		const parsed = change.safeParse(Object.fromEntries(await event.request.formData()));
		if (!parsed.success) return fail(400, { error: 'auth.required' as const });
		const { current, next, confirm } = parsed.data;
		if (next.length < PASSWORD_MIN_LENGTH) return fail(400, { error: 'auth.passwordTooShort' as const });
		if (next !== confirm) return fail(400, { error: 'auth.passwordMismatch' as const });

		// Guessing the current password is throttled like signing in, and counts against the same limits.
		const attempt = await countAttempt(db(), principal.label, event.getClientAddress());
		if (attempt.throttled) return fail(429, { error: 'auth.currentThrottled' as const });
		const user = await db().selectFrom('users').select(['password_hash', 'agency_id']).where('id', '=', principal.id).executeTakeFirstOrThrow();
		if (!(await verifyPassword(current, user.password_hash))) return fail(400, { error: 'auth.currentWrong' as const });
		await forgiveAttempt(db(), attempt);

		const passwordHash = await hashPassword(next);
		await db().transaction().execute(async (trx) => {
			await trx.updateTable('users').set({ password_hash: passwordHash, password_changed_at: new Date() }).where('id', '=', principal.id).execute();
			await audit(trx, principal, { agencyId: user.agency_id, action: 'password.change', entity: 'user', entityId: principal.id });
		});
		await endOtherSessions(db(), principal.id, event.cookies.get(SESSION_COOKIE));
		return { changed: true };
	}
};
