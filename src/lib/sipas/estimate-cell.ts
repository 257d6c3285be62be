import type { Status } from './status';

/**
 * One number of a report — a dimension or an index in a period and scope — with everything a
 * reader needs to judge it. Proportions 0–1, unrounded; null where a value does not exist.
 * The engine fills it (server/estimates/cells.ts); the API, the exports and the report tables
 * (components/charts/EstimateTable.svelte) read the same shape.
 */
export interface EstimateCell {
	/** Responses that answered the dimension (for an index: any of its dimensions). */
	n: number;
	estimate: number | null;
	/** 95% interval at the effective sample size; null when n < 2 or there is no estimate. */
	ci_low: number | null;
	ci_high: number | null;
	baseline: number | null;
	target: number | null;
	/** (estimate − baseline) × 100, in percentage points. */
	change_pp: number | null;
	/**
	 * Against the target; 'insufficient' below the minimum sample or without an estimate; null
	 * only when the agency has no target for the period's year or any earlier one.
	 */
	status: Status | null;
}
