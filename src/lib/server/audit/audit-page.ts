import type { Kysely } from 'kysely';
import type { Locale } from '$lib/i18n';
import { staffTranslator, staffVi, type StaffMessageKey } from '$lib/i18n/staff';
import { DIMENSION_KEYS } from '$lib/sipas';
import { formatPercent } from '$lib/sipas/format';
import type { Database } from '../db/schema';
import { formatDateTime } from '../http/time';
import { dimensionNames } from '../survey/labels';
import { listAuditEntries } from './audit-log';
import type { FieldChange } from './diff';

/**
 * One page of the audit log as an administrator reads it: field names as words, goals as the
 * goals page shows them (percent, by dimension name, baselines first), times in local time.
 */
export async function auditLogPage(db: Kysely<Database>, agencyId: number, page: number, locale: Locale) {
	const t = staffTranslator(locale);
	const [log, names] = await Promise.all([listAuditEntries(db, agencyId, page), dimensionNames(db, locale)]);
	// jsonb keeps keys in its own order: list goals baselines first, then in questionnaire order.
	const goalOrder = (field: string) => {
		const [kind, key] = field.split('.');
		return (kind === 'baseline' ? 0 : 100) + (DIMENSION_KEYS as readonly string[]).indexOf(key ?? '');
	};
	const known = (key: string): key is StaffMessageKey => Object.hasOwn(staffVi, key);
	const value = (text: string | null) => (text === 'true' ? t('admin.audit.yes') : text === 'false' ? t('admin.audit.no') : text);
	// A role reads as the role's name ("Quản trị viên"), not its stored key ("admin").
	const role = (text: string | null) => (text !== null && known(`auth.role.${text}`) ? t(`auth.role.${text}` as StaffMessageKey) : text);
	const readable = (entity: string, change: FieldChange): FieldChange => {
		const [kind, key] = change.field.split('.');
		if (entity !== 'goals' || (kind !== 'baseline' && kind !== 'target') || !key) {
			// Field names this app writes read as words; others (a criterion's "CC1.vi") as written.
			const label = `admin.audit.field.${change.field}`;
			const show = change.field === 'role' ? role : value;
			return { field: known(label) ? t(label) : change.field, before: show(change.before), after: show(change.after) };
		}
		// Goals are stored by dimension key in percent.
		const percent = (value: string | null) => (value === null ? null : formatPercent(Number(value) / 100, locale));
		return {
			field: `${t(kind === 'baseline' ? 'admin.goals.baseline' : 'admin.goals.target')} — ${(names as Record<string, string>)[key] ?? key}`,
			before: percent(change.before),
			after: percent(change.after)
		};
	};
	// An API token acts as "token:NAME (creator's email)" (auth/tokens.ts tokenLabel).
	const actorName = (actor: string) => {
		const token = /^token:(.*) \(([^()\s]+@[^()\s]+)\)$/.exec(actor);
		return token ? t('admin.audit.tokenActor', { name: token[1]!, creator: token[2]! }) : actor;
	};
	return {
		...log,
		entries: log.entries.map((e) => ({
			...e,
			at: formatDateTime(e.at, locale)!,
			actor: actorName(e.actor),
			subject: e.subject && e.createdBy ? `${e.subject} (${t('admin.audit.createdBy', { creator: e.createdBy })})` : e.subject,
			created: e.changes.every((c) => c.before === null),
			changes: (e.entity === 'goals' ? [...e.changes].sort((a, b) => goalOrder(a.field) - goalOrder(b.field)) : e.changes).map((c) => readable(e.entity, c))
		}))
	};
}
