import type { Handle, HandleServerError, RequestEvent, ServerInit } from '@sveltejs/kit';
import { DEFAULT_LOCALE, isLocale } from '$lib/i18n';
import { appConfig } from '$lib/server/config';
import { openDatabase } from '$lib/server/db';
import { prepareDatabase } from '$lib/server/startup';
import { logFailedRequest } from '$lib/server/http/log';
import { compressed } from '$lib/server/http/compress';
import { identify } from '$lib/server/auth/identify';
import { crossSiteRefusal, isCrossSiteFormPost } from '$lib/server/http/cross-site';
import { startOutboxWorker } from '$lib/server/outbox/worker';

export const init: ServerInit = async () => {
	const handle = await openDatabase();
	await prepareDatabase(handle, appConfig());
	startOutboxWorker(handle.db, appConfig());
};

const LOCALE_COOKIE = 'lang';
/** Routes that take files or batches larger than a survey: paper import, dossier register import and push. */
const UPLOAD_ROUTES = new Set(['/a/[agency]/import', '/a/[agency]/dossiers', '/api/v1/agencies/[agency]/dossiers']);

export const handle: Handle = async ({ event, resolve }) => {
	const started = performance.now();
	const asked = event.url.searchParams.get('lang');
	const saved = event.cookies.get(LOCALE_COOKIE);
	const locale = isLocale(asked) ? asked : isLocale(saved) ? saved : DEFAULT_LOCALE;

	// SvelteKit's cross-site form check, done here first so that the refusal can say what happened
	// in the reader's language (svelte.config.js hands the check over; see http/cross-site.ts).
	if (isCrossSiteFormPost(event.request, event.url.origin)) {
		logFailedRequest(event, 403, started);
		return withSecurityHeaders(crossSiteRefusal(event.request, event.url, locale), event);
	}

	// Refuse an oversized body before anyone reads it. Only the paper-survey upload takes large
	// files (adapter-node's BODY_SIZE_LIMIT is set for it); every other route must declare its
	// length, as browsers do, so a chunked body cannot slip past the small limit.
	const declared = event.request.headers.get('content-length');
	const isImport = UPLOAD_ROUTES.has(event.route.id ?? '');
	const limit = isImport ? appConfig().IMPORT_MAX_BYTES : appConfig().SURVEY_MAX_BODY_BYTES;
	if (Number(declared ?? 0) > limit) return refuse(event, started, 413, 'Nội dung gửi quá lớn. / Request body too large.');
	if (declared === null && event.request.body && !isImport) {
		return refuse(event, started, 411, 'Cần khai báo độ dài nội dung. / Content-Length required.');
	}

	if (isLocale(asked)) {
		event.cookies.set(LOCALE_COOKIE, asked, { path: '/', maxAge: 365 * 86400, httpOnly: false, sameSite: 'lax', secure: false });
	}
	event.locals.locale = locale;
	event.locals.principal = await identify(event);

	const response = await resolve(event, {
		transformPageChunk: ({ html }) => html.replace('%lang%', event.locals.locale)
	});
	if (response.status >= 400) logFailedRequest(event, response.status, started);
	return withSecurityHeaders(compressed(event.request, response), event);
};

function refuse(event: RequestEvent, started: number, status: number, message: string): Response {
	logFailedRequest(event, status, started);
	return withSecurityHeaders(new Response(message, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } }), event);
}

/** Pages and answers that may hold what only a signed-in person should see, and the sign-in form. */
const PRIVATE_PATHS = /^\/(login|account|logout|province|a)(\/|$)/;

function withSecurityHeaders(response: Response, event: Pick<RequestEvent, 'url' | 'locals'>): Response {
	const headers = response.headers;
	// Responses from fetch() are immutable; a copy is cheap next to a page render.
	try {
		headers.set('x-content-type-options', 'nosniff');
	} catch {
		return withSecurityHeaders(new Response(response.body, response), event);
	}
	headers.set('referrer-policy', 'strict-origin-when-cross-origin');
	headers.set('x-frame-options', 'DENY');
	headers.set('permissions-policy', 'camera=(), microphone=(), geolocation=()');
	// Nothing a signed-in person saw stays in a shared computer's cache or the back button's.
	if (event.locals.principal || PRIVATE_PATHS.test(event.url.pathname)) headers.set('cache-control', 'private, no-store');
	// Served over https (ORIGIN https://… behind a proxy): browsers keep to https from then on.
	if (event.url.protocol === 'https:') headers.set('strict-transport-security', 'max-age=31536000; includeSubDomains');
	return response;
}

export const handleError: HandleServerError = ({ error, event, status }) => {
	if (status !== 404) logFailedRequest(event, status, undefined, error);
	return { message: status === 404 ? 'Not found' : 'Internal error' };
};
