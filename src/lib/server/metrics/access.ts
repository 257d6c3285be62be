import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Who may read /metrics. With METRICS_TOKEN set: a request with `Authorization: Bearer <token>`,
 * from anywhere (Prometheus on another host). Unset: only a request made on this machine and not
 * relayed by a proxy — a reverse proxy on the same host connects from 127.0.0.1 too, so a request
 * carrying forwarding headers is not local, whatever its socket says.
 */
export type MetricsAccess = { ok: true } | { ok: false; status: 401 | 403; message: string };

const FORWARDING_HEADERS = ['forwarded', 'x-forwarded-for', 'x-real-ip', 'x-forwarded-host'];

export function metricsAccess(headers: Headers, clientAddress: string, token: string | undefined): MetricsAccess {
	if (token) {
		const given = /^Bearer\s+(\S+)\s*$/i.exec(headers.get('authorization') ?? '')?.[1];
		if (given && sameSecret(given, token)) return { ok: true };
		return { ok: false, status: 401, message: 'Send Authorization: Bearer <METRICS_TOKEN>.' };
	}
	if (isLoopback(clientAddress) && !FORWARDING_HEADERS.some((name) => headers.has(name))) return { ok: true };
	return { ok: false, status: 403, message: 'Metrics are served to this machine only; set METRICS_TOKEN to read them from elsewhere.' };
}

/** 127.0.0.0/8 and ::1, also as IPv4-mapped IPv6 (::ffff:127.0.0.1). */
export function isLoopback(address: string): boolean {
	const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
	return v4 === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4);
}

/** Compared in constant time (digests of equal length), so the token cannot be guessed by timing. */
function sameSecret(given: string, expected: string): boolean {
	const digest = (value: string) => createHash('sha256').update(value).digest();
	return timingSafeEqual(digest(given), digest(expected));
}
