import type { Kysely, Transaction } from 'kysely';
import type { PetitionState } from '../../domain/enums';
import { audit } from '../audit/audit';
import type { Principal } from '../auth/principal';
import type { Database } from '../db/schema';
import { done, notFound, refused, validate, type Outcome } from '../http/outcome';
import { enqueueMessages, type OutgoingMessage } from '../outbox/enqueue';
import { answerText, declinedText, redactContacts } from './messages';
import { answerForm, assignForm, declineForm, noteForm, publishForm } from './schema';
import { PETITION_CODE } from './secret';

/**
 * A case's life: received → assigned (to a unit or an official; reassigning is allowed) →
 * answered → closed, or declined with a reason before it is answered. A step that skips one
 * (answering a case nobody was assigned, closing one not answered) is refused with 409 and
 * changes nothing. Each change locks the case (FOR UPDATE), is written to the audit log in the
 * same transaction, and an answer or a refusal goes to the citizen's contact through the outbox.
 * Another agency's code is 404, exactly like an unknown one.
 */
export const ANSWER_TOPIC = 'petition.answer';

const ALLOWED: Record<'assign' | 'answer' | 'decline' | 'close', readonly PetitionState[]> = {
	assign: ['received', 'assigned'],
	answer: ['assigned'],
	decline: ['received', 'assigned'],
	close: ['answered']
};

export function canMove(action: keyof typeof ALLOWED, state: PetitionState): boolean {
	return ALLOWED[action].includes(state);
}

interface Settings {
	origin: string;
	now?: Date;
}

async function lockCase(trx: Transaction<Database>, agencyId: number, code: string) {
	if (!PETITION_CODE.test(code)) return undefined;
	return trx
		.selectFrom('petitions')
		.innerJoin('agencies', 'agencies.id', 'petitions.agency_id')
		.select(['petitions.id', 'petitions.code', 'petitions.state', 'petitions.unit_id', 'petitions.official_id', 'petitions.phone', 'petitions.email', 'petitions.answer', 'agencies.name_vi as agencyName'])
		.where('petitions.agency_id', '=', agencyId)
		.where('petitions.code', '=', code)
		.forUpdate('petitions')
		.executeTakeFirst();
}

function stepRefused(state: PetitionState): Outcome<never> {
	return refused('form', 'petitions.error.step', { state }, 409);
}

export async function assignPetition(db: Kysely<Database>, actor: Principal, agencyId: number, code: string, raw: unknown, settings: Settings): Promise<Outcome> {
	const input = validate(assignForm, raw);
	if (!input.ok) return input;
	const now = settings.now ?? new Date();
	return db.transaction().execute(async (trx) => {
		const found = await lockCase(trx, agencyId, code);
		if (!found) return notFound;
		if (!canMove('assign', found.state)) return stepRefused(found.state);
		const unit = input.value.unit === null ? null : await trx.selectFrom('units').select(['id', 'name']).where('agency_id', '=', agencyId).where('id', '=', input.value.unit).executeTakeFirst();
		if (input.value.unit !== null && !unit) return refused('unit', 'admin.error.choose');
		const official = input.value.official === null ? null : await trx.selectFrom('officials').select(['id', 'name', 'unit_id']).where('agency_id', '=', agencyId).where('id', '=', input.value.official).where('active', '=', true).executeTakeFirst();
		if (input.value.official !== null && !official) return refused('official', 'admin.error.choose');
		// An official alone brings their unit: the unit's leader is the one alerts go to.
		const unitId = unit?.id ?? official?.unit_id ?? null;
		await trx.updateTable('petitions').set({ state: 'assigned', unit_id: unitId, official_id: official?.id ?? null, assigned_at: now, updated_at: now }).where('id', '=', found.id).execute();
		await audit(trx, actor, {
			agencyId,
			action: 'petition.assign',
			entity: 'petition',
			entityId: code,
			before: { state: found.state, unit_id: found.unit_id, official_id: found.official_id },
			after: { state: 'assigned', unit_id: unitId, official_id: official?.id ?? null, official: official?.name ?? null, unit: unit?.name ?? null }
		});
		return done();
	});
}

export async function answerPetition(db: Kysely<Database>, actor: Principal, agencyId: number, code: string, raw: unknown, settings: Settings): Promise<Outcome> {
	const input = validate(answerForm, raw);
	if (!input.ok) return input;
	const now = settings.now ?? new Date();
	return db.transaction().execute(async (trx) => {
		const found = await lockCase(trx, agencyId, code);
		if (!found) return notFound;
		if (!canMove('answer', found.state)) return stepRefused(found.state);
		await trx.updateTable('petitions').set({ state: 'answered', answer: input.value.answer, answered_at: now, updated_at: now }).where('id', '=', found.id).execute();
		await notify(trx, agencyId, found, ANSWER_TOPIC, `Trả lời phản ánh, kiến nghị ${found.code}`, answerText(found.agencyName, found.code, input.value.answer, settings.origin), now);
		await audit(trx, actor, { agencyId, action: 'petition.answer', entity: 'petition', entityId: code, before: { state: found.state }, after: { state: 'answered', answer: input.value.answer } });
		return done();
	});
}

export async function declinePetition(db: Kysely<Database>, actor: Principal, agencyId: number, code: string, raw: unknown, settings: Settings): Promise<Outcome> {
	const input = validate(declineForm, raw);
	if (!input.ok) return input;
	const now = settings.now ?? new Date();
	return db.transaction().execute(async (trx) => {
		const found = await lockCase(trx, agencyId, code);
		if (!found) return notFound;
		if (!canMove('decline', found.state)) return stepRefused(found.state);
		await trx.updateTable('petitions').set({ state: 'declined', decline_reason: input.value.reason, closed_at: now, updated_at: now }).where('id', '=', found.id).execute();
		await notify(trx, agencyId, found, ANSWER_TOPIC, `Phản ánh, kiến nghị ${found.code}`, declinedText(found.agencyName, found.code, input.value.reason, settings.origin), now);
		await audit(trx, actor, { agencyId, action: 'petition.decline', entity: 'petition', entityId: code, before: { state: found.state }, after: { state: 'declined', reason: input.value.reason } });
		return done();
	});
}

export async function closePetition(db: Kysely<Database>, actor: Principal, agencyId: number, code: string, settings: Settings): Promise<Outcome> {
	const now = settings.now ?? new Date();
	return db.transaction().execute(async (trx) => {
		const found = await lockCase(trx, agencyId, code);
		if (!found) return notFound;
		if (!canMove('close', found.state)) return stepRefused(found.state);
		await trx.updateTable('petitions').set({ state: 'closed', closed_at: now, updated_at: now }).where('id', '=', found.id).execute();
		await audit(trx, actor, { agencyId, action: 'petition.close', entity: 'petition', entityId: code, before: { state: found.state }, after: { state: 'closed' } });
		return done();
	});
}

export async function addNote(db: Kysely<Database>, actor: Principal, agencyId: number, code: string, raw: unknown): Promise<Outcome> {
	const input = validate(noteForm, raw);
	if (!input.ok) return input;
	return db.transaction().execute(async (trx) => {
		const found = await lockCase(trx, agencyId, code);
		if (!found) return notFound;
		await trx.insertInto('petition_notes').values({ petition_id: found.id, user_id: actor.kind === 'user' ? actor.id : null, author: actor.label, body: input.value.note }).execute();
		await audit(trx, actor, { agencyId, action: 'petition.note', entity: 'petition', entityId: code, after: { note: input.value.note } });
		return done();
	});
}

/** Administrators publish an answer on the agency's public page; contacts are taken out of the text whatever was typed. */
export async function publishAnswer(db: Kysely<Database>, actor: Principal, agencyId: number, code: string, raw: unknown, now = new Date()): Promise<Outcome> {
	const input = validate(publishForm, raw);
	if (!input.ok) return input;
	return db.transaction().execute(async (trx) => {
		const found = await lockCase(trx, agencyId, code);
		if (!found) return notFound;
		if (found.state !== 'answered' && found.state !== 'closed') return stepRefused(found.state);
		const text = redactContacts(input.value.published_answer);
		await trx.updateTable('petitions').set({ published_answer: text, published_at: now, updated_at: now }).where('id', '=', found.id).execute();
		await audit(trx, actor, { agencyId, action: 'petition.publish', entity: 'petition', entityId: code, after: { published_answer: text } });
		return done();
	});
}

export async function unpublishAnswer(db: Kysely<Database>, actor: Principal, agencyId: number, code: string, now = new Date()): Promise<Outcome> {
	return db.transaction().execute(async (trx) => {
		const found = await lockCase(trx, agencyId, code);
		if (!found) return notFound;
		await trx.updateTable('petitions').set({ published_answer: null, published_at: null, updated_at: now }).where('id', '=', found.id).execute();
		await audit(trx, actor, { agencyId, action: 'petition.unpublish', entity: 'petition', entityId: code });
		return done();
	});
}

async function notify(
	trx: Kysely<Database>,
	agencyId: number,
	found: { id: number; phone: string | null; email: string | null },
	topic: string,
	subject: string,
	text: string,
	now: Date
): Promise<void> {
	const messages: OutgoingMessage[] = [];
	if (found.phone) messages.push({ agencyId, topic, channel: 'sms', idempotencyKey: `${topic}:${found.id}:sms`, recipient: found.phone, subject: null, body: text });
	if (found.email) messages.push({ agencyId, topic, channel: 'email', idempotencyKey: `${topic}:${found.id}:email`, recipient: found.email, subject, body: text });
	await enqueueMessages(trx, messages, now);
}
