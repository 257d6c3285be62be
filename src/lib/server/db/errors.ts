/**
 * Whether an error means "the database cannot be reached right now" (a restart, a failover, a
 * dropped connection, a database not created yet) rather than a mistake in a query or a
 * migration: the first is waited out, the second is reported.
 */
const SOCKET_CODES = new Set([
	'ECONNREFUSED',
	'ECONNRESET',
	'ECONNABORTED',
	'ETIMEDOUT',
	'EPIPE',
	'ENOTFOUND',
	'EAI_AGAIN',
	'EHOSTUNREACH',
	'ENETUNREACH',
	'ENETDOWN'
]);

const SQLSTATES = new Set([
	'57P01', // admin_shutdown: the server is stopping, or pg_terminate_backend
	'57P02', // crash_shutdown
	'57P03', // cannot_connect_now: starting up or shutting down
	'3D000', // invalid_catalog_name: the database does not exist (yet)
	'53300' // too_many_connections
]);

// What pg says when the socket goes away (no code on these).
const MESSAGES = [/connection terminated/i, /timeout exceeded when trying to connect/i, /not queryable/i, /connection ended/i];

export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
	if (!error || typeof error !== 'object' || depth > 3) return false;
	const { code, message, errors, cause } = error as { code?: unknown; message?: unknown; errors?: unknown; cause?: unknown };
	if (typeof code === 'string' && (SOCKET_CODES.has(code) || SQLSTATES.has(code) || code.startsWith('08'))) return true;
	if (typeof message === 'string' && MESSAGES.some((m) => m.test(message))) return true;
	// localhost resolves to ::1 and 127.0.0.1: Node reports both refusals as one AggregateError.
	if (Array.isArray(errors) && errors.some((e) => isDatabaseUnavailable(e, depth + 1))) return true;
	return isDatabaseUnavailable(cause, depth + 1);
}

/** One line for the logs: the code and the message, never a password (pg's messages hold none). */
export function describeError(error: unknown): string {
	if (!(error instanceof Error)) return String(error);
	const code = (error as { code?: unknown }).code;
	const message = error.message || (error as { errors?: Error[] }).errors?.map((e) => e.message).join('; ') || error.name;
	return typeof code === 'string' ? `${code}: ${message}` : message;
}
