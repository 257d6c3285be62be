import { listAuditEntries } from '$lib/server/admin/audit-log';
import type { FieldChange } from '$lib/server/admin/diff';
import { requireAdmin } from '$lib/server/admin/http';
import { formatDateTime } from '$lib/server/admin/time';
import { db } from '$lib/server/db';
import { staffTranslator, staffVi, type StaffMessageKey } from '$lib/i18n/staff';
import { formatPercent } from '$lib/sipas/format';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { agency } = await requireAdmin(event);
	const locale = event.locals.locale;
	const t = staffTranslator(locale);
	const asked = Number(event.url.searchParams.get('page') ?? 1);
	const [log, dimensions] = await Promise.all([
		listAuditEntries(db(), agency.id, Number.isFinite(asked) ? asked : 1),
		db().selectFrom('dimensions').select(['key', 'name_vi', 'name_en']).orderBy('position').execute()
	]);
	const dimensionName = new Map(dimensions.map((d) => [d.key, locale === 'en' ? d.name_en : d.name_vi]));
	// jsonb keeps keys in its own order: list goals baselines first, then in questionnaire order.
	const goalOrder = (field: string) => {
		const [kind, key] = field.split('.');
		return (kind === 'baseline' ? 0 : 100) + dimensions.findIndex((d) => d.key === key);
	};

	// Goals are stored by dimension key in percent: read them as the goals page shows them.
	const known = (key: string): key is StaffMessageKey => Object.hasOwn(staffVi, key);
	const value = (text: string | null) => (text === 'true' ? t('admin.audit.yes') : text === 'false' ? t('admin.audit.no') : text);
	const readable = (entity: string, change: FieldChange): FieldChange => {
		const [kind, key] = change.field.split('.');
		if (entity !== 'goals' || (kind !== 'baseline' && kind !== 'target') || !key) {
			// Field names this app writes read as words; others (a criterion's "CC1.vi") as written.
			const label = `admin.audit.field.${change.field}`;
			return { field: known(label) ? t(label) : change.field, before: value(change.before), after: value(change.after) };
		}
		const percent = (value: string | null) => (value === null ? null : formatPercent(Number(value) / 100, locale));
		return {
			field: `${t(kind === 'baseline' ? 'admin.goals.baseline' : 'admin.goals.target')} — ${dimensionName.get(key) ?? key}`,
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
};
