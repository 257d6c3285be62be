import script from '$lib/kiosk/kiosk-client.js?raw';
import type { RequestHandler } from './$types';

/** The kiosk page's script (see kiosk-client.js); revalidated, and kept offline by the service worker. */
export const GET: RequestHandler = () =>
	new Response(script, { headers: { 'content-type': 'application/javascript; charset=utf-8', 'cache-control': 'no-cache' } });
