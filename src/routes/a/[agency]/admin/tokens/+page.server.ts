import { redirect } from '@sveltejs/kit';
import { formValues, idParam } from '$lib/server/http/form-fields';
import { notFoundPage, refuse, requireAdmin } from '$lib/server/http/pages';
import { formatDateTime } from '$lib/server/http/time';
import { createToken, listTokens, revokeToken } from '$lib/server/auth/manage-tokens';
import { TOKEN_ROLES } from '$lib/server/auth/manage-tokens';
import { db } from '$lib/server/db';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { agency } = await requireAdmin(event);
	const locale = event.locals.locale;
	const tokens = await listTokens(db(), agency.id);
	return {
		tokens: tokens.map((token) => ({
			id: token.id,
			name: token.name,
			role: token.role,
			created: formatDateTime(token.createdAt, locale),
			createdBy: token.createdBy,
			lastUsed: formatDateTime(token.lastUsedAt, locale),
			revoked: formatDateTime(token.revokedAt, locale)
		})),
		roles: TOKEN_ROLES,
		revokedDone: event.url.searchParams.has('revoked')
	};
};

export const actions: Actions = {
	// No redirect: the token is in this one response and nowhere else, never in a URL or the database.
	create: async (event) => {
		const { principal, agency } = await requireAdmin(event);
		const values = await formValues(event.request);
		const outcome = await createToken(db(), principal, agency.id, values);
		if (!outcome.ok) return refuse(outcome, 'create', values);
		return { created: { name: outcome.value.name, token: outcome.value.token } };
	},
	revoke: async (event) => {
		const { principal, agency } = await requireAdmin(event);
		const values = await formValues(event.request);
		const id = idParam(values.id) ?? notFoundPage();
		const outcome = await revokeToken(db(), principal, agency.id, id);
		if (!outcome.ok) return refuse(outcome, 'revoke', values, id);
		redirect(303, `/a/${agency.code}/admin/tokens?revoked=1`);
	}
};
