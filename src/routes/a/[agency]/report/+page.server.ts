import { requireAgency } from '$lib/server/auth/guard';
import { can } from '$lib/server/auth/principal';
import { appConfig } from '$lib/server/config';
import { db } from '$lib/server/db';
import { loadMonthlyReport } from '$lib/server/report/monthly-report';
import { reportMonth, reportResponses } from '$lib/server/report/report-month';
import { caseFigures } from '$lib/server/petitions/figures';
import { addMonths } from '$lib/sipas/calendar';
import type { PageServerLoad } from './$types';

/** The leadership's monthly report: /a/{agency}/report?month=YYYY-MM (default: the last complete month in Asia/Ho_Chi_Minh). */
export const load: PageServerLoad = async (event) => {
	const { agency, principal } = await requireAgency(event, event.params.agency, 'report:read');
	const officialsLink = principal.kind === 'user' && can(principal, 'officials:read');
	const chosen = reportMonth(event.url.searchParams);
	const minimumSample = appConfig().MINIMUM_SAMPLE;
	// An unknown value shows all responses, as the toggle's first choice does.
	const responses = reportResponses(event.url.searchParams) ?? 'all';
	if (!chosen.ok) return { ...chosen.navigation, invalid: chosen.given, report: null, minimumSample, responses, petitions: null, officialsLink };
	const report = await loadMonthlyReport(db(), agency.id, chosen.month, event.locals.locale, { minimumSample, minimumCell: appConfig().MINIMUM_CELL, responses });
	// Petitions (issue 12): the twelve months up to the report's, by month of receipt.
	const petitions = await caseFigures(db(), agency.id, addMonths(chosen.month, -11), chosen.month);
	return { ...chosen.navigation, invalid: null, report, minimumSample, responses, petitions, officialsLink };
};
