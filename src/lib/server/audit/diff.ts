/**
 * A readable before → after of an audit entry: one line per field that changed. Nested objects
 * (a year's baselines by dimension) are flattened to "baseline.service_access". A creation has only
 * "after", a removal only "before".
 */
export interface FieldChange {
	field: string;
	before: string | null;
	after: string | null;
}

type Flat = Map<string, string>;

function flatten(value: unknown, prefix = '', into: Flat = new Map()): Flat {
	if (value === null || value === undefined) return into;
	if (typeof value === 'object' && !Array.isArray(value)) {
		for (const [key, inner] of Object.entries(value as Record<string, unknown>)) flatten(inner, prefix ? `${prefix}.${key}` : key, into);
		return into;
	}
	into.set(prefix || 'value', typeof value === 'string' ? value : JSON.stringify(value));
	return into;
}

export function auditChanges(before: unknown, after: unknown): FieldChange[] {
	const old = flatten(before);
	const now = flatten(after);
	const fields = [...new Set([...old.keys(), ...now.keys()])];
	const changes: FieldChange[] = [];
	for (const field of fields) {
		const a = old.get(field) ?? null;
		const b = now.get(field) ?? null;
		if (a !== b) changes.push({ field, before: a, after: b });
	}
	return changes;
}

/** Fields that name the thing changed (shown with the entity, not as a change when they stay equal). */
export function auditSubject(before: unknown, after: unknown): string | null {
	for (const source of [after, before]) {
		if (source && typeof source === 'object') {
			const record = source as Record<string, unknown>;
			for (const key of ['code', 'email', 'name', 'number']) {
				const value = record[key];
				if (typeof value === 'string' || typeof value === 'number') return key === 'number' ? `v${value}` : String(value);
			}
		}
	}
	return null;
}
