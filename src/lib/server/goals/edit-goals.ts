import type { Kysely } from 'kysely';
import { audit } from '../audit/audit';
import type { Principal } from '../auth/principal';
import type { StaffFieldErrors } from '$lib/i18n/staff';
import type { DimensionKind } from '../../sipas';
import type { Database } from '../db/schema';
import { done, notFound, type Outcome } from '../http/outcome';
import { defaultTarget, parsePercent } from './percent';

/**
 * Baselines and targets per dimension and year, as percents (83.26 = 83,26%). They are the
 * agency's data, edited here; reports judge a period against the target of its year, or of the
 * latest earlier year that has one.
 */
export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;

export interface DimensionGoals {
	key: string;
	kind: DimensionKind;
	name_vi: string;
	name_en: string;
	baseline: Record<number, number>;
	target: Record<number, number>;
}

export interface GoalsTable {
	/** Every year that has a baseline or a target, ascending. */
	years: number[];
	dimensions: DimensionGoals[];
}

export async function listGoals(db: Kysely<Database>, agencyId: number): Promise<GoalsTable> {
	const [dimensions, baselines, targets] = await Promise.all([
		db.selectFrom('dimensions').select(['key', 'kind', 'name_vi', 'name_en']).orderBy('position').execute(),
		db.selectFrom('baselines').select(['dimension_key', 'year', 'percent']).where('agency_id', '=', agencyId).execute(),
		db.selectFrom('targets').select(['dimension_key', 'year', 'percent']).where('agency_id', '=', agencyId).execute()
	]);
	const byKey = new Map(dimensions.map((d) => [d.key, { ...d, baseline: {}, target: {} } as DimensionGoals]));
	const years = new Set<number>();
	for (const [kind, rows] of [['baseline', baselines], ['target', targets]] as const) {
		for (const row of rows) {
			const dimension = byKey.get(row.dimension_key);
			if (!dimension) continue;
			dimension[kind][row.year] = Number(row.percent);
			years.add(row.year);
		}
	}
	return { years: [...years].sort((a, b) => a - b), dimensions: [...byKey.values()] };
}

export interface GoalFormRow {
	key: string;
	name_vi: string;
	name_en: string;
	baseline: number | null;
	target: number | null;
}

/**
 * The form of one year. A year not yet set is pre-filled: the baseline of the latest earlier year
 * that has one (the 2023 survey, usually), and a target of that baseline + 2 points — editable.
 */
export async function goalForm(db: Kysely<Database>, agencyId: number, year: number): Promise<{ year: number; isNew: boolean; rows: GoalFormRow[] }> {
	const table = await listGoals(db, agencyId);
	const isNew = !table.years.includes(year);
	const rows = table.dimensions.map((d) => {
		if (!isNew) return { key: d.key, name_vi: d.name_vi, name_en: d.name_en, baseline: d.baseline[year] ?? null, target: d.target[year] ?? null };
		const earlier = Object.keys(d.baseline)
			.map(Number)
			.filter((y) => y < year)
			.sort((a, b) => b - a)[0];
		const baseline = earlier === undefined ? null : d.baseline[earlier]!;
		return { key: d.key, name_vi: d.name_vi, name_en: d.name_en, baseline, target: baseline === null ? null : defaultTarget(baseline) };
	});
	return { year, isNew, rows };
}

export function isGoalYear(year: number): boolean {
	return Number.isInteger(year) && year >= MIN_YEAR && year <= MAX_YEAR;
}

type Goals = { baseline: Record<string, number>; target: Record<string, number> };

/**
 * Saves one year's baselines and targets from form fields "baseline.<dimension>" and
 * "target.<dimension>". An empty field removes that value. Every field is checked before anything
 * is written; the change and its audit entry are one transaction.
 */
export async function saveGoals(db: Kysely<Database>, actor: Principal, agencyId: number, year: number, raw: Record<string, string>): Promise<Outcome> {
	if (!isGoalYear(year)) return notFound;
	const dimensions = await db.selectFrom('dimensions').select('key').orderBy('position').execute();
	const errors: StaffFieldErrors = {};
	const wanted: Goals = { baseline: {}, target: {} };
	for (const { key } of dimensions) {
		for (const kind of ['baseline', 'target'] as const) {
			const field = `${kind}.${key}`;
			const parsed = parsePercent(raw[field]);
			if (parsed.kind === 'invalid') errors[field] = { key: `admin.goals.${parsed.reason}` };
			else if (parsed.kind === 'value') wanted[kind][key] = parsed.percent;
		}
	}
	if (Object.keys(errors).length) return { ok: false, status: 400, errors };

	return db.transaction().execute(async (trx) => {
		const before: Goals = { baseline: {}, target: {} };
		for (const kind of ['baseline', 'target'] as const) {
			const table = kind === 'baseline' ? 'baselines' : 'targets';
			const rows = await trx
				.selectFrom(table)
				.select(['dimension_key', 'percent'])
				.where('agency_id', '=', agencyId)
				.where('year', '=', year)
				.forUpdate()
				.execute();
			for (const row of rows) before[kind][row.dimension_key] = Number(row.percent);

			await trx.deleteFrom(table).where('agency_id', '=', agencyId).where('year', '=', year).execute();
			const values = Object.entries(wanted[kind]).map(([dimension_key, percent]) => ({ agency_id: agencyId, dimension_key, year, percent }));
			if (values.length) await trx.insertInto(table).values(values).execute();
		}
		if (JSON.stringify(sorted(before)) !== JSON.stringify(sorted(wanted))) {
			await audit(trx, actor, { agencyId, action: 'goals.save', entity: 'goals', entityId: year, before: sorted(before), after: sorted(wanted) });
		}
		return done();
	});
}

function sorted(goals: Goals): Goals {
	const order = (values: Record<string, number>) => Object.fromEntries(Object.entries(values).sort(([a], [b]) => a.localeCompare(b)));
	return { baseline: order(goals.baseline), target: order(goals.target) };
}
