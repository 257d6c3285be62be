/**
 * The export feature: the dashboard's filters as files to download, under /a/{agency}/export —
 * the raw responses (raw-responses.ts; CSV streamed, XLSX up to XLSX_MAX_ROWS) and the table of
 * estimates the dashboard shows (estimates-files.ts), each as CSV (BOM, ',' or ';') or XLSX.
 * Every download checks the capability and the filters first (request.ts: bad filters are a 400
 * in words, another agency's ids read as unknown). Files carry raw, unrounded numbers: never the
 * display formats of src/lib/sipas/format.ts, which spreadsheets cannot read back.
 */
import type { RequestEvent } from '@sveltejs/kit';
import { staffTranslator } from '../../i18n/staff';
import { appConfig } from '../config';
import { db } from '../db';
import { DEFAULT_MINIMUM_CELL } from '../../sipas';
import { estimatePeriod, estimatePeriodWeighted, loadJudging } from '../estimates';
import { periodTable, weightedRows } from '../report/monthly-report';
import { dimensionNames } from '../survey/labels';
import { csvDialect } from './csv';
import { downloadResponse } from './download';
import { estimatesCsv, estimatesXlsx, type WeightedExport } from './estimates-files';
import { estimatesExportLabels } from './estimates-labels';
import { countRawResponses } from './raw-responses';
import { badRequest, exportFileName, exportRequest } from './request';
import { XLSX_MAX_ROWS, responsesCsvStream, responsesXlsx } from './responses-files';

/**
 * The dashboard's table of the period (indices and dimensions): ?…filters…[&sep=semicolon] for CSV;
 * &weighting=register adds the register-weighted estimate, interval, design effect and status of
 * each row (SIPAS.md §7), for periods of whole months (a custom range of days answers 400).
 */
export async function downloadEstimates(event: RequestEvent<{ agency: string }>, format: 'csv' | 'xlsx'): Promise<Response> {
	const request = await exportRequest(event);
	if (!request.ok) return request.response;
	const { agency, scoped } = request;
	const locale = event.locals.locale;
	const t = staffTranslator(locale);
	const weighting = event.url.searchParams.get('weighting');
	if (weighting !== null && weighting !== 'none' && weighting !== 'register') return badRequest(t('export.weighted.bad'));
	const period = scoped.filters.period;
	if (weighting === 'register' && period.kind === 'range') return badRequest(t('export.weighted.wholeMonths'));
	const config = appConfig();
	const [judging, names] = await Promise.all([loadJudging(db(), agency.id, { minimumSample: config.MINIMUM_SAMPLE }), dimensionNames(db(), locale)]);
	let table;
	let weighted: WeightedExport | undefined;
	if (weighting === 'register' && period.kind !== 'range') {
		const dual = await estimatePeriodWeighted(db(), scoped.scope, period, judging, { minimumCell: config.MINIMUM_CELL ?? DEFAULT_MINIMUM_CELL });
		table = periodTable(dual.unweighted);
		weighted = { rows: weightedRows(dual), weighting: dual.weighting };
	} else {
		table = periodTable(await estimatePeriod(db(), scoped.scope, period, judging));
	}
	const labels = estimatesExportLabels(locale, scoped.filters.resolved, names);
	const name = exportFileName(t('dashboard.export.estimatesFile'), agency.code, scoped, format);
	const body = format === 'csv' ? estimatesCsv(table, labels, csvDialect(event.url.searchParams), weighted) : await estimatesXlsx(table, labels, weighted);
	return downloadResponse(name, format, body);
}

/**
 * Raw responses of the dashboard's filters: CSV streamed (?…filters…[&sep=semicolon]), or one
 * XLSX sheet of up to XLSX_MAX_ROWS (beyond: 413, and the page offers the CSV).
 */
export async function downloadResponses(event: RequestEvent<{ agency: string }>, format: 'csv' | 'xlsx'): Promise<Response> {
	const request = await exportRequest(event);
	if (!request.ok) return request.response;
	const { agency, scoped } = request;
	const { scope } = scoped;
	const { resolved } = scoped.filters;
	const t = staffTranslator(event.locals.locale);
	const name = exportFileName(t('dashboard.export.responsesFile'), agency.code, scoped, format);
	if (format === 'csv') return downloadResponse(name, 'csv', responsesCsvStream(db(), scope, resolved, csvDialect(event.url.searchParams)));
	const count = await countRawResponses(db(), scope, resolved);
	if (count > XLSX_MAX_ROWS) return badRequest(t('dashboard.export.tooManyForXlsx', { count, max: XLSX_MAX_ROWS }), 413);
	return downloadResponse(name, 'xlsx', await responsesXlsx(db(), scope, resolved, t('dashboard.export.responsesSheet')));
}
