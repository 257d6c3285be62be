import type { Handle, HandleServerError, RequestEvent, ServerInit } from '@sveltejs/kit';
import { DEFAULT_LOCALE, isLocale } from '$lib/i18n';
import { appConfig } from '$lib/server/config';
import { databaseState, openDatabase } from '$lib/server/db';
import { Stopping } from '$lib/server/db/lifecycle';
import { prepareDatabase, startupSummary } from '$lib/server/startup';
import { logFailedRequest } from '$lib/server/http/log';
import { compressed } from '$lib/server/http/compress';
import { identify } from '$lib/server/auth/identify';
import { crossSiteRefusal, isCrossSiteFormPost } from '$lib/server/http/cross-site';
import { startOutboxWorker } from '$lib/server/outbox/worker';
import { startAlertWorker } from '$lib/server/petitions/alert-worker';
import { observeRequest, registerFolderLag, watchPool } from '$lib/server/metrics/metrics';
import { folderLagSeconds, startFolder } from '$lib/server/sums/folder';
import { startPlanReminders } from '$lib/server/plan/worker';

/**
 * Opens the database and prepares it in the background: the server listens at once, /healthz says
 * 503 and pages say "starting" until migrations and seeds have run, and a Postgres server that is
 * down (or a database not created yet) is waited for rather than ending the process.
 */
let stopOutbox: () => void = () => {};
let stopFolder: () => void = () => {};
let stopAlerts: () => void = () => {};
let stopPlanReminders: () => void = () => {};

export const init: ServerInit = async () => {
	const database = await openDatabase(async (handle, signal) => {
		await prepareDatabase(handle, appConfig(), console.log, signal);
		// Background work starts once the database is prepared, and stops before it closes.
		stopOutbox = startOutboxWorker(handle.db, appConfig());
		const config = appConfig();
		if (config.SUMS_FOLDER !== false) {
			const folder = startFolder(handle.db, { intervalMs: config.SUMS_FOLD_INTERVAL_MS, batchSize: config.SUMS_FOLD_BATCH });
			stopFolder = () => folder.stop();
			registerFolderLag(() => folderLagSeconds(handle.db));
		}
		stopAlerts = startAlertWorker(handle.db, appConfig());
		stopPlanReminders = startPlanReminders(handle.db, appConfig());
		console.log(startupSummary(handle, appConfig()));
	});
	database.ready.catch((error) => {
		if (error instanceof Stopping) return;
		console.error('Không chuẩn bị được cơ sở dữ liệu / Cannot prepare the database:', error);
		void database.stop().finally(() => process.exit(1));
	});
	watchPool(database.handle.pool, appConfig().DB_POOL_SIZE);
	// adapter-node closes the HTTP server on SIGTERM and SIGINT, lets requests in flight finish (at
	// most SHUTDOWN_TIMEOUT seconds), then emits this. Nothing else ends the process: PGlite and the
	// pool keep it alive, and a service manager would kill it with the embedded database open.
	process.once('sveltekit:shutdown', (reason: string) => {
		const forced = setTimeout(() => {
			console.error(`Cơ sở dữ liệu chưa đóng sau ${STOP_GRACE_MS / 1000} giây; dừng hẳn. / Database not closed in time; exiting.`);
			process.exit(1);
		}, STOP_GRACE_MS);
		forced.unref();
		stopOutbox();
		stopFolder();
		stopAlerts();
		stopPlanReminders();
		database.stop().then(
			() => {
				console.log(`Đã dừng (${reason}); cơ sở dữ liệu đã đóng.`);
				process.exit(0);
			},
			(error) => {
				console.error('Lỗi khi đóng cơ sở dữ liệu / Error closing the database:', error);
				process.exit(1);
			}
		);
	});
};

/** Time for the database to close once the HTTP server has (a step of the demo seed, a query). */
const STOP_GRACE_MS = 10_000;

const LOCALE_COOKIE = 'lang';
/** Routes that take files or batches larger than a survey: paper import, read-aloud clips, dossier register import and push, plan evidence. */
const UPLOAD_ROUTES = new Set(['/a/[agency]/import', '/a/[agency]/admin/languages', '/a/[agency]/dossiers', '/a/[agency]/plan', '/api/v1/agencies/[agency]/dossiers']);
/** The public petition form with its attachments (PETITION_MAX_BODY_BYTES). */
const PETITION_FORM_ROUTE = '/y/[agency]';

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
	// The public petition form takes up to three 5 MB files: its own limit, and a length declared as for the survey.
	const isPetition = event.route.id === PETITION_FORM_ROUTE;
	const limit = isImport ? appConfig().IMPORT_MAX_BYTES : isPetition ? appConfig().PETITION_MAX_BODY_BYTES : appConfig().SURVEY_MAX_BODY_BYTES;
	if (Number(declared ?? 0) > limit) return refuse(event, started, 413, 'Nội dung gửi quá lớn. / Request body too large.');
	if (declared === null && event.request.body && !isImport) {
		return refuse(event, started, 411, 'Cần khai báo độ dài nội dung. / Content-Length required.');
	}

	// Until the database is prepared (or while the app stops) only /healthz answers, with its 503.
	if (databaseState() !== 'ready' && event.url.pathname !== '/healthz') return starting(event, started);

	if (isLocale(asked)) {
		event.cookies.set(LOCALE_COOKIE, asked, { path: '/', maxAge: 365 * 86400, httpOnly: false, sameSite: 'lax', secure: false });
	}
	event.locals.locale = locale;
	try {
		event.locals.principal = await identify(event);
	} catch (cause) {
		// The session or token lookup needs the database: a restart or an outage is "try again".
		logFailedRequest(event, 503, started, cause);
		return withSecurityHeaders(
			new Response('Cơ sở dữ liệu tạm thời không truy cập được, xin thử lại sau ít phút. / The database is unavailable; try again in a few minutes.', {
				status: 503,
				headers: { 'content-type': 'text/plain; charset=utf-8', 'retry-after': '5' }
			}),
			event
		);
	}

	let response = await resolve(event, {
		transformPageChunk: ({ html }) => html.replace('%lang%', event.locals.locale)
	});
	// A page that refused its query string shows the form with the problems, as a 400 (a load has
	// no status of its own). Client-side navigations keep their 200 data: the router expects it.
	if (event.locals.badQuery && response.status === 200 && !event.isDataRequest) {
		response = new Response(response.body, { status: 400, headers: response.headers });
	}
	// /healthz is polled while the app starts: its 503s then are expected, not failures.
	const expected = event.url.pathname === '/healthz' && databaseState() !== 'ready';
	if (response.status >= 400 && !expected) logFailedRequest(event, response.status, started);
	observeRequest(event.request.method, event.route.id, response.status, (performance.now() - started) / 1000);
	return withSecurityHeaders(await compressed(event.request, response), event);
};

function refuse(event: RequestEvent, started: number, status: number, message: string): Response {
	logFailedRequest(event, status, started);
	observeRequest(event.request.method, event.route.id, status, (performance.now() - started) / 1000);
	return withSecurityHeaders(new Response(message, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } }), event);
}

/** A page that reloads itself every few seconds while the app starts. */
function starting(event: RequestEvent, started: number): Response {
	logFailedRequest(event, 503, started);
	const html = `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="5"><title>Hài Lòng đang khởi động</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 36rem; margin: 3rem auto; padding: 0 1rem">
<h1>Hài Lòng đang khởi động…</h1><p>Đang chuẩn bị cơ sở dữ liệu; trang sẽ tự tải lại sau ít giây.</p>
<p lang="en">Starting: the database is being prepared. This page reloads by itself.</p></body></html>`;
	return withSecurityHeaders(
		new Response(html, { status: 503, headers: { 'content-type': 'text/html; charset=utf-8', 'retry-after': '5', 'cache-control': 'no-store' } }),
		event
	);
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
