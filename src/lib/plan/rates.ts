import { addMonths, startOfLocalMonth, type MonthKey } from '../sipas/calendar';

/**
 * The plan's rates from the dossier register (README "Improvement plan"), as pure arithmetic over
 * the counts the database groups by Asia/Ho_Chi_Minh month, unit and procedure field
 * (server/plan/rates-query.ts). Each rate keeps its numerator and denominator; a rate whose
 * denominator is 0 — no dossier, or a column never filled — is "no data" (null), never 0%.
 * Cells left empty are counted apart (`unknown`), so a reader sees how much of the register said.
 *
 * - on_time: dossiers returned in the month that had a due date; returned ≤ due. Month of return.
 * - synced: dossiers received in the month whose synced_national is filled; synced ones.
 * - digitised: the same with digitised.
 * - full_online: dossiers received of full-process online services; filed online (channel).
 * - paid_online: dossiers received of fee-bearing procedures whose paid_online is filled; paid online.
 */
export const RATE_KINDS = ['on_time', 'synced', 'digitised', 'full_online', 'paid_online'] as const;
export type RateKind = (typeof RATE_KINDS)[number];

export interface RateCounts {
	numerator: number;
	denominator: number;
	/** Rows the rate could not judge: the column (or due date) left empty. */
	unknown: number;
}

/** One group of the database's answer. */
export interface RateCell extends RateCounts {
	kind: RateKind;
	month: MonthKey;
	unitId: number;
	procedureFieldId: number;
}

export interface Rate extends RateCounts {
	/** numerator / denominator (0–1); null when the denominator is 0: "no data". */
	value: number | null;
}

export interface RateTarget {
	/** Percent, 30 for 30%. */
	percent: number;
	direction: 'at_least' | 'at_most';
}

export type RateVerdict = 'met' | 'below' | 'no_data';

export function rateOf(counts: RateCounts): Rate {
	return { ...counts, value: counts.denominator > 0 ? counts.numerator / counts.denominator : null };
}

/** Adds the cells that pass `keep`, per kind. */
export function sumRates(cells: readonly RateCell[], keep: (cell: RateCell) => boolean = () => true): Record<RateKind, Rate> {
	const totals = Object.fromEntries(RATE_KINDS.map((k) => [k, { numerator: 0, denominator: 0, unknown: 0 }])) as Record<RateKind, RateCounts>;
	for (const cell of cells) {
		if (!keep(cell)) continue;
		const total = totals[cell.kind];
		total.numerator += cell.numerator;
		total.denominator += cell.denominator;
		total.unknown += cell.unknown;
	}
	return Object.fromEntries(RATE_KINDS.map((k) => [k, rateOf(totals[k])])) as Record<RateKind, Rate>;
}

/** Rates per month, in order, every month of the range present (an empty month: no data). */
export function ratesByMonth(cells: readonly RateCell[], months: readonly MonthKey[], keep?: (cell: RateCell) => boolean): { month: MonthKey; rates: Record<RateKind, Rate> }[] {
	return months.map((month) => ({ month, rates: sumRates(cells, (c) => c.month === month && (!keep || keep(c))) }));
}

/**
 * Against the plan's target. A rate is compared in whole hundredths of a percent, so 30% of
 * 1,000 dossiers (300) meets "at least 30%" despite floating point.
 */
export function judgeRate(rate: Rate, target: RateTarget | null): RateVerdict | null {
	if (rate.value === null) return 'no_data';
	if (!target) return null;
	const basisPoints = Math.round(rate.value * 10_000);
	const wanted = Math.round(target.percent * 100);
	return (target.direction === 'at_least' ? basisPoints >= wanted : basisPoints <= wanted) ? 'met' : 'below';
}

/** The latest month of the list whose rate has data, and that rate. */
export function latestRate(series: readonly { month: MonthKey; rates: Record<RateKind, Rate> }[], kind: RateKind): { month: MonthKey; rate: Rate } | null {
	for (let i = series.length - 1; i >= 0; i--) {
		const point = series[i]!;
		if (point.rates[kind].value !== null) return { month: point.month, rate: point.rates[kind] };
	}
	return null;
}

/** The instants the SQL reads between: the first of `from` to the first of the month after `to`, local time. */
export function monthSpan(from: MonthKey, to: MonthKey): { start: Date; end: Date } {
	return { start: startOfLocalMonth(from), end: startOfLocalMonth(addMonths(to, 1)) };
}

/** "84,3%" / "84.3%", one decimal; the caller shows "no data" for null. */
export function formatRate(value: number, locale: 'vi' | 'en'): string {
	return `${new Intl.NumberFormat(locale === 'vi' ? 'vi-VN' : 'en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value * 100)}%`;
}
