import { error } from '@sveltejs/kit';
import { db } from '$lib/server/db';
import { clipOfCounter } from '$lib/server/kiosks/clips';
import type { RequestHandler } from './$types';

/** A recorded read-aloud clip of the counter's active questionnaire (kiosk and phone survey). */
export const GET: RequestHandler = async ({ params }) => {
	const clip = await clipOfCounter(db(), params.counter, params.lang, params.key);
	if (!clip) error(404, { message: 'not_found' });
	return new Response(Buffer.from(clip.data), {
		headers: { 'content-type': clip.mime, 'content-length': String(clip.data.length), 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff' }
	});
};
