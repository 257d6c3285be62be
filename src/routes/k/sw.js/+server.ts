import script from '$lib/kiosk/service-worker.js?raw';
import type { RequestHandler } from './$types';

/** The kiosk's service worker; revalidated on every check so a new version is picked up. */
export const GET: RequestHandler = () =>
	new Response(script, { headers: { 'content-type': 'application/javascript; charset=utf-8', 'cache-control': 'no-cache', 'service-worker-allowed': '/k/' } });
