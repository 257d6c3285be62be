/**
 * Reading what a browser sent: a form's string values and an id from a route parameter. What the
 * values must be is each feature's own schema (counters/schema.ts, agencies/schema.ts…).
 */

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
