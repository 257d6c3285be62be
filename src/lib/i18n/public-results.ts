import { makeTranslator, numberFormat, type Locale } from './index';
import { publicResultsEn } from './public-results.en';
import { publicResultsVi } from './public-results.vi';

export type PublicResultsKey = keyof typeof publicResultsVi;

/** The public results page's own small catalogue (it loads nothing of the staff pages'). */
export function publicResultsTranslator(locale: Locale) {
	return makeTranslator<PublicResultsKey>(locale === 'en' ? publicResultsEn : publicResultsVi, numberFormat(locale));
}
