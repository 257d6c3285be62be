import { idParam } from '$lib/server/http/form-fields';
import { notFoundPage, requireAdmin } from '$lib/server/http/pages';
import { db } from '$lib/server/db';
import { isPosterSize } from '$lib/posters/poster';
import { counterPoster } from '$lib/server/counters/posters/counter-poster';
import { posterAddress } from '$lib/server/counters/posters/origin';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { agency } = await requireAdmin(event);
	const id = idParam(event.params.id) ?? notFoundPage();
	const address = posterAddress(event.url, event.locals.locale);
	const poster = await counterPoster(db(), agency, address.origin, id);
	if (!poster) notFoundPage();
	const size = event.url.searchParams.get('size');
	return { poster, address, size: isPosterSize(size) ? size : ('a4' as const) };
};
