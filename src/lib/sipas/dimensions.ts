/**
 * The seven SIPAS dimensions (SIPAS.md §2) and the three indices built from them (§4).
 *
 * Only keys, order and kind live here: names, baselines and targets are data that administrators
 * edit, so they are never constants in code.
 */

export const DIMENSIONS = [
	{ key: 'policy_accountability', kind: 'policy' },
	{ key: 'policy_participation', kind: 'policy' },
	{ key: 'service_access', kind: 'service' },
	{ key: 'procedures', kind: 'service' },
	{ key: 'civil_servants', kind: 'service' },
	{ key: 'service_results', kind: 'service' },
	{ key: 'feedback_handling', kind: 'service' }
] as const;

export type DimensionKey = (typeof DIMENSIONS)[number]['key'];
export type DimensionKind = (typeof DIMENSIONS)[number]['kind'];

/** The dimension keys in the order of the plan (policy first, then service). */
export const DIMENSION_KEYS: readonly DimensionKey[] = DIMENSIONS.map((d) => d.key);

export function isDimensionKey(key: string): key is DimensionKey {
	return (DIMENSION_KEYS as readonly string[]).includes(key);
}

export function dimensionsOfKind(kind: DimensionKind): DimensionKey[] {
	return DIMENSIONS.filter((d) => d.kind === kind).map((d) => d.key);
}

/**
 * An index is the unweighted mean of its dimensions' estimates. The arithmetic in estimate.ts and
 * sums.ts takes any definition of this shape (plain strings), so tests can use made-up dimensions.
 */
export interface IndexDefinition {
	readonly key: string;
	readonly dimensions: readonly string[];
}

export type IndexKey = 'overall' | 'service' | 'policy';

/**
 * overall = all seven dimensions; service = the five service dimensions; policy = the two policy
 * dimensions. Note the overall index is the mean of seven dimensions, not of the two sub-indices.
 */
export const INDEXES: readonly (IndexDefinition & { readonly key: IndexKey; readonly dimensions: readonly DimensionKey[] })[] = [
	{ key: 'overall', dimensions: DIMENSION_KEYS },
	{ key: 'service', dimensions: dimensionsOfKind('service') },
	{ key: 'policy', dimensions: dimensionsOfKind('policy') }
];

export function indexDefinition(key: IndexKey): IndexDefinition & { readonly key: IndexKey; readonly dimensions: readonly DimensionKey[] } {
	const found = INDEXES.find((index) => index.key === key);
	if (!found) throw new Error(`unknown index ${key}`);
	return found;
}
