import { z } from 'zod';

/**
 * Form fields shared by the administration forms. Every message is a catalogue key (admin.vi.ts),
 * so a problem is shown in the reader's language next to its field.
 */

/** A display name (unit, counter, procedure field, token): trimmed, 1–200 characters. */
export const displayName = z
	.string({ error: 'admin.error.required' })
	.trim()
	.min(1, { error: 'admin.error.required' })
	.max(200, { error: 'admin.error.tooLong200' });

/** An id chosen in a form (a unit for a counter, say): plain decimal digits within int4, nothing coerced ("0x3", "1e1", " 1"). */
export const chosenId = z
	.union([z.string().regex(/^[1-9][0-9]{0,9}$/).transform(Number), z.number().int()], { error: 'admin.error.choose' })
	.pipe(z.number().min(1, { error: 'admin.error.choose' }).max(2_147_483_647, { error: 'admin.error.choose' }));

/**
 * A counter's public code: the token in its QR URL (/s/{code}), unique across the install. Typed
 * letters are lowered, because a URL that differs only in case is a trap on a printed poster.
 */
export const COUNTER_CODE = /^[a-z0-9][a-z0-9-]{1,39}$/;
export const counterCode = z
	.string({ error: 'admin.error.required' })
	.trim()
	.toLowerCase()
	.min(1, { error: 'admin.error.required' })
	.regex(COUNTER_CODE, { error: 'admin.counters.codeFormat' });

/** An agency's code, in its staff URLs (/a/{code}); the migration allows up to 63 characters. */
export const AGENCY_CODE = /^[a-z0-9][a-z0-9-]{1,62}$/;
export const agencyCode = z
	.string({ error: 'admin.error.required' })
	.trim()
	.toLowerCase()
	.min(1, { error: 'admin.error.required' })
	.regex(AGENCY_CODE, { error: 'admin.agencies.codeFormat' });

/** The string values of a submitted form (files and repeated names are not used by these forms). */
export async function formValues(request: Request): Promise<Record<string, string>> {
	const values: Record<string, string> = {};
	try {
		for (const [key, value] of await request.formData()) if (typeof value === 'string' && !(key in values)) values[key] = value;
	} catch {
		// An unreadable body is an empty form: every required field then says what is missing.
	}
	return values;
}

/** A positive integer id from a route parameter, or null (answered 404 by the route). */
export function idParam(value: string | undefined): number | null {
	if (!value || !/^[1-9][0-9]{0,9}$/.test(value)) return null;
	const id = Number(value);
	return id <= 2_147_483_647 ? id : null;
}
