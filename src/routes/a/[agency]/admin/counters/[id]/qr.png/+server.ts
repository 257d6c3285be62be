import { download, posterForDownload } from '$lib/server/counters/posters/download';
import { qrPng } from '$lib/server/counters/posters/qr';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const poster = await posterForDownload(event);
	return download(new Uint8Array(await qrPng(poster.content.url)), 'image/png', `qr-${poster.code}.png`);
};
