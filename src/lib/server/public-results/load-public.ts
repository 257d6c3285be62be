import type { Kysely } from 'kysely';
import type { Locale } from '../../i18n';
import type { RowKey, RowKind } from '../../report/rows';
import type { DimensionKey, Status } from '../../sipas';
import { addMonths, localMonthKey, monthsBetween, type MonthKey } from '../../sipas/calendar';
import { ratesByPeriod } from '../../sipas/response-rate';
import type { Database } from '../db/schema';
import { rateCells } from '../dossiers/response-rates';
import { cellForKey, estimateMonths, loadJudging, type EstimateOptions } from '../estimates';
import { REPORT_ROWS } from '../report/monthly-report';
import { dimensionNames } from '../survey/labels';

/**
 * The public results page /p/{agency} (issue 11): on only when an administrator switched it on
 * (agencies.public_results). The last complete months' estimates (SIPAS.md §4) per index and
 * dimension with interval, n, response rate (§8) and status against the target. Only numbers:
 * no comment, no dossier, no unit or counter; and nothing below the minimum sample — such a cell
 * carries its n and "too few responses", never an estimate.
 */

/** How many months the page shows (the table is the last; the chart and its table all of them). */
export const PUBLIC_MONTHS = 6;

export interface PublicCell {
	n: number;
	/** Null below the minimum sample, as are the interval and change. */
	estimate: number | null;
	ci_low: number | null;
	ci_high: number | null;
	target: number | null;
	status: Status | null;
}

export interface PublicResults {
	agency: { code: string; name: string };
	month: MonthKey;
	months: MonthKey[];
	minimumSample: number;
	/** The dimensions' names in the reader's language (the indices' come from the page's strings). */
	names: Record<DimensionKey, string>;
	rows: { key: RowKey; kind: RowKind; cell: PublicCell }[];
	/** The overall index, month by month. */
	trend: { month: MonthKey; cell: PublicCell }[];
	/** §8 of the latest month; null when no dossier was invited. */
	responseRate: { rate: number | null; invited: number; responded: number };
	/** Responses counted in the latest month. */
	responses: number;
}

/** Below the minimum sample a cell keeps only its n and status (which is then 'insufficient'). */
export function publicCell(cell: { n: number; estimate: number | null; ci_low: number | null; ci_high: number | null; target: number | null; status: Status | null }, minimumSample: number): PublicCell {
	if (cell.n < minimumSample || cell.estimate === null) {
		return { n: cell.n, estimate: null, ci_low: null, ci_high: null, target: cell.target, status: 'insufficient' };
	}
	return { n: cell.n, estimate: cell.estimate, ci_low: cell.ci_low, ci_high: cell.ci_high, target: cell.target, status: cell.status };
}

/** The page's numbers, or null when the agency does not exist or its page is off (both answer 404). */
export async function loadPublicResults(
	db: Kysely<Database>,
	agencyCode: string,
	locale: Locale,
	options: EstimateOptions,
	now: Date = new Date()
): Promise<PublicResults | null> {
	const agency = await db
		.selectFrom('agencies')
		.select(['id', 'code', 'name_vi', 'name_en'])
		.where('code', '=', agencyCode)
		.where('public_results', '=', true)
		.executeTakeFirst();
	if (!agency) return null;
	const month = addMonths(localMonthKey(now), -1);
	const from = addMonths(month, -(PUBLIC_MONTHS - 1));
	const judging = await loadJudging(db, agency.id, options);
	const [estimates, dimensions, rates] = await Promise.all([
		estimateMonths(db, { agencyId: agency.id }, from, month, 'month', judging),
		dimensionNames(db, locale),
		rateCells(db, agency.id, from, month)
	]);
	const last = estimates.at(-1)!;
	const rate = ratesByPeriod(rates, monthsBetween(month, month))[0]!;
	return {
		agency: { code: agency.code, name: locale === 'en' ? agency.name_en : agency.name_vi },
		month,
		months: estimates.map((e) => e.period.label),
		minimumSample: options.minimumSample,
		names: dimensions,
		rows: REPORT_ROWS.map(({ key, kind }) => ({ key, kind, cell: publicCell(cellForKey(last, key), options.minimumSample) })),
		trend: estimates.map((e) => ({ month: e.period.label, cell: publicCell(e.overall, options.minimumSample) })),
		responseRate: { rate: rate.rate, invited: rate.invited, responded: rate.responded },
		responses: last.n
	};
}
