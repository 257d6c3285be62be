import { STATUSES, type PeriodChange, type Status } from '../sipas';
import type { ReportRow, RowKey } from './rows';

/**
 * The first thing a leader reads in the monthly report, on the page and in the PDF: the overall
 * estimate with its interval, change and status; the dimensions below their target; and what
 * moved since last month beyond chance (SIPAS.md §10). Built from the month's rows and the
 * movement the server computed (server/report/movement.ts); nothing is estimated here.
 */

/** One series (the overall index or a dimension) this month against last month. */
export interface MovementRow {
	key: RowKey;
	current: number | null;
	previous: number | null;
	change: PeriodChange;
}

export interface Headline {
	overall: ReportRow;
	/** Dimensions whose estimate is under the target (below, clearly below), largest shortfall first. */
	belowTarget: ReportRow[];
	/** Dimensions with too few responses to be judged. */
	insufficient: ReportRow[];
	/** Dimensions with a status other than "too few responses" (the denominator of "2 of 7 below"). */
	judged: number;
	/** How many dimensions have each status, best first; statuses no dimension has are left out. */
	tally: { status: Status; count: number }[];
	/** Series whose change since last month is beyond chance, largest change first. */
	beyondChance: MovementRow[];
	/** Series tested and found within chance. */
	withinChance: MovementRow[];
	/** Series that could not be tested (either month under the minimum sample). */
	tooFew: MovementRow[];
}

const shortfall = (row: ReportRow) => (row.cell.target ?? 0) - (row.cell.estimate ?? 0);

export function headline(rows: readonly ReportRow[], movement: readonly MovementRow[]): Headline {
	const overall = rows.find((row) => row.key === 'overall');
	if (!overall) throw new Error('the report rows have no overall index');
	const dimensions = rows.filter((row) => row.kind === 'dimension');
	const belowTarget = dimensions
		.filter((row) => row.cell.status === 'below' || row.cell.status === 'clearly_below')
		.sort((a, b) => shortfall(b) - shortfall(a));
	const insufficient = dimensions.filter((row) => row.cell.status === 'insufficient');
	const judged = dimensions.filter((row) => row.cell.status !== null && row.cell.status !== 'insufficient').length;
	const by = (verdict: PeriodChange['verdict']) => movement.filter((row) => row.change.verdict === verdict);
	const tally = STATUSES.map((status) => ({ status, count: dimensions.filter((row) => row.cell.status === status).length })).filter(
		(entry) => entry.count > 0
	);
	return {
		overall,
		belowTarget,
		insufficient,
		judged,
		tally,
		beyondChance: by('beyond_chance').sort((a, b) => Math.abs(b.change.difference!) - Math.abs(a.change.difference!)),
		withinChance: by('within_chance'),
		tooFew: by('too_few')
	};
}

