import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { loadRegisterContext } from './context';
import { checkDossier, type DossierField, type DossierInput } from './fields';
import type { DossierMessage } from './messages';
import { writeRegister, type Actor } from './register';
import { pushBody, pushedDossier, PUSH_MAX } from './schema';

/**
 * The one-stop system pushes dossiers as JSON: the same checks as a file row, all of the call or
 * nothing, idempotent by dossier code.
 */
export interface PushIssue {
	/** Position in the array, from 0; null for the body as a whole. */
	index: number | null;
	field: string | null;
	message: string;
	key: DossierMessage['key'] | 'invalid';
}

export type PushResult =
	| { ok: true; received: number; created: number; updated: number }
	| { ok: false; issues: PushIssue[] };

export async function pushDossiers(
	db: Kysely<Database>,
	request: { agencyId: number; actor: Actor; body: unknown; origin: string; validDays: number; now?: Date },
	t: (key: DossierMessage['key'], params?: DossierMessage['params']) => string
): Promise<PushResult> {
	const body = pushBody.safeParse(request.body);
	if (!body.success) {
		const tooMany = Array.isArray(request.body) && request.body.length > PUSH_MAX;
		const key = tooMany ? 'dossiers.api.tooMany' : 'dossiers.api.notArray';
		return { ok: false, issues: [{ index: null, field: null, key, message: t(key, { max: PUSH_MAX }) }] };
	}
	const context = await loadRegisterContext(db, request.agencyId, request.now);
	const issues: PushIssue[] = [];
	const dossiers: DossierInput[] = [];
	const seen = new Map<string, number>();
	body.data.forEach((item, index) => {
		const parsed = pushedDossier.safeParse(item);
		if (!parsed.success) {
			for (const issue of parsed.error.issues) {
				const field = issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : issue.path.length ? String(issue.path[0]) : null;
				issues.push({ index, field, key: 'invalid', message: issue.message });
			}
			return;
		}
		const values: Partial<Record<DossierField, string>> = {};
		for (const [field, value] of Object.entries(parsed.data)) {
			if (value === null || value === undefined) continue;
			values[field as DossierField] = Array.isArray(value) ? value.map((o) => `${o.code}:${o.name}`).join(';') : String(value);
		}
		const checked = checkDossier(values, context);
		if (!checked.ok) {
			for (const p of checked.problems) issues.push({ index, field: p.field, key: p.message.key, message: t(p.message.key, p.message.params) });
			return;
		}
		const first = seen.get(checked.dossier.code);
		if (first !== undefined) {
			issues.push({ index, field: 'dossier_code', key: 'dossiers.row.duplicate', message: t('dossiers.row.duplicate', { value: checked.dossier.code, row: first }) });
			return;
		}
		seen.set(checked.dossier.code, index);
		dossiers.push(checked.dossier);
	});
	if (issues.length) return { ok: false, issues };
	const counts = await writeRegister(db, { ...request, source: 'api', dossiers });
	return { ok: true, received: counts.rows, created: counts.created, updated: counts.updated };
}
