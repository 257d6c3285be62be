/**
 * The report feature: the leadership's monthly report, computed here (loadMonthlyReport) for one
 * agency and month — the month's table, the year to date and the rolling three months beside it,
 * twelve months of trend, and the units and counters that pull each dimension down (pull-down.ts)
 * — and what moved since last month beyond chance (movement.ts, SIPAS.md §10), for the month
 * report-month.ts picks, shown as a page and as a PDF (pdf/); and the Report API
 * for other systems (estimates-api.ts). It only arranges the estimation engine's answers
 * (estimates/) in the report's order: no estimate, baseline or status is computed here.
 */
import type { Kysely } from 'kysely';
import type { Locale } from '../../i18n';
import type { ReportRow, RowKey, RowKind } from '../../report/rows';
import { DIMENSION_KEYS, INDEXES, type DimensionKey } from '../../sipas';
import type { Database } from '../db/schema';
import { addMonths, type MonthKey } from '../../sipas/calendar';
import {
	cellForKey,
	estimateByGroup,
	estimateMonths,
	estimatePeriod,
	loadJudging,
	plainCell,
	type EstimateCell,
	type EstimateOptions,
	type PeriodEstimate
} from '../estimates';
import type { Scope } from '../scope/scope';
import type { ReportResponses } from './report-month';
import { dimensionNames } from '../survey/labels';
import { pullingDown, type PullingGroup } from './pull-down';
import { monthMovement } from './movement';
import type { MovementRow } from '../../report/headline';
import { changePoints, DEFAULT_MINIMUM_CELL } from '../../sipas';
import {
	estimateMonthsWeighted,
	estimatePeriodWeighted,
	weightedCellForKey,
	type DualPeriodEstimate,
	type WeightedCell,
	type Weighting,
	type WeightingOptions
} from '../estimates';
import { listOfficialResults } from '../official-results/store';
import { rankingsOf, type Ranking } from './ranking';
import type { WeightedRow } from '../../report/estimates-view';

export type { WeightedRow } from '../../report/estimates-view';

/**
 * The report's rows, top to bottom: the overall index, then each sub-index followed by its
 * dimensions, in the plan's order of dimensions (policy, then service).
 */
export const REPORT_ROWS: readonly { key: RowKey; kind: RowKind }[] = [
	{ key: 'overall', kind: 'index' },
	...INDEXES.filter((index) => index.key !== 'overall')
		.sort((a, b) => DIMENSION_KEYS.indexOf(a.dimensions[0]!) - DIMENSION_KEYS.indexOf(b.dimensions[0]!))
		.flatMap((index) => [
			{ key: index.key, kind: 'index' as const },
			...(index.dimensions as readonly DimensionKey[]).map((key) => ({ key, kind: 'dimension' as const }))
		])
];

/** The series the trend charts draw: the overall index, then each dimension. */
export const TREND_KEYS: readonly RowKey[] = ['overall', ...DIMENSION_KEYS];
export const REPORT_TREND_MONTHS = 12;

export interface PeriodTable {
	/** Responses counted in the period. */
	n: number;
	rows: ReportRow[];
}

/** One month of a trend: its cell without change and status. */
export type TrendPoint = { month: MonthKey } & Pick<EstimateCell, 'n' | 'estimate' | 'ci_low' | 'ci_high' | 'baseline' | 'target'>;

export interface MonthlyReport {
	month: MonthKey;
	/** The year of the baselines (2023 for the plan's months); null without any. */
	baselineYear: number | null;
	/** The years of the targets that judge the month ([2024] when 2024's are carried forward). */
	targetYears: number[];
	names: Record<DimensionKey, string>;
	thisMonth: PeriodTable;
	ytd: PeriodTable;
	rolling3: PeriodTable;
	trend: { months: MonthKey[]; series: Record<RowKey, TrendPoint[]> };
	pullingDown: { units: Record<DimensionKey, PullingGroup[]>; counters: Record<DimensionKey, PullingGroup[]> };
	/** The month before, and each trend series this month against it (SIPAS.md §10). */
	movement: { previousMonth: MonthKey; rows: MovementRow[] };
	/** §7: the month weighted by the dossier register beside the unweighted estimate, and its trend. */
	weighted?: WeightedReport;
	/** §9: units and counters ranked by shrunk estimate, on the overall index and each dimension. */
	rankings?: { units: Record<'overall' | DimensionKey, Ranking>; counters: Record<'overall' | DimensionKey, Ranking> };
	/** The year so far beside the official SIPAS results recorded for that year. */
	year?: YearComparison;
}

export interface WeightedReport {
	rows: WeightedRow[];
	weighting: Weighting;
	/** The weighted estimate of each trend series, month by month (the chart draws both). */
	trend: Record<RowKey, TrendPoint[]>;
}

export interface YearComparison {
	year: number;
	/** The last month counted (the report's month): the year to date. */
	throughMonth: MonthKey;
	unweighted: EstimateCell;
	weighted: EstimateCell & { deff: number | null };
	weighting: Weighting;
	/** Each official result recorded for the year, with the gap of ours to it in points. */
	official: {
		scope: string;
		source: string | null;
		items: { key: RowKey; official: number; unweighted: number | null; weighted: number | null; gapUnweighted: number | null; gapWeighted: number | null }[];
	}[];
}

/** The weighted table of one period: each row's unweighted and weighted cells side by side. */
export function weightedRows(estimate: DualPeriodEstimate): WeightedRow[] {
	return REPORT_ROWS.map(({ key, kind }) => {
		const unweighted = cellForKey(estimate.unweighted, key);
		const weighted = weightedCellForKey(estimate.weighted, key);
		return { key, kind, unweighted: plainCell(unweighted), weighted: { ...plainCell(weighted), deff: weighted.deff }, missing: unweighted.missingDimensions ?? [] };
	});
}

export function periodTable(estimate: PeriodEstimate): PeriodTable {
	return {
		n: estimate.n,
		rows: REPORT_ROWS.map(({ key, kind }) => {
			const cell = cellForKey(estimate, key);
			return { key, kind, cell: plainCell(cell), missing: cell.missingDimensions ?? [] };
		})
	};
}

export async function loadMonthlyReport(
	db: Kysely<Database>,
	agencyId: number,
	month: MonthKey,
	locale: Locale,
	options: EstimateOptions & Partial<WeightingOptions> & { responses?: ReportResponses }
): Promise<MonthlyReport> {
	// Verified only: responses through a dossier's invitation (the month sums' verified key).
	const scope: Scope = options.responses === 'verified' ? { agencyId, verified: true } : { agencyId };
	const weighting = { minimumCell: options.minimumCell ?? DEFAULT_MINIMUM_CELL };
	const [names, judging] = await Promise.all([dimensionNames(db, locale), loadJudging(db, agencyId, options)]);
	const year = Number(month.slice(0, 4));
	const [weightedTrend, weightedYtd, official] = await Promise.all([
		estimateMonthsWeighted(db, scope, addMonths(month, -(REPORT_TREND_MONTHS - 1)), month, 'month', judging, weighting),
		estimatePeriodWeighted(db, scope, { kind: 'ytd', month }, judging, weighting),
		listOfficialResults(db, agencyId, year)
	]);
	const [monthEstimate, ytd, rolling3, trend, units, counters] = await Promise.all([
		estimatePeriod(db, scope, { kind: 'month', month }, judging),
		estimatePeriod(db, scope, { kind: 'ytd', month }, judging),
		estimatePeriod(db, scope, { kind: 'rolling3', month }, judging),
		estimateMonths(db, scope, addMonths(month, -(REPORT_TREND_MONTHS - 1)), month, 'month', judging),
		estimateByGroup(db, scope, { kind: 'month', month }, 'unit', judging),
		estimateByGroup(db, scope, { kind: 'month', month }, 'counter', judging)
	]);
	// The trend's last two months are this month and the one before (REPORT_TREND_MONTHS ≥ 2).
	const previous = trend.at(-2)!;
	return {
		month,
		baselineYear: monthEstimate.baselineYear,
		targetYears: monthEstimate.targetYears,
		names,
		thisMonth: periodTable(monthEstimate),
		ytd: periodTable(ytd),
		rolling3: periodTable(rolling3),
		trend: trendSeries(fromFirstResponse(trend)),
		pullingDown: { units: pullingDown(units), counters: pullingDown(counters) },
		movement: { previousMonth: previous.period.label, rows: monthMovement(monthEstimate, previous, TREND_KEYS, options.minimumSample) },
		weighted: {
			rows: weightedRows(weightedTrend.at(-1)!),
			weighting: weightedTrend.at(-1)!.weighting,
			trend: weightedTrendSeries(weightedTrend.slice(weightedTrend.length - fromFirstResponse(trend).length))
		},
		rankings: { units: rankingsOf(units, monthEstimate), counters: rankingsOf(counters, monthEstimate) },
		year: yearComparison(year, month, weightedYtd, official)
	};
}

function weightedTrendSeries(estimates: readonly DualPeriodEstimate[]): Record<RowKey, TrendPoint[]> {
	return Object.fromEntries(
		TREND_KEYS.map((key) => [
			key,
			estimates.map((estimate): TrendPoint => {
				const cell = weightedCellForKey(estimate.weighted, key);
				return { month: estimate.unweighted.period.label, n: cell.n, estimate: cell.estimate, ci_low: cell.ci_low, ci_high: cell.ci_high, baseline: cell.baseline, target: cell.target };
			})
		])
	) as Record<RowKey, TrendPoint[]>;
}

/**
 * The year to date beside each official result of that year: the gap is ours − official in
 * percentage points, for the overall index and every dimension the official result published.
 */
export function yearComparison(
	year: number,
	month: MonthKey,
	ytd: DualPeriodEstimate,
	official: readonly { scope: string; source: string | null; overall: number | null; dimensions: Record<string, number> }[]
): YearComparison {
	const overallWeighted = ytd.weighted.overall as WeightedCell;
	return {
		year,
		throughMonth: month,
		unweighted: plainCell(ytd.unweighted.overall),
		weighted: { ...plainCell(overallWeighted), deff: overallWeighted.deff },
		weighting: ytd.weighting,
		official: official.map((result) => {
			const published: [RowKey, number][] = [
				...(result.overall !== null ? [['overall', result.overall] as [RowKey, number]] : []),
				...DIMENSION_KEYS.flatMap((key) => (result.dimensions[key] !== undefined ? [[key, result.dimensions[key]!] as [RowKey, number]] : []))
			];
			return {
				scope: result.scope,
				source: result.source,
				items: published.map(([key, percent]) => {
					const officialValue = percent / 100;
					const unweighted = cellForKey(ytd.unweighted, key).estimate;
					const weighted = weightedCellForKey(ytd.weighted, key).estimate;
					return {
						key,
						official: officialValue,
						unweighted,
						weighted,
						gapUnweighted: changePoints(unweighted, officialValue),
						gapWeighted: changePoints(weighted, officialValue)
					};
				})
			};
		})
	};
}

/**
 * The series from its first month with any response: an agency that began surveying in March
 * shows no empty months before it. Later gaps stay (a month without responses is news). A series
 * with no response at all is kept whole, so the chart still shows its months.
 */
export function fromFirstResponse(estimates: readonly PeriodEstimate[]): PeriodEstimate[] {
	const first = estimates.findIndex((estimate) => estimate.n > 0);
	return first <= 0 ? [...estimates] : estimates.slice(first);
}

export function trendSeries(estimates: readonly PeriodEstimate[]): MonthlyReport['trend'] {
	const series = Object.fromEntries(
		TREND_KEYS.map((key) => [
			key,
			estimates.map((estimate): TrendPoint => {
				const cell = cellForKey(estimate, key);
				return {
					month: estimate.period.label,
					n: cell.n,
					estimate: cell.estimate,
					ci_low: cell.ci_low,
					ci_high: cell.ci_high,
					baseline: cell.baseline,
					target: cell.target
				};
			})
		])
	) as Record<RowKey, TrendPoint[]>;
	return { months: estimates.map((estimate) => estimate.period.label), series };
}
