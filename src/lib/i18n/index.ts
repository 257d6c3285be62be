import { vi, type MessageKey, type Messages } from './vi';

/** The languages of the site; every other module takes its Locale from here. */
export const LOCALES = ['vi', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'vi';
export type { MessageKey };

/**
 * A message to show, not yet translated: a catalogue key and its parameters. The one shape of
 * every message a use case, a validation or a form action hands back, whichever catalogue its key
 * is from (the public one by default, the staff one for signed-in pages).
 */
export interface Message<K extends string = MessageKey> {
	key: K;
	params?: Record<string, string | number>;
}
/** Messages attached to form fields by name ("form" for the whole form). */
export type FieldErrors<K extends string = MessageKey> = Record<string, Message<K>>;

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/**
 * translator(locale) for a page's components, from its layout data: the Vietnamese catalogue from
 * the bundle, the English one from the root layout's data (sent only when the page is in English:
 * routes/+layout.server.ts). The survey page thus never downloads the catalogue of the language it
 * is not in (its first load must stay under 50 KB on a cheap phone). `translator` (catalogue.ts)
 * bundles both; this module must not import the English catalogue, as every page imports it.
 */
export function pageTranslator(data: { locale: Locale; english: Messages | null }): Translate {
	return makeTranslator(data.locale === 'en' && data.english ? data.english : vi, numberFormat(data.locale));
}

/** Numbers as the locale writes them: 2.100 (vi), 2,100 (en). */
export function numberFormat(locale: Locale): Intl.NumberFormat {
	return new Intl.NumberFormat(locale === 'vi' ? 'vi-VN' : 'en-GB');
}

/** "{name}" in a message is replaced by params.name; numbers by `numbers` when given. */
export function makeTranslator<K extends string>(messages: { readonly [P in K]: string }, numbers?: Intl.NumberFormat) {
	const text = (value: string | number) => (typeof value === 'number' && numbers ? numbers.format(value) : String(value));
	return (key: K, params?: Record<string, string | number>): string => {
		const message = messages[key];
		return params
			? message.replace(/\{(\w+)\}/g, (_, name: string) => {
					const value = params[name];
					return value === undefined || value === null ? `{${name}}` : text(value);
				})
			: message;
	};
}

export function isLocale(value: unknown): value is Locale {
	return (LOCALES as readonly unknown[]).includes(value);
}

/** Picks the vi or en column of a row that has both (names, criterion texts). */
export function localized<K extends string>(row: { [P in `${K}_${Locale}`]: string }, field: K, locale: Locale): string {
	return row[`${field}_${locale}`];
}
