import { isActionFailure, isHttpError, isRedirect } from '@sveltejs/kit';
import type { Principal } from '../../../src/lib/server/auth/principal';

/**
 * Calling a route's load or action the way SvelteKit does, without a server: a request event
 * with a cookie jar, the client's address and the principal the hook would have found.
 */
export interface CookieJar {
	jar: Map<string, string>;
	get(name: string): string | undefined;
	getAll(): { name: string; value: string }[];
	set(name: string, value: string, options?: unknown): void;
	delete(name: string, options?: unknown): void;
}

export function cookieJar(initial: Record<string, string> = {}): CookieJar {
	const jar = new Map(Object.entries(initial));
	return {
		jar,
		get: (name) => jar.get(name),
		getAll: () => [...jar].map(([name, value]) => ({ name, value })),
		set: (name, value) => void jar.set(name, value),
		delete: (name) => void jar.delete(name)
	};
}

export interface EventOptions {
	method?: 'GET' | 'POST';
	form?: Record<string, string>;
	principal?: Principal;
	address?: string;
	cookies?: CookieJar;
	params?: Record<string, string>;
	headers?: Record<string, string>;
}

export function requestEvent(href: string, options: EventOptions = {}) {
	const url = new URL(href, 'http://localhost');
	const method = options.method ?? (options.form ? 'POST' : 'GET');
	const request =
		method === 'POST'
			? new Request(url, {
					method,
					body: new URLSearchParams(options.form ?? {}),
					headers: { 'content-type': 'application/x-www-form-urlencoded', ...options.headers }
				})
			: new Request(url, { headers: options.headers });
	return {
		url,
		request,
		params: options.params ?? {},
		cookies: options.cookies ?? cookieJar(),
		locals: { principal: options.principal, locale: 'vi' as const },
		route: { id: null },
		getClientAddress: () => options.address ?? '203.0.113.1'
	};
}

/** What SvelteKit would answer, in a form a test can compare. */
export type Answer =
	| { kind: 'fail'; status: number; data: Record<string, unknown> }
	| { kind: 'redirect'; status: number; location: string }
	| { kind: 'error'; status: number }
	| { kind: 'ok'; value: unknown };

export async function answerOf(call: () => unknown): Promise<Answer> {
	try {
		const value = await call();
		if (isActionFailure(value)) return { kind: 'fail', status: value.status, data: (value.data ?? {}) as Record<string, unknown> };
		return { kind: 'ok', value };
	} catch (error) {
		if (isRedirect(error)) return { kind: 'redirect', status: error.status, location: error.location };
		if (isHttpError(error)) return { kind: 'error', status: error.status };
		throw error;
	}
}
