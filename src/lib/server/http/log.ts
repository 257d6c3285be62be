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
		...(error ? { error: describe(error) } : {})
	};
	console.error(JSON.stringify(line));
}

/**
 * The error's name, SQLSTATE and message, without the value Postgres quotes at the end of some
 * messages (`invalid input syntax for type integer: "0912 345 678"` would log what was typed),
 * and never longer than a line.
 */
function describe(error: unknown): string {
	if (!(error instanceof Error)) return String(error).slice(0, 300);
	const code = (error as { code?: unknown }).code;
	const message = error.message.replace(/: ".*"$/s, ': "…"');
	return `${error.name}${typeof code === 'string' ? ` ${code}` : ''}: ${message}`.slice(0, 300);
}
