import { auditLogPage } from '$lib/server/audit/audit-page';
import { requireAdmin } from '$lib/server/http/pages';
import { db } from '$lib/server/db';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { agency } = await requireAdmin(event);
	const asked = Number(event.url.searchParams.get('page') ?? 1);
	return auditLogPage(db(), agency.id, Number.isFinite(asked) ? asked : 1, event.locals.locale);
};
