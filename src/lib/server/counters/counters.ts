import type { Kysely, Transaction } from 'kysely';
import { z } from 'zod';
import { audit } from '../audit/audit';
import type { Principal } from '../auth/principal';
import type { Database } from '../db/schema';
import { chosenId, displayName } from '../http/form-schemas';
import { counterCode } from './schema';
import { done, isUniqueViolation, notFound, refused, validate, type Outcome } from '../http/outcome';

/**
 * The one-stop counters of an agency. A counter's code is the public token of its QR URL
 * (/s/{code}), printed on posters, so it is set once and never changed; the name (and its optional
 * English name, for the English survey), the unit and whether it takes surveys can change. A
 * deactivated counter's survey URL answers 404.
 *
 * Moving a counter to another unit moves its history with it: reports by unit join a response to
 * its counter's current unit.
 */
export interface CounterRow {
	id: number;
	code: string;
	name: string;
	nameEn: string | null;
	active: boolean;
	unitId: number;
	unitName: string;
	responses: number;
	lastResponseAt: Date | null;
}

export async function listCounters(db: Kysely<Database>, agencyId: number): Promise<CounterRow[]> {
	const rows = await db
		.selectFrom('counters')
		.innerJoin('units', 'units.id', 'counters.unit_id')
		.leftJoin(
			(eb) =>
				eb
					.selectFrom('responses')
					.select(['counter_id', (e) => e.fn.countAll<number>().as('responses'), (e) => e.fn.max('submitted_at').as('last')])
					.where('agency_id', '=', agencyId)
					.groupBy('counter_id')
					.as('r'),
			(join) => join.onRef('r.counter_id', '=', 'counters.id')
		)
		.select([
			'counters.id',
			'counters.code',
			'counters.name',
			'counters.name_en as nameEn',
			'counters.active',
			'units.id as unitId',
			'units.name as unitName',
			'r.responses',
			'r.last as lastResponseAt'
		])
		.where('counters.agency_id', '=', agencyId)
		.orderBy('counters.active', 'desc')
		.orderBy('units.name')
		.orderBy('counters.name')
		.execute();
	return rows.map((r) => ({ ...r, responses: Number(r.responses ?? 0), lastResponseAt: r.lastResponseAt ?? null }));
}

export async function getCounter(db: Kysely<Database>, agencyId: number, id: number): Promise<Omit<CounterRow, 'responses' | 'lastResponseAt'> | undefined> {
	return db
		.selectFrom('counters')
		.innerJoin('units', 'units.id', 'counters.unit_id')
		.select([
			'counters.id',
			'counters.code',
			'counters.name',
			'counters.name_en as nameEn',
			'counters.active',
			'units.id as unitId',
			'units.name as unitName'
		])
		.where('counters.id', '=', id)
		.where('counters.agency_id', '=', agencyId)
		.executeTakeFirst();
}

/** The English name: blank means none (the Vietnamese name is shown on English pages). */
const englishName = z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? null : v), displayName.nullable());
const createForm = z.object({ code: counterCode, name: displayName, name_en: englishName.default(null), unit: chosenId });
// A form without the English field leaves the English name as it is.
const renameForm = z.object({ name: displayName, name_en: englishName.optional() });
const moveForm = z.object({ unit: chosenId });

/** The unit, if it belongs to this agency: a unit of another agency is a wrong choice, not a move. */
async function unitOf(trx: Transaction<Database>, agencyId: number, unitId: number) {
	return trx.selectFrom('units').select(['id', 'name']).where('id', '=', unitId).where('agency_id', '=', agencyId).executeTakeFirst();
}

export async function createCounter(db: Kysely<Database>, actor: Principal, agencyId: number, raw: unknown): Promise<Outcome<{ id: number; code: string }>> {
	const input = validate(createForm, raw);
	if (!input.ok) return input;
	const { code, name, name_en, unit } = input.value;
	try {
		return await db.transaction().execute(async (trx) => {
			const chosen = await unitOf(trx, agencyId, unit);
			if (!chosen) return refused('unit', 'admin.error.choose');
			const row = await trx
				.insertInto('counters')
				.values({ agency_id: agencyId, unit_id: chosen.id, code, name, name_en })
				.returning(['id', 'code'])
				.executeTakeFirstOrThrow();
			await audit(trx, actor, {
				agencyId,
				action: 'counter.create',
				entity: 'counter',
				entityId: row.id,
				after: { code, name, ...(name_en === null ? {} : { name_en }), unit: chosen.name, active: true }
			});
			return done(row);
		});
	} catch (error) {
		// Codes are unique across the whole install: another agency may hold it.
		if (isUniqueViolation(error)) return refused('code', 'admin.counters.codeTaken', { code });
		throw error;
	}
}

/** Runs a change on one counter of this agency, locked, with its state before for the audit. */
async function changeCounter(
	db: Kysely<Database>,
	agencyId: number,
	id: number,
	change: (trx: Transaction<Database>, before: { name: string; name_en: string | null; active: boolean; unit_id: number; code: string }) => Promise<Outcome>
): Promise<Outcome> {
	return db.transaction().execute(async (trx) => {
		const before = await trx
			.selectFrom('counters')
			.select(['name', 'name_en', 'active', 'unit_id', 'code'])
			.where('id', '=', id)
			.where('agency_id', '=', agencyId)
			.forUpdate()
			.executeTakeFirst();
		return before ? change(trx, before) : notFound;
	});
}

export async function renameCounter(db: Kysely<Database>, actor: Principal, agencyId: number, id: number, raw: unknown): Promise<Outcome> {
	const input = validate(renameForm, raw);
	if (!input.ok) return input;
	const { name } = input.value;
	return changeCounter(db, agencyId, id, async (trx, before) => {
		const name_en = input.value.name_en === undefined ? before.name_en : input.value.name_en;
		if (before.name === name && before.name_en === name_en) return done();
		await trx.updateTable('counters').set({ name, name_en }).where('id', '=', id).where('agency_id', '=', agencyId).execute();
		// The audit entry names what changed: the name, the English name, or both.
		const was: Record<string, string | null> = { code: before.code };
		const is: Record<string, string | null> = { code: before.code };
		if (before.name !== name) [was.name, is.name] = [before.name, name];
		if (before.name_en !== name_en) [was.name_en, is.name_en] = [before.name_en, name_en];
		await audit(trx, actor, { agencyId, action: 'counter.rename', entity: 'counter', entityId: id, before: was, after: is });
		return done();
	});
}

export async function moveCounter(db: Kysely<Database>, actor: Principal, agencyId: number, id: number, raw: unknown): Promise<Outcome> {
	const input = validate(moveForm, raw);
	if (!input.ok) return input;
	return changeCounter(db, agencyId, id, async (trx, before) => {
		const target = await unitOf(trx, agencyId, input.value.unit);
		if (!target) return refused('unit', 'admin.error.choose');
		if (target.id === before.unit_id) return done();
		const from = await unitOf(trx, agencyId, before.unit_id);
		await trx.updateTable('counters').set({ unit_id: target.id }).where('id', '=', id).where('agency_id', '=', agencyId).execute();
		await audit(trx, actor, {
			agencyId,
			action: 'counter.move',
			entity: 'counter',
			entityId: id,
			before: { code: before.code, unit: from?.name ?? null },
			after: { code: before.code, unit: target.name }
		});
		return done();
	});
}

/** Deactivate (the QR answers 404 from now on) or reactivate a counter. */
export async function setCounterActive(db: Kysely<Database>, actor: Principal, agencyId: number, id: number, active: boolean): Promise<Outcome> {
	return changeCounter(db, agencyId, id, async (trx, before) => {
		if (before.active === active) return done();
		await trx.updateTable('counters').set({ active }).where('id', '=', id).where('agency_id', '=', agencyId).execute();
		await audit(trx, actor, {
			agencyId,
			action: active ? 'counter.reactivate' : 'counter.deactivate',
			entity: 'counter',
			entityId: id,
			before: { code: before.code, active: before.active },
			after: { code: before.code, active }
		});
		return done();
	});
}
