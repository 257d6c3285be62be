import type { Cookies, RequestEvent } from '@sveltejs/kit';
import { appConfig } from '../config';
import { db } from '../db';
import type { Principal } from './principal';
import { SESSION_COOKIE, sessionPrincipal } from './session';
import { isTokenPath, tokenPrincipal } from './tokens';

/**
 * Who sent this request: a Bearer token (other systems, on /api/v1 only) or a session cookie
 * (people). Elsewhere a Bearer token is ignored: pages and their form actions are for people.
 * Citizens' survey pages need neither, so they skip the lookup.
 */
export async function identify(event: Pick<RequestEvent, 'url' | 'request'> & { cookies: Pick<Cookies, 'get'> }): Promise<Principal | undefined> {
	if (event.url.pathname.startsWith('/s/') || event.url.pathname === '/healthz') return undefined;
	const authorization = event.request.headers.get('authorization');
	if (authorization?.startsWith('Bearer ') && isTokenPath(event.url.pathname)) return tokenPrincipal(db(), authorization.slice(7).trim());
	const token = event.cookies.get(SESSION_COOKIE);
	const config = appConfig();
	return token ? sessionPrincipal(db(), token, { idleMinutes: config.SESSION_IDLE_MINUTES, maxHours: config.SESSION_MAX_HOURS }) : undefined;
}

/** Secure cookies everywhere but on plain-http localhost, where browsers would drop them. */
export function sessionCookieOptions(url: URL) {
	return {
		path: '/',
		httpOnly: true,
		sameSite: 'lax' as const,
		secure: !(url.protocol === 'http:' && (url.hostname === 'localhost' || url.hostname === '127.0.0.1'))
	};
}
