import { requireAgency } from '$lib/server/auth/guard';
import { appConfig } from '$lib/server/config';
import { db } from '$lib/server/db';
import { officialsRatings } from '$lib/server/officials/ratings';
import { reportMonth } from '$lib/server/report/report-month';
import { dimensionNames } from '$lib/server/survey/labels';
import { DIMENSION_KEYS } from '$lib/sipas';
import type { PageServerLoad } from './$types';

/**
 * /a/{agency}/report/officials?month=YYYY-MM[&key=overall|dimension]: ratings by official, for
 * administrators and leaders only (officials:read; staff get 403). Every view is audited by the
 * use case.
 */
export const load: PageServerLoad = async (event) => {
	const { principal, agency } = await requireAgency(event, event.params.agency, 'officials:read');
	const chosen = reportMonth(event.url.searchParams);
	const asked = event.url.searchParams.get('key') ?? 'overall';
	const key = asked === 'overall' || (DIMENSION_KEYS as readonly string[]).includes(asked) ? (asked as 'overall' | (typeof DIMENSION_KEYS)[number]) : 'overall';
	const config = appConfig();
	const [ratings, names] = await Promise.all([
		officialsRatings(db(), principal, agency.id, chosen.navigation.month, { minimumSample: config.MINIMUM_SAMPLE, minimumOfficialResponses: config.MINIMUM_OFFICIAL_RESPONSES }),
		dimensionNames(db(), event.locals.locale)
	]);
	event.setHeaders({ 'cache-control': 'private, no-store' });
	return { ...chosen.navigation, ratings, names, key };
};
