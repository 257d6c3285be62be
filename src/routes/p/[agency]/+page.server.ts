import { error } from '@sveltejs/kit';
import { AGENCY_CODE } from '$lib/server/agencies/schema';
import { appConfig } from '$lib/server/config';
import { db } from '$lib/server/db';
import { loadPublicResults } from '$lib/server/public-results/load-public';
import type { PageServerLoad } from './$types';

/**
 * /p/{agency}: the public results page, no sign-in. An agency whose administrator has not
 * switched it on answers 404 exactly like one that does not exist.
 */
export const load: PageServerLoad = async (event) => {
	const code = event.params.agency;
	const results = AGENCY_CODE.test(code) ? await loadPublicResults(db(), code, event.locals.locale, { minimumSample: appConfig().MINIMUM_SAMPLE }) : null;
	if (!results) error(404, { message: 'not_found' });
	// Public and the same for everyone in a language; a cache may keep it a minute (switching the page off takes effect within that).
	event.setHeaders({ 'cache-control': 'public, max-age=60', vary: 'Cookie, Accept-Language' });
	return { results };
};

// Plain HTML and an SVG chart: nothing to hydrate, so the page stays small and works without scripts.
export const csr = false;
