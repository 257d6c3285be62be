import type { RequestEvent } from '@sveltejs/kit';

/**
 * One structured line per failed request: enough to find the problem, never the answers, the
 * comment or the client's address.
 */
export function logFailedRequest(event: RequestEvent, status: number, startedAt?: number, error?: unknown): void {
	const line = {
		time: new Date().toISOString(),
		level: status >= 500 ? 'error' : 'warn',
		method: event.request.method,
		route: event.route.id,
		path: event.url.pathname,
		status,
		...(startedAt !== undefined ? { ms: Math.round(performance.now() - startedAt) } : {}),
		...(error ? { error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) } : {})
	};
	console.error(JSON.stringify(line));
}
