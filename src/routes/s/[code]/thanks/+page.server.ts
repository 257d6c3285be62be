import { error } from '@sveltejs/kit';
import { findPublicCounter } from '$lib/server/counters/public-counters';
import { db } from '$lib/server/db';
import { takeCaseFlash } from '$lib/server/petitions/survey-request';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals, cookies, url }) => {
	const counter = await findPublicCounter(db(), params.code, locals.locale).catch(() => error(503, { message: 'unavailable' }));
	if (!counter) error(404, { message: 'counter_not_found' });
	return { agencyName: counter.agencyName, counterName: counter.name, counterCode: counter.code, active: counter.active, petition: takeCaseFlash(cookies, url.pathname) };
};
