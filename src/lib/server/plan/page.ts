import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { loadProgress, type PlanProgress } from './progress';
import { planYears } from './queries';

/**
 * What the plan page shows: the chosen (or latest) plan's progress for its year to date, the years
 * to choose from, and, for administrators, the units and people tasks can be given to.
 */
export interface PlanPage {
	years: number[];
	progress: PlanProgress | null;
	units: { id: number; name: string }[];
	people: { id: number; label: string }[];
}

export async function loadPlanPage(db: Kysely<Database>, agencyId: number, options: { year?: number; minimumSample: number; forAdmin: boolean; now?: Date }): Promise<PlanPage> {
	const years = await planYears(db, agencyId);
	const year = options.year !== undefined && years.includes(options.year) ? options.year : years[0];
	const progress = year === undefined ? null : await loadProgress(db, agencyId, { year, period: { kind: 'plan_year' }, minimumSample: options.minimumSample, now: options.now });
	const [units, people] = options.forAdmin
		? await Promise.all([
				db.selectFrom('units').select(['id', 'name']).where('agency_id', '=', agencyId).orderBy('name').execute(),
				db.selectFrom('users').select(['id', 'email', 'name']).where('agency_id', '=', agencyId).where('active', '=', true).orderBy('email').execute()
			])
		: [[], []];
	return { years, progress, units, people: people.map((p) => ({ id: p.id, label: p.name ? `${p.name} <${p.email}>` : p.email })) };
}
