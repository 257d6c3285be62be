import type { StaffMessage } from '$lib/i18n/staff';

/**
 * A page holds several small forms (one rename form per row, say); a failed action names its form
 * and row, so its errors and the values typed show on that form only.
 */
export interface FormFailure {
	form?: string;
	id?: number | null;
	errors?: Record<string, StaffMessage>;
	values?: Record<string, string>;
}

export function failureOf(result: unknown, form: string, id: number | null = null): { errors: Record<string, StaffMessage>; values: Record<string, string> } | null {
	const failure = result as FormFailure | null | undefined;
	if (!failure || failure.form !== form || (failure.id ?? null) !== id) return null;
	return { errors: failure.errors ?? {}, values: failure.values ?? {} };
}
