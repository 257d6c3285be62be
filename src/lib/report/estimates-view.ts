import type { DimensionKey, EstimateCell, ShrinkageVerdict } from '../sipas';
import type { RateCount } from '../sipas/response-rate';
import type { RowKey, RowKind } from './rows';

/**
 * The shapes the weighted table and the rankings are drawn from (issue 11). The server fills them
 * (server/report/monthly-report.ts, ranking.ts, officials); components read them, so they live
 * outside the server.
 */

/** One index or dimension with its unweighted (§4) and register-weighted (§7) cell. */
export interface WeightedRow {
	key: RowKey;
	kind: RowKind;
	unweighted: EstimateCell;
	weighted: EstimateCell & { deff: number | null };
	missing: DimensionKey[];
}

/** What a weighted panel says beside its table (server/estimates/weighted.ts fills a superset: Weighting). */
export interface WeightingView {
	frame_dossiers: number;
	coverage: number | null;
	unweighted_responses: number;
	response_rate: RateCount;
	low_response_rate: boolean;
}

/** One period weighted by the register, as the panel shows it (components/charts/WeightedPanel.svelte). */
export interface WeightedView {
	rows: WeightedRow[];
	weighting: WeightingView;
}

export interface RankedGroup {
	name: string;
	code: string | null;
	/** Responses of the group that answered the dimension (or any dimension of the index). */
	n: number;
	/** The group's own estimate (§4). */
	raw: number;
	/** Null with too few groups to compare. */
	shrunk: number | null;
	lower: number | null;
	upper: number | null;
	clearlyBelow: boolean;
	rank: number | null;
}

/** §9's ranking of some groups. */
export interface Ranking {
	verdict: ShrinkageVerdict;
	/** μ*, the mean the groups are shrunk towards; null with too few groups. */
	mean: number | null;
	groups: RankedGroup[];
	/** Groups with fewer than 2 responses (no variance), left out of the comparison. */
	leftOut: number;
}
