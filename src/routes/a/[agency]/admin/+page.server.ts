import { posterAddress } from '$lib/server/counters/posters/origin';
import { requireAdmin } from '$lib/server/http/pages';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	await requireAdmin(event);
	// Where the QR codes point, said up front: a wrong address is found before posters are printed.
	return { address: posterAddress(event.url, event.locals.locale) };
};
