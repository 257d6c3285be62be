import { sql, type Kysely } from 'kysely';
import { DIMENSION_KEYS, INDEXES, isDimensionKey, meanOfDimensions, goalForYear, type DimensionKey, type IndexKey } from '../../sipas';
import type { Database } from '../db/schema';

/**
 * An agency's baselines and targets (tables baselines, targets: percents per dimension per year,
 * edited by administrators), as proportions keyed by dimension and year.
 */
export interface Goals {
	/** Whose goals these are: the estimates refuse to judge another agency's scope with them. */
	agencyId: number;
	baselines: Record<DimensionKey, Record<number, number>>;
	targets: Record<DimensionKey, Record<number, number>>;
}

/** The baseline and target that judge one period, per dimension and per index (fractions 0–1). */
export interface GoalsForYear {
	/** The latest baseline year used (2023 for the plan's periods); null when no dimension has one. */
	baselineYear: number | null;
	/**
	 * The years whose targets judge the period, ascending: [2026] when 2026 has its own targets,
	 * [2024] when 2024's are carried forward to 2026; empty when no dimension has a target.
	 */
	targetYears: number[];
	baseline: Record<DimensionKey | IndexKey, number | null>;
	target: Record<DimensionKey | IndexKey, number | null>;
}

/** Loads every baseline and target of the agency in one query: a few rows, read once per request. */
export async function loadGoals(db: Kysely<Database>, agencyId: number): Promise<Goals> {
	const empty = () => Object.fromEntries(DIMENSION_KEYS.map((key) => [key, {}])) as Record<DimensionKey, Record<number, number>>;
	const goals: Goals = { agencyId, baselines: empty(), targets: empty() };
	const rows = await db
		.selectFrom('baselines')
		.select([sql<'baselines' | 'targets'>`'baselines'`.as('kind'), 'dimension_key', 'year', 'percent'])
		.where('agency_id', '=', agencyId)
		.unionAll(
			db
				.selectFrom('targets')
				.select([sql<'baselines' | 'targets'>`'targets'`.as('kind'), 'dimension_key', 'year', 'percent'])
				.where('agency_id', '=', agencyId)
		)
		.execute();
	for (const row of rows) {
		// Percent with two decimals → a fraction with four: 84.9 → 0.849, not 0.8490000000000001.
		if (isDimensionKey(row.dimension_key)) goals[row.kind][row.dimension_key][row.year] = Math.round(row.percent * 100) / 10_000;
	}
	return goals;
}

/**
 * The goals that judge a period of `year`:
 * - target: the dimension's target for that year, or else the latest earlier year's (SIPAS.md §4);
 * - baseline: the dimension's latest baseline from a year BEFORE the period's year. A baseline is
 *   a past official result to improve on: the plan's 2023 baseline judges 2024, and if an
 *   administrator later records the official 2024 result as a baseline, it judges 2025 onwards
 *   without changing 2024's reports. A period with no earlier baseline has none (change is null).
 * An index's baseline and target are the mean of its dimensions' (null if any is missing).
 */
export function goalsForYear(goals: Goals, year: number): GoalsForYear {
	const baseline = {} as GoalsForYear['baseline'];
	const target = {} as GoalsForYear['target'];
	let baselineYear: number | null = null;
	const targetYears = new Set<number>();
	for (const key of DIMENSION_KEYS) {
		baseline[key] = goalForYear(goals.baselines[key], year - 1);
		target[key] = goalForYear(goals.targets[key], year);
		const years = Object.keys(goals.baselines[key]).map(Number).filter((y) => y < year);
		if (years.length) baselineYear = Math.max(baselineYear ?? -Infinity, ...years);
		const ownOrEarlier = Object.keys(goals.targets[key]).map(Number).filter((y) => y <= year);
		if (ownOrEarlier.length) targetYears.add(Math.max(...ownOrEarlier));
	}
	for (const index of INDEXES) {
		const dimensions = index.dimensions as readonly DimensionKey[];
		baseline[index.key] = meanOfDimensions(dimensions.map((key) => baseline[key]));
		target[index.key] = meanOfDimensions(dimensions.map((key) => target[key]));
	}
	return { baselineYear, targetYears: [...targetYears].sort((a, b) => a - b), baseline, target };
}

/**
 * goalsForYear for a series of periods: worked out once per year, not once per period (a
 * two-year monthly series asks for two years 24 times). The goals must not change meanwhile;
 * they are loaded once per request and never altered.
 */
export function goalsByYear(goals: Goals): (year: number) => GoalsForYear {
	const byYear = new Map<number, GoalsForYear>();
	return (year) => {
		let forYear = byYear.get(year);
		if (!forYear) byYear.set(year, (forYear = goalsForYear(goals, year)));
		return forYear;
	};
}
