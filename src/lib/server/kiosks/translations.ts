import { parse } from 'csv-parse/sync';
import type { Kysely } from 'kysely';
import { audit } from '../audit/audit';
import type { Principal } from '../auth/principal';
import type { Database } from '../db/schema';
import { EXTRA_LANGUAGES, type ExtraLanguage } from '../db/kiosk-schema';
import { storableText } from '../db/limits';
import { done, notFound, refused, type Outcome } from '../http/outcome';
import { KIOSK_UI_KEYS, kioskUiVi } from '$lib/i18n/kiosk.vi';
import { vi as publicVi, type MessageKey } from '$lib/i18n/vi';

/**
 * Translations of a survey version beyond its Vietnamese and English columns (Jrai, Bahnar), as
 * key → text: "lead_in", "dim.<dimension>", "crit.<criterion>", the kiosk page's "ui.…" strings
 * and the phone survey page's "pub.survey.…" strings. A missing key falls back to Vietnamese. Translations change only what is shown: answers
 * are stored by criterion key, so the estimates never depend on the language of the form.
 */
export const TRANSLATION_MAX = 600;

/** The phone survey page's own strings, translatable like the statements as "pub.<catalogue key>". */
export const PUBLIC_KEYS = (Object.keys(publicVi) as MessageKey[]).filter((k) => k.startsWith('survey.'));

export interface VersionSource {
	lead_in_vi: string;
	dimensions: { key: string; name_vi: string; criteria: { key: string; text_vi: string }[] }[];
}

/** Every key a complete translation has, in the order the form shows them, with its Vietnamese text. */
export function vietnameseTexts(version: VersionSource): Map<string, string> {
	const texts = new Map<string, string>([['lead_in', version.lead_in_vi]]);
	for (const d of version.dimensions) {
		texts.set(`dim.${d.key}`, d.name_vi);
		for (const c of d.criteria) texts.set(`crit.${c.key}`, c.text_vi);
	}
	for (const key of KIOSK_UI_KEYS) texts.set(key, kioskUiVi[key]);
	for (const key of PUBLIC_KEYS) texts.set(`pub.${key}`, publicVi[key]);
	return texts;
}

export async function translationsOf(db: Kysely<Database>, versionId: number): Promise<Record<ExtraLanguage, Record<string, string>>> {
	const rows = await db.selectFrom('survey_translations').select(['language', 'key', 'text']).where('survey_version_id', '=', versionId).execute();
	const out = Object.fromEntries(EXTRA_LANGUAGES.map((l) => [l, {}])) as Record<ExtraLanguage, Record<string, string>>;
	for (const row of rows) out[row.language][row.key] = row.text;
	return out;
}

export interface Completeness {
	language: ExtraLanguage;
	translated: number;
	total: number;
	missing: string[];
}

/** Per language: how many of the version's keys are translated, and which are missing. */
export function completeness(keys: Iterable<string>, translations: Record<ExtraLanguage, Record<string, string>>): Completeness[] {
	const all = [...keys];
	return EXTRA_LANGUAGES.map((language) => {
		const missing = all.filter((k) => !translations[language][k]);
		return { language, translated: all.length - missing.length, total: all.length, missing };
	});
}

export function isExtraLanguage(value: unknown): value is ExtraLanguage {
	return (EXTRA_LANGUAGES as readonly unknown[]).includes(value);
}

/**
 * Sets translations of one version and language: entered on the admin page (fields "t.<key>", an
 * empty one removes the key) or imported as CSV (key,text; a header line "key,text" is allowed).
 * Unknown keys and texts too long are refused, naming the line; nothing is changed then.
 */
export async function saveTranslations(
	db: Kysely<Database>,
	actor: Principal,
	agencyId: number,
	versionId: number,
	language: unknown,
	entries: [string, string][],
	source: 'form' | 'csv'
): Promise<Outcome<{ saved: number; removed: number }>> {
	if (!isExtraLanguage(language)) return refused('language', 'admin.error.choose');
	const version = await loadVersionSource(db, agencyId, versionId);
	if (!version) return notFound;
	const keys = vietnameseTexts(version);
	const set: { key: string; text: string }[] = [];
	const removed: string[] = [];
	for (const [i, [rawKey, rawText]] of entries.entries()) {
		const key = rawKey.trim();
		const text = rawText.replace(/\r\n/g, '\n').trim();
		const where = source === 'csv' ? { line: i + 1, key } : { line: i + 1, key };
		if (!keys.has(key)) return refused('translations', 'kiosk.lang.unknownKey', where);
		if (text.length > TRANSLATION_MAX || !storableText(text)) return refused('translations', 'kiosk.lang.tooLong', where);
		if (text) set.push({ key, text });
		else if (source === 'form') removed.push(key);
	}
	await db.transaction().execute(async (trx) => {
		if (removed.length) {
			await trx.deleteFrom('survey_translations').where('survey_version_id', '=', versionId).where('language', '=', language).where('key', 'in', removed).execute();
		}
		if (set.length) {
			await trx
				.insertInto('survey_translations')
				.values(set.map((s) => ({ survey_version_id: versionId, language, key: s.key, text: s.text })))
				.onConflict((oc) => oc.columns(['survey_version_id', 'language', 'key']).doUpdateSet((eb) => ({ text: eb.ref('excluded.text') })))
				.execute();
		}
		await audit(trx, actor, { agencyId, action: 'survey_version.translate', entity: 'survey_version', entityId: versionId, after: { language, source, saved: set.length, removed: removed.length } });
	});
	return done({ saved: set.length, removed: removed.length });
}

/** The CSV's rows as [key, text]; a first row "key,text" is a header. */
export function parseTranslationCsv(text: string): [string, string][] | undefined {
	try {
		const rows = parse(text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n'), { relax_column_count: false, skip_empty_lines: true }) as string[][];
		if (rows.some((r) => r.length !== 2)) return undefined;
		if (rows[0] && rows[0][0]!.trim().toLowerCase() === 'key') rows.shift();
		return rows.map((r) => [r[0]!, r[1]!]);
	} catch {
		return undefined;
	}
}

/** The version's Vietnamese texts, if it is one of this agency's. */
export async function loadVersionSource(db: Kysely<Database>, agencyId: number, versionId: number): Promise<VersionSource | undefined> {
	const version = await db.selectFrom('survey_versions').select(['lead_in_vi']).where('id', '=', versionId).where('agency_id', '=', agencyId).executeTakeFirst();
	if (!version) return undefined;
	const criteria = await db
		.selectFrom('criteria')
		.innerJoin('dimensions', 'dimensions.key', 'criteria.dimension_key')
		.select(['criteria.key', 'criteria.text_vi', 'dimensions.key as dimension', 'dimensions.name_vi'])
		.where('criteria.survey_version_id', '=', versionId)
		.orderBy('dimensions.position')
		.orderBy('criteria.position')
		.execute();
	const dimensions: VersionSource['dimensions'] = [];
	for (const c of criteria) {
		let d = dimensions.at(-1);
		if (d?.key !== c.dimension) dimensions.push((d = { key: c.dimension, name_vi: c.name_vi, criteria: [] }));
		d.criteria.push({ key: c.key, text_vi: c.text_vi });
	}
	return { lead_in_vi: version.lead_in_vi, dimensions };
}

/** The agency's active survey version, whose texts the kiosk and the survey show. */
export async function activeVersionOf(db: Kysely<Database>, agencyId: number): Promise<{ id: number; number: number } | undefined> {
	return db.selectFrom('survey_versions').select(['id', 'number']).where('agency_id', '=', agencyId).where('active', '=', true).executeTakeFirst();
}
