import type { Kysely } from 'kysely';
import { ALERT_RULES, PETITION_CATEGORIES } from '../../domain/enums';
import { audit } from '../audit/audit';
import type { Principal } from '../auth/principal';
import type { Database } from '../db/schema';
import { done, notFound, refused, validate, type Outcome } from '../http/outcome';
import { deadlineDays } from './calendar';
import { calendarDayForm, deadlinesForm, recipientForm, rulesForm } from './schema';

/**
 * What an administrator sets for petitions and alerts: deadlines per category, the calendar of
 * holidays and days worked in exchange, alert recipients, and which rules are on. Each change is
 * audited; ids of another agency answer 404. A deadline change applies to cases received after it.
 */
export async function loadSettings(db: Kysely<Database>, agencyId: number) {
	const [deadlines, days, recipients, rules] = await Promise.all([
		deadlineDays(db, agencyId),
		db.selectFrom('calendar_days').select(['day', 'kind', 'name']).where('agency_id', '=', agencyId).orderBy('day').execute(),
		db
			.selectFrom('alert_recipients')
			.leftJoin('units', 'units.id', 'alert_recipients.unit_id')
			.leftJoin('officials', 'officials.id', 'alert_recipients.official_id')
			.select(['alert_recipients.id', 'alert_recipients.name', 'alert_recipients.channel', 'alert_recipients.address', 'alert_recipients.role', 'alert_recipients.mode', 'units.name as unitName', 'officials.name as officialName'])
			.where('alert_recipients.agency_id', '=', agencyId)
			.where('alert_recipients.active', '=', true)
			.orderBy('alert_recipients.id')
			.execute(),
		db.selectFrom('alert_rules').select(['rule', 'enabled']).where('agency_id', '=', agencyId).execute()
	]);
	const enabled = Object.fromEntries(ALERT_RULES.map((r) => [r, rules.find((x) => x.rule === r)?.enabled ?? true])) as Record<(typeof ALERT_RULES)[number], boolean>;
	return { deadlines, days, recipients, rules: enabled };
}

export async function saveDeadlines(db: Kysely<Database>, actor: Principal, agencyId: number, raw: unknown): Promise<Outcome> {
	const input = validate(deadlinesForm, raw);
	if (!input.ok) return input;
	return db.transaction().execute(async (trx) => {
		const before = await deadlineDays(trx, agencyId);
		for (const category of PETITION_CATEGORIES) {
			await trx
				.insertInto('petition_deadlines')
				.values({ agency_id: agencyId, category, working_days: input.value[category] })
				.onConflict((oc) => oc.columns(['agency_id', 'category']).doUpdateSet({ working_days: input.value[category] }))
				.execute();
		}
		await audit(trx, actor, { agencyId, action: 'petition.deadlines', entity: 'petition_deadlines', before, after: input.value });
		return done();
	});
}

export async function addCalendarDay(db: Kysely<Database>, actor: Principal, agencyId: number, raw: unknown): Promise<Outcome> {
	const input = validate(calendarDayForm, raw);
	if (!input.ok) return input;
	return db.transaction().execute(async (trx) => {
		const { day, kind, name } = input.value;
		await trx.insertInto('calendar_days').values({ agency_id: agencyId, day, kind, name }).onConflict((oc) => oc.columns(['agency_id', 'day']).doUpdateSet({ kind, name })).execute();
		await audit(trx, actor, { agencyId, action: 'calendar.set', entity: 'calendar_day', entityId: day, after: { day, kind, name } });
		return done();
	});
}

export async function removeCalendarDay(db: Kysely<Database>, actor: Principal, agencyId: number, day: string): Promise<Outcome> {
	return db.transaction().execute(async (trx) => {
		const removed = await trx.deleteFrom('calendar_days').where('agency_id', '=', agencyId).where('day', '=', /^\d{4}-\d{2}-\d{2}$/.test(day) ? day : '1900-01-01').returning(['day', 'kind', 'name']).executeTakeFirst();
		if (!removed) return notFound;
		await audit(trx, actor, { agencyId, action: 'calendar.remove', entity: 'calendar_day', entityId: day, before: removed });
		return done();
	});
}

export async function addRecipient(db: Kysely<Database>, actor: Principal, agencyId: number, raw: unknown): Promise<Outcome> {
	const input = validate(recipientForm, raw);
	if (!input.ok) return input;
	const v = input.value;
	return db.transaction().execute(async (trx) => {
		const unit = v.role === 'unit_leader' && v.unit !== null ? await trx.selectFrom('units').select('id').where('agency_id', '=', agencyId).where('id', '=', v.unit).executeTakeFirst() : null;
		if (v.role === 'unit_leader' && !unit) return refused('unit', 'admin.error.choose');
		const official = v.role === 'official' && v.official !== null ? await trx.selectFrom('officials').select('id').where('agency_id', '=', agencyId).where('id', '=', v.official).executeTakeFirst() : null;
		if (v.role === 'official' && !official) return refused('official', 'admin.error.choose');
		const row = await trx
			.insertInto('alert_recipients')
			.values({ agency_id: agencyId, name: v.name, channel: v.channel, address: v.address, role: v.role, unit_id: unit?.id ?? null, official_id: official?.id ?? null, mode: v.mode })
			.returning('id')
			.executeTakeFirstOrThrow();
		// The address stays out of the log, as the outbox keeps recipients out of its page.
		await audit(trx, actor, { agencyId, action: 'alert_recipient.create', entity: 'alert_recipient', entityId: row.id, after: { name: v.name, channel: v.channel, role: v.role, unit_id: unit?.id ?? null, official_id: official?.id ?? null, mode: v.mode } });
		return done();
	});
}

export async function removeRecipient(db: Kysely<Database>, actor: Principal, agencyId: number, id: number): Promise<Outcome> {
	return db.transaction().execute(async (trx) => {
		const row = await trx.updateTable('alert_recipients').set({ active: false }).where('agency_id', '=', agencyId).where('id', '=', id).where('active', '=', true).returning(['id', 'name']).executeTakeFirst();
		if (!row) return notFound;
		await audit(trx, actor, { agencyId, action: 'alert_recipient.remove', entity: 'alert_recipient', entityId: id, before: { name: row.name, active: true }, after: { active: false } });
		return done();
	});
}

export async function saveRules(db: Kysely<Database>, actor: Principal, agencyId: number, raw: unknown): Promise<Outcome> {
	const input = validate(rulesForm, raw);
	if (!input.ok) return input;
	return db.transaction().execute(async (trx) => {
		for (const rule of ALERT_RULES) {
			const enabled = input.value[rule];
			await trx.insertInto('alert_rules').values({ agency_id: agencyId, rule, enabled }).onConflict((oc) => oc.columns(['agency_id', 'rule']).doUpdateSet({ enabled })).execute();
		}
		await audit(trx, actor, { agencyId, action: 'alert_rules.set', entity: 'alert_rules', after: input.value });
		return done();
	});
}
