import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { instantOfLocal, localDate } from '../../sipas/calendar';

/** A few numbers for an agency's landing page, each one cheap (indexed by agency and time). */
export interface AgencyOverview {
	activeCounters: number;
	inactiveCounters: number;
	responsesThisMonth: number;
	lastResponseAt: Date | null;
	activeVersion: number | null;
	month: { year: number; month: number };
}

/** The first instant of the month of `now` in Asia/Ho_Chi_Minh (UTC+7, no daylight saving). */
export function monthStart(now: Date): { start: Date; year: number; month: number } {
	const { year, month } = localDate(now);
	return { start: instantOfLocal(year, month, 1), year, month };
}

export async function agencyOverview(db: Kysely<Database>, agencyId: number, now = new Date()): Promise<AgencyOverview> {
	const { start, year, month } = monthStart(now);
	const [counters, responses, last, version] = await Promise.all([
		db.selectFrom('counters').select(['active', (eb) => eb.fn.countAll<number>().as('n')]).where('agency_id', '=', agencyId).groupBy('active').execute(),
		db.selectFrom('responses').select((eb) => eb.fn.countAll<number>().as('n')).where('agency_id', '=', agencyId).where('submitted_at', '>=', start).executeTakeFirstOrThrow(),
		db.selectFrom('responses').select('submitted_at').where('agency_id', '=', agencyId).orderBy('submitted_at', 'desc').limit(1).executeTakeFirst(),
		db.selectFrom('survey_versions').select('number').where('agency_id', '=', agencyId).where('active', '=', true).executeTakeFirst()
	]);
	return {
		activeCounters: Number(counters.find((c) => c.active)?.n ?? 0),
		inactiveCounters: Number(counters.find((c) => !c.active)?.n ?? 0),
		responsesThisMonth: Number(responses.n),
		lastResponseAt: last?.submitted_at ?? null,
		activeVersion: version?.number ?? null,
		month: { year, month }
	};
}
