/**
 * The filter form of the dashboard and the exports as both sides see it: its fields as the query
 * string carries them, the problems found with them, and the choices it offers. The server parses
 * and checks them (server/scope/filters.ts, options.ts); FilterForm.svelte draws the form.
 */

/** The kinds of period the form offers, in its order; 'range' is any span of whole days. */
export const PERIOD_KINDS = ['month', 'quarter', 'ytd', 'rolling3', 'range'] as const;
export type FilterPeriodKind = (typeof PERIOD_KINDS)[number];

/** The form's fields, exactly as the query string carries them. */
export const FILTER_KEYS = ['period', 'month', 'quarter', 'from', 'to', 'unit', 'counter', 'field', 'channel', 'source', 'verified', 'flagged'] as const;

/** Which responses by their link to a dossier: only verified ones (through an invitation), or only the others. */
export const VERIFIED_CHOICES = ['only', 'none'] as const;
export type VerifiedChoice = (typeof VERIFIED_CHOICES)[number];
export type FilterKey = (typeof FILTER_KEYS)[number];
/** What the form shows back: every field as text ('' = not set). */
export type FilterValues = Record<FilterKey, string>;

/** A problem with one field, as a key of the dashboard catalogue. */
export interface FilterProblem {
	field: FilterKey;
	message:
		| 'dashboard.filter.error.period'
		| 'dashboard.filter.error.month'
		| 'dashboard.filter.error.year'
		| 'dashboard.filter.error.quarter'
		| 'dashboard.filter.error.day'
		| 'dashboard.filter.error.rangeMissing'
		| 'dashboard.filter.error.rangeOrder'
		| 'dashboard.filter.error.rangeTooLong'
		| 'dashboard.filter.error.rangeNarrowed'
		| 'dashboard.filter.error.id'
		| 'dashboard.filter.error.counter'
		| 'dashboard.filter.error.channel'
		| 'dashboard.filter.error.source'
		| 'dashboard.filter.error.verified'
		| 'dashboard.filter.error.flagged'
		| 'dashboard.filter.error.unknownUnit'
		| 'dashboard.filter.error.unknownCounter'
		| 'dashboard.filter.error.unknownField';
}

/** What the filter form offers: the agency's units, counters and procedure fields, by name. */
export interface FilterOptions {
	units: { id: number; name: string }[];
	counters: { code: string; name: string; active: boolean }[];
	fields: { id: number; name: string }[];
}
