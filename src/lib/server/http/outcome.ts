import type { z } from 'zod';
import { staffVi, type StaffFieldErrors, type StaffMessageKey } from '$lib/i18n/staff';
import { fieldErrorsOf } from './zod-errors';

/**
 * What a use case answers: its value, or why nothing was changed. Errors are messages of the
 * staff catalogue by form field ("form" for the whole form), so the page shows a message the user
 * can act on next to the field it concerns; the status is the HTTP status the route answers.
 * `404` carries no message: the routes answer it exactly like an id of another agency, so ids
 * cannot be probed.
 */
export type Outcome<T = void> =
	| { ok: true; value: T }
	| { ok: false; status: 400 | 403 | 409 | 429; errors: StaffFieldErrors }
	| { ok: false; status: 404 };

export type Refusal = Extract<Outcome<never>, { ok: false }>;

export function done<T>(value: T): Outcome<T>;
export function done(): Outcome<void>;
export function done<T>(value?: T): Outcome<T | undefined> {
	return { ok: true, value };
}

export const notFound = { ok: false, status: 404 } as const satisfies Refusal;

export function refused(
	field: string,
	key: StaffMessageKey,
	params?: Record<string, string | number>,
	status: 400 | 403 | 409 | 429 = 400
): Refusal {
	return { ok: false, status, errors: { [field]: params ? { key, params } : { key } } };
}

/** Parses form values with a Zod schema whose messages are staff catalogue keys. */
export function validate<S extends z.ZodType>(schema: S, raw: unknown): Outcome<z.output<S>> {
	const parsed = schema.safeParse(raw);
	if (parsed.success) return { ok: true, value: parsed.data };
	return { ok: false, status: 400, errors: fieldErrorsOf(parsed.error.issues, { isKey: isStaffKey, fallback: 'admin.error.invalid' }) };
}

/** Postgres' unique_violation, from either driver (pg and PGlite both expose `code`). */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
	if (typeof error !== 'object' || error === null) return false;
	const e = error as { code?: unknown; constraint?: unknown; message?: unknown };
	if (e.code !== '23505') return false;
	return constraint === undefined || e.constraint === constraint || (typeof e.message === 'string' && e.message.includes(constraint));
}

function isStaffKey(key: string): key is StaffMessageKey {
	return Object.hasOwn(staffVi, key);
}
