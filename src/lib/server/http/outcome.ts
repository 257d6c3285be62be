import type { z } from 'zod';
import { adminVi } from '../../i18n/admin.vi';
import type { AdminMessageKey, Problem } from '../../i18n/problem';

/**
 * What an administrative use case answers: its value, or why nothing was changed. Problems are
 * catalogue keys (admin.vi.ts) by form field, "form" for the whole form, so the page shows a
 * message the administrator can act on next to the field it concerns. `not_found` is answered
 * 404 by the routes, exactly like an id of another agency, so ids cannot be probed.
 */
export type Problems = Record<string, Problem>;

export type Outcome<T = void> =
	| { ok: true; value: T }
	| { ok: false; status: 400 | 409; problems: Problems }
	| { ok: false; status: 404 };

export type Refusal = Extract<Outcome<never>, { ok: false }>;

export function done<T>(value: T): Outcome<T>;
export function done(): Outcome<void>;
export function done<T>(value?: T): Outcome<T | undefined> {
	return { ok: true, value };
}

export const notFound = { ok: false, status: 404 } as const satisfies Refusal;

export function refused(field: string, key: AdminMessageKey, params?: Record<string, string | number>, status: 400 | 409 = 400): Refusal {
	return { ok: false, status, problems: { [field]: params ? { key, params } : { key } } };
}

/**
 * Parses form values with a Zod schema whose messages are catalogue keys; the first problem of
 * each field is kept. A message that is not a key (a type mismatch Zod words itself) becomes the
 * generic "invalid" message rather than English text on a Vietnamese page.
 */
export function validate<S extends z.ZodType>(schema: S, raw: unknown): Outcome<z.output<S>> {
	const parsed = schema.safeParse(raw);
	if (parsed.success) return { ok: true, value: parsed.data };
	const problems: Problems = {};
	for (const issue of parsed.error.issues) {
		const field = issue.path.length ? issue.path.map(String).join('.') : 'form';
		problems[field] ??= { key: isAdminKey(issue.message) ? issue.message : 'admin.error.invalid' };
	}
	return { ok: false, status: 400, problems };
}

/** Postgres' unique_violation, from either driver (pg and PGlite both expose `code`). */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
	if (typeof error !== 'object' || error === null) return false;
	const e = error as { code?: unknown; constraint?: unknown; message?: unknown };
	if (e.code !== '23505') return false;
	return constraint === undefined || e.constraint === constraint || (typeof e.message === 'string' && e.message.includes(constraint));
}

function isAdminKey(key: string): key is AdminMessageKey {
	return Object.hasOwn(adminVi, key);
}
