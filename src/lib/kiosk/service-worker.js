// @ts-nocheck -- a plain browser script served as is (no bundler, no types); tests/e2e/kiosk.spec.ts exercises it.
// The kiosk's service worker (/k/sw.js, scope /k/): pages and the script are fetched from the
// network first and fall back to the copy kept in the cache, so the kiosk opens and works with
// no connection (or only a failing server); recorded clips come from the cache first. Nothing else of the site is touched.
const CACHE = 'hailong-kiosk';
self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));
self.addEventListener('fetch', (event) => {
	const request = event.request;
	const url = new URL(request.url);
	if (request.method !== 'GET' || url.origin !== location.origin || !url.pathname.startsWith('/k/')) return;
	const key = url.origin + url.pathname; // "?enrol=…" is never kept
	if (url.pathname.includes('/clips/')) {
		event.respondWith(caches.match(key).then((hit) => hit || fetch(request)));
		return;
	}
	event.respondWith(
		fetch(request).then(
			(response) => {
				// The server is up but its database is not: the kept copy still works.
				if (response.status >= 500) return caches.match(key).then((hit) => hit || response);
				if (response.ok && !url.search) {
					const copy = response.clone();
					caches.open(CACHE).then((cache) => cache.put(key, copy));
				}
				return response;
			},
			() => caches.match(key).then((hit) => hit || Response.error())
		)
	);
});
