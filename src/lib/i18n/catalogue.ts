import { en } from './en';
import { makeTranslator, numberFormat, type Locale, type Translate } from './index';
import { vi, type Messages } from './vi';

/**
 * Both public catalogues. A page that imports this module downloads both; the root layout and the
 * survey use pageTranslator ($lib/i18n) instead, with the English catalogue sent in the layout's
 * data when the page is in English.
 */
const catalogues: Record<Locale, Messages> = { vi, en };

/**
 * A translator for one locale of the public catalogue (survey, home, errors). Numbers in its
 * parameters are written the locale's way, like the numbers in its texts: "2.100" beside "2.000".
 */
export function translator(locale: Locale): Translate {
	return makeTranslator(catalogues[locale], numberFormat(locale));
}

/** The catalogue the root layout sends with an English page (pageTranslator). */
export function englishCatalogue(locale: Locale): Messages | null {
	return locale === 'en' ? en : null;
}
