import type { Problem } from '$lib/i18n/problem';

/**
 * A page holds several small forms (one rename form per row, say); a failed action names its form
 * and row, so its problems and the values typed show on that form only.
 */
export interface FormFailure {
	form?: string;
	id?: number | null;
	problems?: Record<string, Problem>;
	values?: Record<string, string>;
}

export function failureOf(result: unknown, form: string, id: number | null = null): { problems: Record<string, Problem>; values: Record<string, string> } | null {
	const failure = result as FormFailure | null | undefined;
	if (!failure || failure.form !== form || (failure.id ?? null) !== id) return null;
	return { problems: failure.problems ?? {}, values: failure.values ?? {} };
}
