import { requireAdmin } from '$lib/server/http/pages';
import type { LayoutServerLoad } from './$types';

/** Guards the section's pages; each load and action below still calls requireAdmin itself. */
export const load: LayoutServerLoad = async (event) => {
	await requireAdmin(event);
	return {};
};
