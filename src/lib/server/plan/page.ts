import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { Locale } from '../../i18n';
import { staffTranslator } from '../../i18n/staff';
import { describeCriterion, rateWords, type CriterionWords } from './describe';
import { loadProgress, type PlanProgress } from './progress';
import { planYears } from './queries';

/**
 * What the plan page shows: the chosen (or latest) plan's progress for its year to date, the years
 * to choose from, and, for administrators, the units and people tasks can be given to.
 */
export interface PlanPage {
	years: number[];
	progress: PlanProgress | null;
	/** Each criterion's result in words, by criterion id. */
	words: Record<number, CriterionWords>;
	/** Each register rate in words: the latest month, and the plan year. */
	rateWords: Record<string, { latest: string; year: string }>;
	units: { id: number; name: string }[];
	fields: { id: number; name: string }[];
	/** The unit and procedure field the register's rates are narrowed to (ids of this agency), if any. */
	filter: { unitId: number | null; procedureFieldId: number | null };
	people: { id: number; label: string }[];
}

export async function loadPlanPage(db: Kysely<Database>, agencyId: number, options: { year?: number; minimumSample: number; forAdmin: boolean; locale: Locale; now?: Date; unitId?: number | null; procedureFieldId?: number | null }): Promise<PlanPage> {
	const years = await planYears(db, agencyId);
	const year = options.year !== undefined && years.includes(options.year) ? options.year : years[0];
	const [units, fields, people] = await Promise.all([
		db.selectFrom('units').select(['id', 'name']).where('agency_id', '=', agencyId).orderBy('name').execute(),
		db.selectFrom('procedure_fields').select(['id', 'name']).where('agency_id', '=', agencyId).orderBy('name').execute(),
		options.forAdmin ? db.selectFrom('users').select(['id', 'email', 'name']).where('agency_id', '=', agencyId).where('active', '=', true).orderBy('email').execute() : []
	]);
	// Another agency's unit or field narrows nothing: it is simply not one of the choices.
	const filter = {
		unitId: units.some((u) => u.id === options.unitId) ? options.unitId! : null,
		procedureFieldId: fields.some((f) => f.id === options.procedureFieldId) ? options.procedureFieldId! : null
	};
	const progress =
		year === undefined
			? null
			: await loadProgress(db, agencyId, {
					year,
					period: { kind: 'plan_year' },
					minimumSample: options.minimumSample,
					now: options.now,
					unitId: filter.unitId ?? undefined,
					procedureFieldId: filter.procedureFieldId ?? undefined
				});
	const t = staffTranslator(options.locale);
	const words = Object.fromEntries((progress?.criteria ?? []).map((c) => [c.id, describeCriterion(c, t, options.locale, 'latest')]));
	const rates = Object.fromEntries(
		(progress?.rates ?? []).map((r) => [r.kind, { latest: r.latest ? rateWords(r.latest.rate, t, options.locale, r.latest.month) : t('plan.noData'), year: rateWords(r.period, t, options.locale) }])
	);
	return { years, progress, words, rateWords: rates, units, fields, filter, people: people.map((p) => ({ id: p.id, label: p.name ? `${p.name} <${p.email}>` : p.email })) };
}
