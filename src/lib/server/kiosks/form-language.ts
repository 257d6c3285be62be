import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { EXTRA_LANGUAGES, type ExtraLanguage } from '../db/kiosk-schema';
import type { MessageKey } from '$lib/i18n/vi';
import { isExtraLanguage, PUBLIC_KEYS, translationsOf } from './translations';

/**
 * The phone survey in a language beyond Vietnamese and English (?form=jrai): the languages the
 * active version has any translation for, and the chosen one's texts. Whatever is not translated
 * is shown in Vietnamese, the page's strings included.
 */
export interface FormLanguage {
	language: ExtraLanguage | null;
	offered: ExtraLanguage[];
	/** The chosen language's texts by translation key (lead_in, dim.…, crit.…). */
	texts: Record<string, string>;
	/** The page's own strings it translates, by catalogue key. */
	pageStrings: Partial<Record<MessageKey, string>>;
}

export const NO_FORM_LANGUAGE: FormLanguage = { language: null, offered: [], texts: {}, pageStrings: {} };

export async function formLanguageOf(db: Kysely<Database>, versionId: number, asked: string | null): Promise<FormLanguage> {
	const translations = await translationsOf(db, versionId);
	const offered = EXTRA_LANGUAGES.filter((l) => Object.keys(translations[l]).length > 0);
	const language = isExtraLanguage(asked) && offered.includes(asked) ? asked : null;
	if (!language) return { ...NO_FORM_LANGUAGE, offered };
	const texts = translations[language];
	const pageStrings: Partial<Record<MessageKey, string>> = {};
	for (const key of PUBLIC_KEYS) if (texts[`pub.${key}`]) pageStrings[key] = texts[`pub.${key}`];
	return { language, offered, texts, pageStrings };
}
