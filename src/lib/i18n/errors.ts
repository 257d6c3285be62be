import { en } from './en';
import { errorsEn } from './errors.en';
import { errorsVi } from './errors.vi';
import { makeTranslator, numberFormat, type Locale } from './index';
import { vi } from './vi';

/**
 * The catalogue of the error page and of the hook's "sent from another address" page: the public
 * strings plus errors.*.ts, loaded only with an error, not with the survey.
 */
export const errorPageVi = { ...vi, ...errorsVi } as const;
export type ErrorPageMessageKey = keyof typeof errorPageVi;
const errorPageEn: { readonly [K in ErrorPageMessageKey]: string } = { ...en, ...errorsEn };

export function errorPageTranslator(locale: Locale) {
	return makeTranslator<ErrorPageMessageKey>(locale === 'en' ? errorPageEn : errorPageVi, numberFormat(locale));
}
