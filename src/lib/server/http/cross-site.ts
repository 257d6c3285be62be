import type { Locale } from '$lib/i18n';
import { errorPageTranslator } from '$lib/i18n/errors';
import { addressProblem } from '$lib/posters/reachable';

/**
 * Cross-site form posts are refused here rather than by SvelteKit's own check (svelte.config.js
 * trusts no origin less: `csrf.trustedOrigins: ['*']` only hands the check over to this module).
 * SvelteKit runs its check before the `handle` hook and answers with a bare English sentence, or
 * with JSON that an enhanced form does not understand, so a citizen who opened the site at another
 * address than ORIGIN (an IP address, a second host name) saw their survey "do nothing". The rule
 * is SvelteKit's, to the letter (kit/src/runtime/server/respond.js, 2.70): a POST, PUT, PATCH or
 * DELETE whose body is of a type an HTML form can send, and whose Origin header is not the site's
 * origin (or is missing), is refused with 403; only the answer differs.
 */
const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain', 'application/x-sveltekit-formdata'];
const UNSAFE_METHODS = ['POST', 'PUT', 'PATCH', 'DELETE'];

export function isCrossSiteFormPost(request: Request, siteOrigin: string): boolean {
	const type = request.headers.get('content-type')?.split(';', 1)[0]!.trim().toLowerCase() ?? '';
	return UNSAFE_METHODS.includes(request.method) && FORM_TYPES.includes(type) && request.headers.get('origin') !== siteOrigin;
}

/** What SvelteKit's enhanced forms (use:enhance) read: an action result of type "error". */
export const CROSS_ORIGIN_ERROR = 'cross_origin';

/**
 * The refusal, in the form the sender understands: an action result for an enhanced form (its page
 * keeps the answers and says why), JSON for an API client, else a page in the reader's language.
 */
export function crossSiteRefusal(request: Request, url: URL, locale: Locale): Response {
	const headers = { 'cache-control': 'no-store' };
	if (request.headers.get('x-sveltekit-action') === 'true') {
		return Response.json({ type: 'error', error: { message: CROSS_ORIGIN_ERROR, origin: url.origin } }, { status: 403, headers });
	}
	if (request.headers.get('accept') === 'application/json') {
		return Response.json({ message: `Cross-site ${request.method} form submissions are forbidden` }, { status: 403, headers });
	}
	return new Response(crossSitePage(locale, senderOrigin(request), url), {
		status: 403,
		headers: {
			...headers,
			'content-type': 'text/html; charset=utf-8',
			'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
		}
	});
}

/** The address the page was opened at, if the browser said it. */
function senderOrigin(request: Request): string | null {
	const origin = request.headers.get('origin');
	try {
		return origin && origin !== 'null' ? new URL(origin).origin : null;
	} catch {
		return null;
	}
}

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function crossSitePage(locale: Locale, here: string | null, url: URL): string {
	const t = errorPageTranslator(locale);
	const origin = url.origin;
	// A link to the same page at the site's address, unless that address is no use to a phone.
	const reachable = addressProblem(origin, { demo: true }) === null;
	const path = `${origin}${url.pathname}`;
	return `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(t('crossOrigin.title'))} — ${escape(t('app.name'))}</title>
<style>
body { margin: 0; font-family: system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', Arial, sans-serif; line-height: 1.5; color: #1b1b1f; background: #f5f3ef; }
header { background: #a4161a; color: #fff; font-weight: 700; font-size: 1.25rem; padding: 0.75rem 1rem; }
main { max-width: 44rem; margin: 0 auto; padding: 0 0.5rem; }
section { background: #fff; border: 1px solid #c9c5bd; border-left: 6px solid #b00020; border-radius: 10px; padding: 1rem; margin: 1rem 0; overflow-wrap: anywhere; }
h1 { font-size: 1.375rem; line-height: 1.25; margin: 0 0 0.75rem; }
p { margin: 0.75rem 0 0; }
.admin { color: #4a4a55; font-size: 0.875rem; }
a { color: #0b4ea2; display: inline-flex; align-items: center; min-height: 44px; }
</style>
</head>
<body>
<header>${escape(t('app.name'))}</header>
<main>
<section role="alert" aria-labelledby="title">
<h1 id="title">${escape(t('crossOrigin.title'))}</h1>
<p>${escape(here ? t('crossOrigin.text', { here, origin }) : t('crossOrigin.textUnknown', { origin }))}</p>
<p><strong>${escape(t('crossOrigin.keep'))}</strong></p>
${reachable ? `<p><a href="${escape(path)}">${escape(t('crossOrigin.open'))}: ${escape(path)}</a></p>` : ''}
<p class="admin">${escape(t('error.crossOriginAdmin', { origin }))}</p>
</section>
</main>
</body>
</html>
`;
}
