import type { Kysely } from 'kysely';
import { judgeRate, latestRate, ratesByMonth, sumRates, RATE_KINDS, type Rate, type RateCell, type RateKind, type RateVerdict } from '../../plan/rates';
import { tallyStates, type TaskState, taskState, type TaskTally } from '../../plan/tasks';
import type { EstimateCell, Status } from '../../sipas';
import { isDimensionKey } from '../../sipas/dimensions';
import { lastDayOf, localDayKey, localMonthKey, monthKey, monthsBetween, type DayKey, type MonthKey } from '../../sipas/calendar';
import type { Database, PlanMeasure } from '../db/schema';
import { cellForKey, estimatePeriod, loadJudging, plainCell, type Period } from '../estimates';
import { loadPlan, type CriterionView, type PlanHeader, type TaskView } from './queries';
import { rateCells } from './rates-query';

/**
 * The plan's progress for a period — the plan year to date (the page) or one quarter or the
 * whole year (the report): each criterion with its tasks' states as of the period's end (or
 * today), its register rate when a rate measures it, or its SIPAS dimension's estimate with
 * interval and status from the estimation engine. Criteria needing attention — a late task, a
 * rate below target, a SIPAS status below target — come first.
 */
export type ProgressPeriod = { kind: 'plan_year' } | { kind: 'quarter'; quarter: 1 | 2 | 3 | 4 } | { kind: 'year' };

export interface MeasuredRate {
	kind: RateKind;
	/** The period's dossiers together. */
	period: Rate;
	/** The latest month of the period with data. */
	latest: { month: MonthKey; rate: Rate } | null;
	verdict: RateVerdict | null;
}

export interface CriterionProgress extends CriterionView {
	tasksWithState: (TaskView & { state: TaskState })[];
	tally: TaskTally;
	rate: MeasuredRate | null;
	sipas: { cell: EstimateCell; label: string } | null;
	attention: boolean;
}

export interface PlanProgress {
	plan: PlanHeader;
	period: ProgressPeriod;
	months: MonthKey[];
	/** The day task states are judged on: today for the page; for a report the period's last day, or today if earlier. */
	asOf: DayKey;
	criteria: CriterionProgress[];
	/** Every rate of the register for the period, with the target of the criterion it measures. */
	rates: (MeasuredRate & { target: { percent: number; direction: 'at_least' | 'at_most' } | null; code: string | null })[];
	cells: RateCell[];
}

const BELOW: readonly Status[] = ['below', 'clearly_below'];

export function periodMonths(year: number, period: ProgressPeriod): MonthKey[] {
	if (period.kind === 'quarter') return monthsBetween(monthKey(year, period.quarter * 3 - 2), monthKey(year, period.quarter * 3));
	return monthsBetween(monthKey(year, 1), monthKey(year, 12));
}

export async function loadProgress(
	db: Kysely<Database>,
	agencyId: number,
	options: { year?: number; period: ProgressPeriod; now?: Date; minimumSample: number; unitId?: number; procedureFieldId?: number }
): Promise<PlanProgress | null> {
	const view = await loadPlan(db, agencyId, options.year);
	if (!view) return null;
	const now = options.now ?? new Date();
	const thisMonth = localMonthKey(now);
	const today = localDayKey(now);
	const year = view.plan.year;
	const allMonths = periodMonths(year, options.period);
	// Months still to come have nothing to say.
	const months = allMonths.filter((m) => m <= thisMonth);
	const lastDay = lastDayOf(allMonths.at(-1)!);
	// The page shows tasks as they stand today; a report, as they stood at the period's end.
	const asOf = options.period.kind === 'plan_year' || today < lastDay ? today : lastDay;

	// The register's rates, for one unit or procedure field when asked (ids already checked as this agency's).
	const cells = (months.length ? await rateCells(db, agencyId, months[0]!, months.at(-1)!) : []).filter(
		(c) => (options.unitId === undefined || c.unitId === options.unitId) && (options.procedureFieldId === undefined || c.procedureFieldId === options.procedureFieldId)
	);
	const series = ratesByMonth(cells, months);
	const total = sumRates(cells);
	const measured = (kind: RateKind, target: { percent: number; direction: 'at_least' | 'at_most' } | null): MeasuredRate => ({
		kind,
		period: total[kind],
		latest: latestRate(series, kind),
		verdict: judgeRate(total[kind], target)
	});

	// SIPAS: the period's estimate (year to date for the page), through the estimation engine.
	let sipasPeriod: Period | null = null;
	if (months.length) {
		if (options.period.kind === 'quarter') sipasPeriod = { kind: 'quarter', year, quarter: options.period.quarter };
		else sipasPeriod = { kind: 'ytd', month: months.at(-1)! };
	}
	const needsSipas = view.criteria.some((c) => c.kind === 'sipas');
	const estimate = sipasPeriod && needsSipas ? await estimatePeriod(db, { agencyId }, sipasPeriod, await loadJudging(db, agencyId, { minimumSample: options.minimumSample })) : null;

	const criteria: CriterionProgress[] = view.criteria.map((c) => {
		// A task done after the period's end was not done yet then.
		const tasksWithState = c.tasks.map((t) => {
			const asThen = t.doneOn !== null && t.doneOn > asOf ? { status: 'in_progress' as const, due_on: t.dueOn, done_on: null } : { status: t.status, due_on: t.dueOn, done_on: t.doneOn };
			return { ...t, state: taskState(asThen, asOf) };
		});
		const tally = tallyStates(tasksWithState.map((t) => t.state));
		const target = c.targetPercent !== null && c.direction ? { percent: c.targetPercent, direction: c.direction } : null;
		const rate = c.kind === 'par' && c.measure ? measured(c.measure, target) : null;
		const sipas =
			c.kind === 'sipas' && c.dimensionKey && isDimensionKey(c.dimensionKey) && estimate
				? { cell: plainCell(cellForKey(estimate, c.dimensionKey)), label: estimate.period.label }
				: null;
		const attention = tally.late > 0 || rate?.verdict === 'below' || (sipas?.cell.status != null && BELOW.includes(sipas.cell.status));
		return { ...c, tasksWithState, tally, rate, sipas, attention };
	});
	criteria.sort((a, b) => Number(b.attention) - Number(a.attention) || a.position - b.position);

	const byMeasure = new Map<PlanMeasure, CriterionView>();
	for (const c of view.criteria) if (c.measure && !byMeasure.has(c.measure)) byMeasure.set(c.measure, c);
	const rates = RATE_KINDS.map((kind) => {
		const c = byMeasure.get(kind);
		const target = c && c.targetPercent !== null && c.direction ? { percent: c.targetPercent, direction: c.direction } : null;
		return { ...measured(kind, target), target, code: c?.code ?? null };
	});
	return { plan: view.plan, period: options.period, months, asOf, criteria, rates, cells };
}
