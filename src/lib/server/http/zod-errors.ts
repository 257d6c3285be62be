import type { z } from 'zod';
import type { FieldErrors, Message } from '$lib/i18n';

/**
 * The one mapping from Zod issues to translated messages. Schemas carry catalogue keys as their
 * messages; an issue is filed under its field ("a.b" for nested paths, "form" for the whole form),
 * the first issue of a field wins, and a message that is not a key of the catalogue (a type
 * mismatch Zod words itself, in English) becomes the caller's fallback, so a page never shows
 * Zod's own text.
 */
export function fieldErrorsOf<K extends string>(
	issues: readonly z.core.$ZodIssue[],
	options: {
		isKey: (key: string) => key is K;
		fallback: K;
		/** Where an issue is shown, when not at its own path. */
		field?: (issue: z.core.$ZodIssue) => string;
		/** A message of its own for an issue, when the schema's key is not enough (a length, say). */
		message?: (field: string, issue: z.core.$ZodIssue) => Message<K> | undefined;
	},
	errors: FieldErrors<K> = {}
): FieldErrors<K> {
	for (const issue of issues) {
		const field = options.field?.(issue) ?? (issue.path.length ? issue.path.map(String).join('.') : 'form');
		if (errors[field]) continue;
		errors[field] = options.message?.(field, issue) ?? { key: options.isKey(issue.message) ? issue.message : options.fallback };
	}
	return errors;
}
