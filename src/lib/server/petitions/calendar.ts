import type { Kysely } from 'kysely';
import type { PetitionCategory } from '../../domain/enums';
import { localDayKey, type DayKey } from '../../sipas/calendar';
import type { Database } from '../db/schema';
import { addWorkingDays, type WorkingCalendar } from './working-days';

/** Working days to answer a petition when the administrator has set none for its category. */
export const DEFAULT_DEADLINE_DAYS = 10;

/** The agency's working calendar: its holidays and the weekend days worked in exchange. */
export async function loadCalendar(db: Kysely<Database>, agencyId: number): Promise<WorkingCalendar> {
	const rows = await db.selectFrom('calendar_days').select(['day', 'kind']).where('agency_id', '=', agencyId).execute();
	return {
		holidays: new Set(rows.filter((r) => r.kind === 'holiday').map((r) => r.day)),
		workingWeekendDays: new Set(rows.filter((r) => r.kind === 'working').map((r) => r.day))
	};
}

export async function deadlineDays(db: Kysely<Database>, agencyId: number): Promise<Record<PetitionCategory, number>> {
	const rows = await db.selectFrom('petition_deadlines').select(['category', 'working_days']).where('agency_id', '=', agencyId).execute();
	const days: Record<PetitionCategory, number> = { procedures: DEFAULT_DEADLINE_DAYS, regulations: DEFAULT_DEADLINE_DAYS, official_attitude: DEFAULT_DEADLINE_DAYS, results: DEFAULT_DEADLINE_DAYS, other: DEFAULT_DEADLINE_DAYS };
	for (const row of rows) days[row.category] = row.working_days;
	return days;
}

/** The last working day to answer a petition of this category received at `receivedAt`. */
export async function dueDay(db: Kysely<Database>, agencyId: number, category: PetitionCategory, receivedAt: Date): Promise<DayKey> {
	const [calendar, days] = await Promise.all([loadCalendar(db, agencyId), deadlineDays(db, agencyId)]);
	return addWorkingDays(localDayKey(receivedAt), days[category], calendar);
}
