import { agencyOverview } from '$lib/server/agencies/overview';
import { formatDateTime } from '$lib/server/http/time';
import { requireAgency } from '$lib/server/auth/guard';
import { db } from '$lib/server/db';
import { formatMonth } from '$lib/sipas/format';
import type { PageServerLoad } from './$types';

/** The agency's landing: a few numbers every role may read, then what this role can do. */
export const load: PageServerLoad = async (event) => {
	const { agency } = await requireAgency(event, event.params.agency, 'report:read');
	const overview = await agencyOverview(db(), agency.id);
	const locale = event.locals.locale;
	return {
		overview: {
			activeCounters: overview.activeCounters,
			inactiveCounters: overview.inactiveCounters,
			responsesThisMonth: overview.responsesThisMonth,
			month: formatMonth(overview.month.year, overview.month.month, locale),
			lastResponseAt: formatDateTime(overview.lastResponseAt, locale),
			activeVersion: overview.activeVersion
		}
	};
};
