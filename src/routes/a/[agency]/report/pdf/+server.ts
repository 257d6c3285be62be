import { error } from '@sveltejs/kit';
import { staffTranslator } from '$lib/i18n/staff';
import { requireAgency } from '$lib/server/auth/guard';
import { appConfig } from '$lib/server/config';
import { db } from '$lib/server/db';
import { loadMonthlyReport } from '$lib/server/report/monthly-report';
import { reportMonth, reportResponses } from '$lib/server/report/report-month';
import { downloadResponse } from '$lib/server/export/download';
import { monthlyReportPdf } from '$lib/server/report/pdf/monthly-report-pdf';
import { caseFigures } from '$lib/server/petitions/figures';
import { addMonths } from '$lib/sipas/calendar';
import type { RequestHandler } from './$types';

/** The monthly report as a PDF: /a/{agency}/report/pdf?month=YYYY-MM (default: the last complete month, as the page). */
export const GET: RequestHandler = async (event) => {
	const { agency } = await requireAgency(event, event.params.agency, 'report:read');
	const locale = event.locals.locale;
	const t = staffTranslator(locale);
	const chosen = reportMonth(event.url.searchParams);
	if (!chosen.ok) error(400, { message: t('report.error.month', { value: chosen.given, current: chosen.navigation.current }) });
	const responses = reportResponses(event.url.searchParams);
	if (responses === null) error(400, { message: t('report.error.responses') });
	const minimumSample = appConfig().MINIMUM_SAMPLE;
	const report = await loadMonthlyReport(db(), agency.id, chosen.month, locale, { minimumSample, responses });
	const pdf = await monthlyReportPdf({
		report,
		agencyName: locale === 'en' ? agency.name_en : agency.name_vi,
		locale,
		minimumSample,
		inProgress: chosen.navigation.inProgress,
		verifiedOnly: responses === 'verified',
		// Petitions (issue 12), as on the page: the twelve months up to the report's.
		petitions: await caseFigures(db(), agency.id, addMonths(chosen.month, -11), chosen.month)
	});
	return downloadResponse(t('report.pdf.fileName', { agency: agency.code, month: chosen.month }), 'pdf', pdf);
};
