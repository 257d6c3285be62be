import { redirect } from '@sveltejs/kit';
import { formValues } from '$lib/server/http/form-fields';
import { refuse, requireAdmin } from '$lib/server/http/pages';
import { formatDateTime } from '$lib/server/http/time';
import { AGENCY_ROLES } from '$lib/domain/enums';
import { createAgencyUser, listUsers } from '$lib/server/auth/manage-users';
import { PASSWORD_MIN_LENGTH } from '$lib/server/auth/password';
import { db } from '$lib/server/db';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { agency, principal } = await requireAdmin(event);
	const locale = event.locals.locale;
	const users = await listUsers(db(), agency.id);
	return {
		users: users.map((u) => ({
			id: u.id,
			email: u.email,
			name: u.name,
			role: u.role,
			active: u.active,
			lastSeen: formatDateTime(u.lastSeenAt, locale),
			self: principal.kind === 'user' && principal.id === u.id
		})),
		roles: AGENCY_ROLES,
		minLength: PASSWORD_MIN_LENGTH,
		created: event.url.searchParams.get('created')
	};
};

export const actions: Actions = {
	create: async (event) => {
		const { principal, agency } = await requireAdmin(event);
		const values = await formValues(event.request);
		const outcome = await createAgencyUser(db(), principal, agency.id, values);
		if (!outcome.ok) return refuse(outcome, 'create', values);
		redirect(303, `/a/${agency.code}/admin/users?created=${encodeURIComponent(values.email!.trim().toLowerCase())}`);
	}
};
