import { DIMENSION_KEYS, shrinkGroups, type DimensionKey } from '../../sipas';
import type { RowKey } from '../../report/rows';
import type { EngineCell, EstimateSet, GroupEstimate } from '../estimates';
import type { Ranking } from '../../report/estimates-view';

export type { RankedGroup, Ranking } from '../../report/estimates-view';

/**
 * Fair comparisons of units, counters or officials (SIPAS.md §9): each group's estimate shrunk
 * towards the common mean, ranked, with its interval and "clearly below" when the interval's upper
 * end is under the mean. The raw estimate and n stay beside the shrunk one. Arranges
 * src/lib/sipas/shrinkage.ts's answer for pages; computes nothing itself.
 */

export interface Rankable {
	name: string;
	code: string | null;
	cell: Pick<EngineCell, 'estimate' | 'variance' | 'n'>;
}

/** The §9 ranking of some groups against the scope's own estimate p̄. */
export function rankGroups(groups: readonly Rankable[], scopeEstimate: number | null): Ranking {
	const result = shrinkGroups(
		groups.map((g, i) => ({ id: i, p: g.cell.estimate, variance: g.cell.variance, n: g.cell.n })),
		scopeEstimate
	);
	return {
		verdict: result.verdict,
		mean: result.mean,
		leftOut: result.leftOut.length,
		groups: result.groups.map((g) => ({
			name: groups[g.id]!.name,
			code: groups[g.id]!.code,
			n: g.n,
			raw: g.p,
			shrunk: g.shrunk,
			lower: g.lower,
			upper: g.upper,
			clearlyBelow: g.clearlyBelow,
			rank: g.rank
		}))
	};
}

/** The keys a report ranks by: the overall index, then each dimension. */
export const RANKING_KEYS: readonly RowKey[] = ['overall', ...DIMENSION_KEYS];

type RankCell = Rankable['cell'];

/** A group as rankingsOf needs it: a GroupEstimate of units or counters, or an official's estimates. */
export type RankableGroup = Pick<GroupEstimate, 'name' | 'code'> & { overall: RankCell; dimensions: Record<DimensionKey, RankCell> };

/** Units, counters or officials ranked on the overall index and on each dimension. */
export function rankingsOf(groups: readonly RankableGroup[], scope: EstimateSet): Record<'overall' | DimensionKey, Ranking> {
	const result = {} as Record<'overall' | DimensionKey, Ranking>;
	result.overall = rankGroups(
		groups.map((g) => ({ name: g.name, code: g.code, cell: g.overall })),
		scope.overall.estimate
	);
	for (const key of DIMENSION_KEYS) {
		result[key] = rankGroups(
			groups.map((g) => ({ name: g.name, code: g.code, cell: g.dimensions[key] })),
			scope.dimensions[key].estimate
		);
	}
	return result;
}
