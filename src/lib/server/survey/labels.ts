import type { Kysely } from 'kysely';
import type { Locale } from '../../i18n';
import { DIMENSION_KEYS, isDimensionKey, type DimensionKey } from '../../sipas';
import type { Database } from '../db/schema';

/**
 * Names shown beside the numbers: the dimensions' names (national, in table dimensions) and the
 * statements of the agency's questionnaire. Both are data, read in the reader's language.
 */

/** Every dimension's name, keyed by dimension (the key itself if a row were ever missing). */
export async function dimensionNames(db: Kysely<Database>, locale: Locale): Promise<Record<DimensionKey, string>> {
	const rows = await db.selectFrom('dimensions').select(['key', 'name_vi', 'name_en']).execute();
	const names = Object.fromEntries(DIMENSION_KEYS.map((key) => [key, key])) as Record<DimensionKey, string>;
	for (const row of rows) if (isDimensionKey(row.key)) names[row.key] = locale === 'en' ? row.name_en : row.name_vi;
	return names;
}

/**
 * The statement of each criterion key. Keys carry across survey versions; the text is the one of
 * the newest version that has the key (the active one, for the current questionnaire).
 */
export async function criterionTexts(db: Kysely<Database>, agencyId: number, locale: Locale): Promise<Record<string, string>> {
	const rows = await db
		.selectFrom('criteria')
		.innerJoin('survey_versions', 'survey_versions.id', 'criteria.survey_version_id')
		.select(['criteria.key', 'criteria.text_vi', 'criteria.text_en'])
		.where('survey_versions.agency_id', '=', agencyId)
		.orderBy('survey_versions.number')
		.execute();
	const texts: Record<string, string> = {};
	for (const row of rows) texts[row.key] = locale === 'en' ? row.text_en : row.text_vi;
	return texts;
}
