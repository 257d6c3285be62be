import { error } from '@sveltejs/kit';
import { localized } from '$lib/i18n';
import { db } from '$lib/server/db';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals }) => {
	const counter = await db()
		.selectFrom('counters')
		.innerJoin('agencies', 'agencies.id', 'counters.agency_id')
		.select(['counters.code', 'counters.active', 'agencies.name_vi', 'agencies.name_en'])
		.where('counters.code', '=', params.code)
		.executeTakeFirst()
		.catch(() => error(503, { message: 'unavailable' }));
	if (!counter) error(404, { message: 'counter_not_found' });
	return { agencyName: localized(counter, 'name', locals.locale), counterCode: counter.code, active: counter.active };
};
