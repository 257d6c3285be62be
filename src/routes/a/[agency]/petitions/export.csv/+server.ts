import { error } from '@sveltejs/kit';
import { db } from '$lib/server/db';
import { asciiFilename } from '$lib/server/export/download';
import { petitionsCsv } from '$lib/server/petitions/export-csv';
import { requirePetitions } from '$lib/server/petitions/pages';
import { addMonths, isMonthKey, localMonthKey, monthsBetween } from '$lib/sipas/calendar';
import type { RequestHandler } from './$types';

/** ?from=YYYY-MM&to=YYYY-MM (default: the twelve months up to this one), at most 60 months. */
export const GET: RequestHandler = async (event) => {
	const { agency } = await requirePetitions(event);
	const to = event.url.searchParams.get('to') ?? localMonthKey(new Date());
	const from = event.url.searchParams.get('from') ?? addMonths(to, -11);
	if (!isMonthKey(from) || !isMonthKey(to) || from > to || monthsBetween(from, to).length > 60) error(400, { message: 'from and to must be months YYYY-MM, from ≤ to, at most 60 months' });
	const name = `phan-anh-kien-nghi-${agency.code}-${from}-${to}.csv`;
	return new Response(await petitionsCsv(db(), agency.id, from, to), {
		headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${asciiFilename(name)}"` }
	});
};
