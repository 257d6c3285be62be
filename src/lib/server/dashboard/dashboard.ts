/**
 * The dashboard feature: everything the staff dashboard shows for one set of filters (read and
 * resolved against the agency by scope/), from the estimation engine and the pre-aggregated sums,
 * never raw answers: the period's table and the trends, in the report's shapes
 * (report/monthly-report.ts), trends by criterion and the distribution of answers (this file), and
 * responses per day and per counter (activity.ts).
 */
import type { Kysely } from 'kysely';
import { DEFAULT_MINIMUM_CELL, DIMENSION_KEYS, estimateCriterion, type DimensionKey, type Interval, type Status } from '../../sipas';
import type { Database } from '../db/schema';
import {
	dimensionOfCriterion,
	estimateByGroup,
	estimateCriteria,
	estimateCriteriaWeighted,
	estimateMonths,
	estimatePeriod,
	estimatePeriodWeighted,
	loadJudging,
	type CriterionEstimateRow,
	type EstimateOptions,
	type Judging,
	type Period,
	type WeightingOptions
} from '../estimates';
import type { WeightedView } from '../../report/estimates-view';
import type { Scope } from '../scope/scope';
import { criterionMonths, responsesPerDay } from './activity';
import type { Locale } from '../../i18n';
import { criterionTexts, dimensionNames } from '../survey/labels';
import { fromFirstResponse, periodTable, trendSeries, weightedRows, type MonthlyReport, type PeriodTable } from '../report/monthly-report';
import { trendMonths } from '../scope/filters';
import type { ScopedFilters } from '../scope/resolve-scope';

export interface CriterionTrend {
	key: string;
	text: string;
	/** Month by month: share satisfied (null when nobody answered) and answers 1–5. */
	points: { p: number | null; n: number }[];
}

export interface CounterActivity {
	code: string | null;
	name: string;
	responses: number;
	overall: number | null;
	status: Status | null;
}

export interface DashboardData {
	names: Record<DimensionKey, string>;
	summary: PeriodTable;
	baselineYear: number | null;
	/** The years of the targets used for the period ([2024] when 2024's are carried forward). */
	targetYears: number[];
	trend: MonthlyReport['trend'];
	criterionTrends: Record<DimensionKey, CriterionTrend[]>;
	distribution: (CriterionEstimateRow & { text: string })[];
	perDay: { day: string; responses: number }[];
	perCounter: CounterActivity[];
	/**
	 * SIPAS.md §7 for the period, beside the unweighted table: the report's weighted panel and each
	 * criterion's weighted share (by key). Null for a range of days: the register is counted by
	 * whole months.
	 */
	weighted: DashboardWeighted | null;
}

export interface DashboardWeighted extends WeightedView {
	criteria: Record<string, { p: number | null; interval: Interval | null; kishN: number | null }>;
}

export async function loadDashboard(
	db: Kysely<Database>,
	scoped: ScopedFilters,
	locale: Locale,
	options: EstimateOptions & Partial<WeightingOptions>
): Promise<DashboardData> {
	const { scope, filters } = scoped;
	const months = trendMonths(filters.resolved);
	const judging = await loadJudging(db, scope.agencyId, options);
	const [names, texts, estimate, trend, criteria, criterionSeries, perDay, counters, weighted] = await Promise.all([
		dimensionNames(db, locale),
		criterionTexts(db, scope.agencyId, locale),
		estimatePeriod(db, scope, filters.period, judging),
		estimateMonths(db, scope, months.from, months.to, 'month', judging),
		estimateCriteria(db, scope, filters.period),
		criterionMonths(db, scope, months.from, months.to),
		responsesPerDay(db, scope, filters.resolved),
		estimateByGroup(db, scope, filters.period, 'counter', judging),
		loadWeighted(db, scope, filters.period, judging, { minimumCell: options.minimumCell ?? DEFAULT_MINIMUM_CELL })
	]);

	// Months before the scope's first response are not shown, in either trend.
	const shown = fromFirstResponse(trend);
	const skipped = trend.length - shown.length;
	const criterionTrends = Object.fromEntries(DIMENSION_KEYS.map((key) => [key, [] as CriterionTrend[]])) as Record<DimensionKey, CriterionTrend[]>;
	const orderedKeys = [...criterionSeries.keys()].sort((a, b) => criterionRank(a) - criterionRank(b));
	for (const key of orderedKeys) {
		const dimension = dimensionOfCriterion(key);
		if (!dimension) continue;
		criterionTrends[dimension].push({
			key,
			text: texts[key] ?? key,
			points: criterionSeries.get(key)!.slice(skipped).map((month) => {
				const e = estimateCriterion({ n: month.n, satisfied: month.satisfied });
				return { p: e.p, n: e.n };
			})
		});
	}

	return {
		names,
		summary: periodTable(estimate),
		baselineYear: estimate.baselineYear,
		targetYears: estimate.targetYears,
		trend: trendSeries(shown),
		criterionTrends,
		distribution: criteria.map((row) => ({ ...row, text: texts[row.key] ?? row.key })),
		perDay,
		perCounter: counters
			.map((group) => ({ code: group.code, name: group.name, responses: group.n, overall: group.overall.estimate, status: group.overall.status }))
			.sort((a, b) => b.responses - a.responses || a.name.localeCompare(b.name, 'vi')),
		weighted
	};
}

async function loadWeighted(db: Kysely<Database>, scope: Scope, period: Period, judging: Judging, options: WeightingOptions): Promise<DashboardWeighted | null> {
	if (period.kind === 'range') return null;
	const dual = await estimatePeriodWeighted(db, scope, period, judging, options);
	const criteria = dual.weighting.frame_dossiers > 0 ? await estimateCriteriaWeighted(db, scope, period, dual.weights) : new Map();
	return {
		rows: weightedRows(dual),
		weighting: dual.weighting,
		criteria: Object.fromEntries([...criteria].map(([key, c]) => [key, { p: c.p, interval: c.interval, kishN: c.kishN }]))
	};
}

function criterionRank(key: string): number {
	const dimension = dimensionOfCriterion(key);
	return (dimension ? DIMENSION_KEYS.indexOf(dimension) : DIMENSION_KEYS.length) * 1000 + Number(key.slice(2));
}
