import type { Kysely } from 'kysely';
import { PETITION_CATEGORIES, type PetitionCategory } from '../../domain/enums';
import { addMonths, localDayKey, localMonthKey, monthsBetween, startOfLocalMonth, type MonthKey } from '../../sipas/calendar';
import type { Database } from '../db/schema';
import { loadCalendar } from './calendar';
import { workingDaysBetween, type WorkingCalendar } from './working-days';

/**
 * The case figures of the dashboard and the report, by month of receipt, category and unit:
 * received; answered (answered, or declined with a reason: both are an answer to the citizen);
 * on time (answered no later than the due day); the median of working days from receipt to answer;
 * the share of satisfied verdicts among citizens who rated the answer. Shares are null where
 * nothing was counted. Counted from the cases themselves (a few hundred a month).
 */
export interface FigureRow {
	received: number;
	answered: number;
	onTime: number;
	onTimeShare: number | null;
	medianDays: number | null;
	rated: number;
	satisfiedShare: number | null;
}

export interface CaseFigures {
	from: MonthKey;
	to: MonthKey;
	months: (FigureRow & { month: MonthKey })[];
	categories: (FigureRow & { category: PetitionCategory })[];
	units: (FigureRow & { unit: string | null })[];
	total: FigureRow;
}

interface CaseRow {
	receivedAt: Date;
	dueOn: string;
	answeredAt: Date | null;
	closedAt: Date | null;
	state: string;
	category: PetitionCategory;
	unitName: string | null;
	satisfied: boolean | null;
}

export async function caseFigures(db: Kysely<Database>, agencyId: number, from: MonthKey, to: MonthKey): Promise<CaseFigures> {
	const [rows, calendar] = await Promise.all([
		db
			.selectFrom('petitions')
			.leftJoin('units', 'units.id', 'petitions.unit_id')
			.select(['petitions.received_at as receivedAt', 'petitions.due_on as dueOn', 'petitions.answered_at as answeredAt', 'petitions.closed_at as closedAt', 'petitions.state', 'petitions.category', 'units.name as unitName', 'petitions.citizen_satisfied as satisfied'])
			.where('petitions.agency_id', '=', agencyId)
			.where('petitions.received_at', '>=', startOfLocalMonth(from))
			.where('petitions.received_at', '<', startOfLocalMonth(addMonths(to, 1)))
			.execute(),
		loadCalendar(db, agencyId)
	]);
	const cases = rows as CaseRow[];
	const months = monthsBetween(from, to).map((month) => ({ month, ...figures(cases.filter((c) => localMonthKey(new Date(c.receivedAt)) === month), calendar) }));
	const categories = PETITION_CATEGORIES.map((category) => ({ category, ...figures(cases.filter((c) => c.category === category), calendar) }));
	const unitNames = [...new Set(cases.map((c) => c.unitName))].sort((a, b) => (a === null ? 1 : b === null ? -1 : a.localeCompare(b, 'vi')));
	const units = unitNames.map((unit) => ({ unit, ...figures(cases.filter((c) => c.unitName === unit), calendar) }));
	return { from, to, months, categories, units, total: figures(cases, calendar) };
}

/** When the citizen got an answer: the answer, or the refusal with its reason. */
function answeredAt(c: CaseRow): Date | null {
	if (c.answeredAt) return new Date(c.answeredAt);
	return c.state === 'declined' && c.closedAt ? new Date(c.closedAt) : null;
}

export function figures(cases: readonly CaseRow[], calendar: WorkingCalendar): FigureRow {
	const answered = cases.filter((c) => answeredAt(c) !== null);
	const onTime = answered.filter((c) => localDayKey(answeredAt(c)!) <= c.dueOn).length;
	const days = answered.map((c) => workingDaysBetween(localDayKey(new Date(c.receivedAt)), localDayKey(answeredAt(c)!), calendar)).sort((a, b) => a - b);
	const rated = cases.filter((c) => c.satisfied !== null);
	const satisfied = rated.filter((c) => c.satisfied).length;
	return {
		received: cases.length,
		answered: answered.length,
		onTime,
		onTimeShare: answered.length ? onTime / answered.length : null,
		medianDays: median(days),
		rated: rated.length,
		satisfiedShare: rated.length ? satisfied / rated.length : null
	};
}

export function median(sorted: readonly number[]): number | null {
	if (sorted.length === 0) return null;
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
