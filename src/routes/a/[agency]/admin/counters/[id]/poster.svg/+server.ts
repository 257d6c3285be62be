import { isPosterSize } from '$lib/posters/poster';
import { download, posterForDownload } from '$lib/server/counters/posters/download';
import { posterSvg } from '$lib/server/counters/posters/poster-svg';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const poster = await posterForDownload(event);
	const asked = event.url.searchParams.get('size');
	const size = isPosterSize(asked) ? asked : 'a4';
	return download(posterSvg(poster.content, poster.qrSvg, size, poster.address.printedWarning), 'image/svg+xml; charset=utf-8', `${size === 'a4' ? 'poster' : 'card'}-${poster.code}.svg`);
};
