import { error } from '@sveltejs/kit';
import type { Kysely } from 'kysely';
import type { Locale } from '../../i18n';
import type { AgencyRef } from '../auth/guard';
import type { Database } from '../db/schema';
import { contentDisposition } from '../export/download';
import { loadProgress } from './progress';
import { buildPlanReport, readReportPeriod } from './report';
import { planReportDocx } from './report-docx';
import { planReportPdf } from './report-pdf';
import { planRatesXlsx } from './rates-xlsx';

/**
 * The plan's downloads (routes /a/{agency}/plan/report.docx|report.pdf|rates.xlsx): the query is
 * read here (?year=2024&period=q3|year), a year without a plan answers 404, a bad period 400.
 */
const TYPES = {
	docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	pdf: 'application/pdf',
	xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
} as const;

function download(name: string, type: keyof typeof TYPES, body: Buffer): Response {
	return new Response(new Uint8Array(body), {
		headers: { 'content-type': TYPES[type], 'content-disposition': contentDisposition(name), 'content-length': String(body.length), 'cache-control': 'private, no-store' }
	});
}

function yearOf(params: URLSearchParams): number {
	const year = params.get('year') ?? '';
	if (!/^\d{4}$/.test(year)) error(400, { message: 'year: must be a year such as 2024' });
	return Number(year);
}

export async function planReportDownload(db: Kysely<Database>, agency: AgencyRef, params: URLSearchParams, format: 'docx' | 'pdf', locale: Locale, minimumSample: number): Promise<Response> {
	const year = yearOf(params);
	const period = readReportPeriod(params.get('period'));
	if (!period) error(400, { message: 'period: must be q1, q2, q3, q4 or year' });
	const report = await buildPlanReport(db, agency, { year, period, locale, minimumSample });
	if (!report) error(404, { message: 'not_found' });
	const body = format === 'docx' ? await planReportDocx(report) : await planReportPdf(report);
	return download(`${report.fileBase}.${format}`, format, body);
}

export async function planRatesDownload(db: Kysely<Database>, agency: AgencyRef, params: URLSearchParams, locale: Locale, minimumSample: number): Promise<Response> {
	const year = yearOf(params);
	const progress = await loadProgress(db, agency.id, { year, period: { kind: 'year' }, minimumSample });
	if (!progress || progress.plan.year !== year) error(404, { message: 'not_found' });
	const [units, fields] = await Promise.all([
		db.selectFrom('units').select(['id', 'name']).where('agency_id', '=', agency.id).execute(),
		db.selectFrom('procedure_fields').select(['id', 'name']).where('agency_id', '=', agency.id).execute()
	]);
	const body = await planRatesXlsx(progress, { units: new Map(units.map((u) => [u.id, u.name])), fields: new Map(fields.map((f) => [f.id, f.name])) }, locale);
	return download(`ty-le-ke-hoach-${year}.xlsx`, 'xlsx', body);
}
