import { requireAdmin } from '$lib/server/http/pages';
import { db } from '$lib/server/db';
import { isPosterSize } from '$lib/posters/poster';
import { activeCounterPosters } from '$lib/server/counters/posters/counter-poster';
import { posterAddress } from '$lib/server/counters/posters/origin';
import type { PageServerLoad } from './$types';

/** Every active counter's poster, one per printed page. */
export const load: PageServerLoad = async (event) => {
	const { agency } = await requireAdmin(event);
	const size = event.url.searchParams.get('size');
	const address = posterAddress(event.url, event.locals.locale);
	return {
		posters: await activeCounterPosters(db(), agency, address.origin),
		address,
		size: isPosterSize(size) ? size : ('a4' as const)
	};
};
