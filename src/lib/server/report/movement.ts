import { changeBetweenPeriods } from '../../sipas';
import type { MovementRow } from '../../report/headline';
import type { RowKey } from '../../report/rows';
import { cellForKey, type PeriodEstimate } from '../estimates';

/**
 * This month against last month, for each series of the trend (the overall index and each
 * dimension): the difference, its interval and whether it is beyond chance (SIPAS.md §10), from
 * each month's estimate and linearised variance. The two months share no days, so their samples
 * are independent.
 */
export function monthMovement(current: PeriodEstimate, previous: PeriodEstimate, keys: readonly RowKey[], minimumSample: number): MovementRow[] {
	return keys.map((key) => {
		const a = cellForKey(current, key);
		const b = cellForKey(previous, key);
		return {
			key,
			current: a.estimate,
			previous: b.estimate,
			change: changeBetweenPeriods({ p: a.estimate, variance: a.variance, n: a.n }, { p: b.estimate, variance: b.variance, n: b.n }, minimumSample)
		};
	});
}
