import { download, posterForDownload } from '$lib/server/counters/posters/download';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const poster = await posterForDownload(event);
	return download(poster.qrSvg, 'image/svg+xml; charset=utf-8', `qr-${poster.code}.svg`);
};
