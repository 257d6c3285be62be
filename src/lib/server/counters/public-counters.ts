import type { Kysely } from 'kysely';
import { localized, type Locale } from '$lib/i18n';
import type { Database } from '../db/schema';
import { COUNTER_CODE } from './schema';

/**
 * What a citizen may see of the counters without signing in: the active ones by agency (the home
 * page, for those who answer without scanning) and the one a thank-you page names.
 */

/** A counter's name in the reader's language: its English name on English pages, when it has one. */
export function counterName(counter: { name: string; name_en: string | null }, locale: Locale): string {
	return locale === 'en' && counter.name_en ? counter.name_en : counter.name;
}

export interface PublicAgency {
	code: string;
	name_vi: string;
	name_en: string;
	counters: { code: string; name: string; unit: string }[];
}

export async function listPublicCounters(db: Kysely<Database>, locale: Locale): Promise<PublicAgency[]> {
	const rows = await db
		.selectFrom('counters')
		.innerJoin('agencies', 'agencies.id', 'counters.agency_id')
		.innerJoin('units', 'units.id', 'counters.unit_id')
		.select([
			'agencies.code as agencyCode',
			'agencies.name_vi',
			'agencies.name_en',
			'counters.code',
			'counters.name',
			'counters.name_en as counterNameEn',
			'units.name as unit'
		])
		.where('counters.active', '=', true)
		.orderBy('agencies.name_vi')
		.orderBy('counters.name')
		.execute();
	const agencies = new Map<string, PublicAgency>();
	for (const row of rows) {
		const agency = agencies.get(row.agencyCode) ?? { code: row.agencyCode, name_vi: row.name_vi, name_en: row.name_en, counters: [] };
		agency.counters.push({ code: row.code, name: counterName({ name: row.name, name_en: row.counterNameEn }, locale), unit: row.unit });
		agencies.set(row.agencyCode, agency);
	}
	return [...agencies.values()];
}

/** A counter by its public code, active or not (a thank-you page outlives a deactivation). */
export async function findPublicCounter(
	db: Kysely<Database>,
	code: string,
	locale: Locale
): Promise<{ code: string; name: string; active: boolean; agencyName: string } | undefined> {
	// Anything else in the URL (/s/%00/thanks) names no counter; Postgres would refuse a NUL.
	if (!COUNTER_CODE.test(code)) return undefined;
	const counter = await db
		.selectFrom('counters')
		.innerJoin('agencies', 'agencies.id', 'counters.agency_id')
		.select(['counters.code', 'counters.name as counterName', 'counters.name_en as counterNameEn', 'counters.active', 'agencies.name_vi', 'agencies.name_en'])
		.where('counters.code', '=', code)
		.executeTakeFirst();
	return (
		counter && {
			code: counter.code,
			name: counterName({ name: counter.counterName, name_en: counter.counterNameEn }, locale),
			active: counter.active,
			agencyName: localized(counter, 'name', locale)
		}
	);
}
