import { redirect, type RequestEvent } from '@sveltejs/kit';
import { formValues, idParam } from '$lib/server/http/form-fields';
import { notFoundPage, refuse, requireAdmin } from '$lib/server/http/pages';
import type { Outcome } from '$lib/server/http/outcome';
import { formatDateTime } from '$lib/server/http/time';
import { AGENCY_ROLES } from '$lib/domain/enums';
import { changeUserRole, getUser, resetUserPassword, setUserActive } from '$lib/server/auth/manage-users';
import { PASSWORD_MIN_LENGTH } from '$lib/server/auth/password';
import type { Principal } from '$lib/server/auth/principal';
import { db } from '$lib/server/db';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { agency, principal } = await requireAdmin(event);
	const id = idParam(event.params.id) ?? notFoundPage();
	const user = (await getUser(db(), agency.id, id)) ?? notFoundPage();
	return {
		user: { id: user.id, email: user.email, name: user.name, role: user.role, active: user.active, lastSeen: formatDateTime(user.lastSeenAt, event.locals.locale) },
		self: principal.kind === 'user' && principal.id === user.id,
		roles: AGENCY_ROLES,
		minLength: PASSWORD_MIN_LENGTH,
		saved: event.url.searchParams.get('saved')
	};
};

async function act(event: RequestEvent<{ agency: string; id: string }>, form: string, change: (principal: Principal, agencyId: number, id: number, values: Record<string, string>) => Promise<Outcome>) {
	const { principal, agency } = await requireAdmin(event);
	const id = idParam(event.params.id) ?? notFoundPage();
	const values = await formValues(event.request);
	const outcome = await change(principal, agency.id, id, values);
	if (!outcome.ok) return refuse(outcome, form, values);
	redirect(303, `/a/${agency.code}/admin/users/${id}?saved=${form}`);
}

export const actions: Actions = {
	role: (event) => act(event, 'role', (p, a, id, values) => changeUserRole(db(), p, a, id, values)),
	deactivate: (event) => act(event, 'active', (p, a, id) => setUserActive(db(), p, a, id, false)),
	reactivate: (event) => act(event, 'active', (p, a, id) => setUserActive(db(), p, a, id, true)),
	reset: (event) => act(event, 'reset', (p, a, id, values) => resetUserPassword(db(), p, a, id, values))
};
