import { DIMENSION_KEYS, type DimensionKey } from '../../sipas';
import type { GroupEstimate } from '../estimates';

/** One unit or counter that lowers a dimension's estimate. */
export interface PullingGroup {
	name: string;
	code: string | null;
	/** Responses of the group that answered the dimension. */
	n: number;
	estimate: number | null;
	/**
	 * By how many percentage points the agency's estimate would rise if this group did as well as
	 * the agency as a whole (−pullDown × 100), so always positive here.
	 */
	points: number;
}

/** How many groups the report names per dimension. */
export const PULLING_GROUPS = 3;

/**
 * For each dimension, the groups that pull it down most (engine's GroupCell.pullDown, most
 * negative first), at most `limit` of them. Groups that lift the estimate, or that answered
 * nothing in the dimension, are left out, so a dimension may list none.
 */
export function pullingDown(groups: readonly GroupEstimate[], limit = PULLING_GROUPS): Record<DimensionKey, PullingGroup[]> {
	const result = {} as Record<DimensionKey, PullingGroup[]>;
	for (const key of DIMENSION_KEYS) {
		result[key] = groups
			.filter((group) => (group.dimensions[key].pullDown ?? 0) < 0)
			.sort((a, b) => a.dimensions[key].pullDown! - b.dimensions[key].pullDown! || a.name.localeCompare(b.name, 'vi'))
			.slice(0, limit)
			.map((group) => ({
				name: group.name,
				code: group.code,
				n: group.dimensions[key].n,
				estimate: group.dimensions[key].estimate,
				points: -group.dimensions[key].pullDown! * 100
			}));
	}
	return result;
}
