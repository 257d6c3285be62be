import { error } from '@sveltejs/kit';
import { requireAgency } from '$lib/server/auth/guard';
import { db } from '$lib/server/db';
import { loadImportContext } from '$lib/server/import/context';
import { templateCsv } from '$lib/server/import/template';
import type { RequestHandler } from './$types';

/** The import template for this agency's active questionnaire; ?sep=semicolon for Excel set to Vietnamese. */
export const GET: RequestHandler = async (event) => {
	const { agency } = await requireAgency(event, event.params.agency, 'responses:import');
	const context = await loadImportContext(db(), agency.id);
	if (!context) error(404, { message: 'no active survey version' });
	const separator = event.url.searchParams.get('sep') === 'semicolon' ? ';' : ',';
	return new Response(templateCsv(context, separator), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="mau-phieu-giay-${agency.code}${separator === ';' ? '-champhay' : ''}.csv"`,
			'cache-control': 'private, no-store'
		}
	});
};
