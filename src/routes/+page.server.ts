import { db } from '$lib/server/db';
import type { PageServerLoad } from './$types';

/** Every agency with its active counters, for citizens who answer without scanning. */
export const load: PageServerLoad = async () => {
	const rows = await db()
		.selectFrom('counters')
		.innerJoin('agencies', 'agencies.id', 'counters.agency_id')
		.innerJoin('units', 'units.id', 'counters.unit_id')
		.select(['agencies.code as agencyCode', 'agencies.name_vi', 'agencies.name_en', 'counters.code', 'counters.name', 'units.name as unit'])
		.where('counters.active', '=', true)
		.orderBy('agencies.name_vi')
		.orderBy('counters.name')
		.execute();
	const agencies = new Map<string, { code: string; name_vi: string; name_en: string; counters: { code: string; name: string; unit: string }[] }>();
	for (const row of rows) {
		const agency = agencies.get(row.agencyCode) ?? { code: row.agencyCode, name_vi: row.name_vi, name_en: row.name_en, counters: [] };
		agency.counters.push({ code: row.code, name: row.name, unit: row.unit });
		agencies.set(row.agencyCode, agency);
	}
	return { agencies: [...agencies.values()] };
};
