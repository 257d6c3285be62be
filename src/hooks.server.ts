import type { Handle, HandleServerError, RequestEvent, ServerInit } from '@sveltejs/kit';
import { DEFAULT_LOCALE, isLocale } from '$lib/i18n';
import { appConfig } from '$lib/server/config';
import { openDatabase } from '$lib/server/db';
import { prepareDatabase } from '$lib/server/startup';
import { logFailedRequest } from '$lib/server/http/log';
import { compressed } from '$lib/server/http/compress';
import { identify } from '$lib/server/auth/identify';
import { observeRequest, watchPool } from '$lib/server/metrics/metrics';

export const init: ServerInit = async () => {
	const handle = await openDatabase();
	watchPool(handle.pool, appConfig().DB_POOL_SIZE);
	await prepareDatabase(handle, appConfig());
};

const LOCALE_COOKIE = 'lang';
const IMPORT_ROUTE = '/a/[agency]/import';

export const handle: Handle = async ({ event, resolve }) => {
	const started = performance.now();

	// Refuse an oversized body before anyone reads it. Only the paper-survey upload takes large
	// files (adapter-node's BODY_SIZE_LIMIT is set for it); every other route must declare its
	// length, as browsers do, so a chunked body cannot slip past the small limit.
	const declared = event.request.headers.get('content-length');
	const isImport = event.route.id === IMPORT_ROUTE;
	const limit = isImport ? appConfig().IMPORT_MAX_BYTES : appConfig().SURVEY_MAX_BODY_BYTES;
	if (Number(declared ?? 0) > limit) return refuse(event, started, 413, 'Nội dung gửi quá lớn. / Request body too large.');
	if (declared === null && event.request.body && !isImport) {
		return refuse(event, started, 411, 'Cần khai báo độ dài nội dung. / Content-Length required.');
	}

	const asked = event.url.searchParams.get('lang');
	if (isLocale(asked)) {
		event.cookies.set(LOCALE_COOKIE, asked, { path: '/', maxAge: 365 * 86400, httpOnly: false, sameSite: 'lax', secure: false });
	}
	const saved = event.cookies.get(LOCALE_COOKIE);
	event.locals.locale = isLocale(asked) ? asked : isLocale(saved) ? saved : DEFAULT_LOCALE;
	event.locals.principal = await identify(event);

	let response = await resolve(event, {
		transformPageChunk: ({ html }) => html.replace('%lang%', event.locals.locale)
	});
	// A page that refused its query string shows the form with the problems, as a 400 (a load has
	// no status of its own). Client-side navigations keep their 200 data: the router expects it.
	if (event.locals.badQuery && response.status === 200 && !event.isDataRequest) {
		response = new Response(response.body, { status: 400, headers: response.headers });
	}
	if (response.status >= 400) logFailedRequest(event, response.status, started);
	observeRequest(event.request.method, event.route.id, response.status, (performance.now() - started) / 1000);
	return withSecurityHeaders(compressed(event.request, response));
};

function refuse(event: RequestEvent, started: number, status: number, message: string): Response {
	logFailedRequest(event, status, started);
	observeRequest(event.request.method, event.route.id, status, (performance.now() - started) / 1000);
	return withSecurityHeaders(new Response(message, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } }));
}

function withSecurityHeaders(response: Response): Response {
	const headers = response.headers;
	// Responses from fetch() are immutable; a copy is cheap next to a page render.
	try {
		headers.set('x-content-type-options', 'nosniff');
	} catch {
		return withSecurityHeaders(new Response(response.body, response));
	}
	headers.set('referrer-policy', 'strict-origin-when-cross-origin');
	headers.set('x-frame-options', 'DENY');
	headers.set('permissions-policy', 'camera=(), microphone=(), geolocation=()');
	return response;
}

export const handleError: HandleServerError = ({ error, event, status }) => {
	if (status !== 404) logFailedRequest(event, status, undefined, error);
	return { message: status === 404 ? 'Not found' : 'Internal error' };
};
