import type { Kysely, Transaction } from 'kysely';
import { z } from 'zod';
import { storableText } from '../db/limits';
import { AGENCY_ROLES, type AgencyRole } from '../../domain/enums';
import { audit } from '../audit/audit';
import { hashPassword, PASSWORD_MIN_LENGTH } from './password';
import type { Principal } from './principal';
import type { Database } from '../db/schema';
import { done, isUniqueViolation, notFound, refused, validate, type Outcome } from '../http/outcome';

/**
 * The people of one agency. An administrator creates them with an initial password, changes their
 * role, deactivates and reactivates them, and resets a forgotten password; every change ends the
 * person's open sessions where it matters, and goes to the audit log (never a password or hash).
 *
 * Nobody removes their own rights by accident: on this page an administrator cannot deactivate
 * themselves, change their own role or reset their own password (that is the Account page, which
 * asks for the current one). So an agency run by its own administrators always keeps one; a
 * province administrator can still change anyone of any agency.
 */
export interface UserRow {
	id: number;
	email: string;
	name: string;
	role: AgencyRole;
	active: boolean;
	createdAt: Date;
	lastSeenAt: Date | null;
}

const role = z.enum(AGENCY_ROLES, { error: 'admin.users.roleChoose' });
const password = z
	.string({ error: 'admin.users.passwordShort' })
	.min(PASSWORD_MIN_LENGTH, { error: 'admin.users.passwordShort' })
	.max(1000, { error: 'admin.error.invalid' });
const createForm = z.object({
	email: z.string({ error: 'admin.error.required' }).trim().toLowerCase().min(1, { error: 'admin.error.required' }).pipe(z.email({ error: 'admin.users.emailFormat' }).max(320, { error: 'admin.users.emailFormat' })),
	name: z.string().trim().max(200, { error: 'admin.error.tooLong200' }).refine(storableText, { error: 'admin.error.unstorable' }).default(''),
	role,
	password
});

export async function listUsers(db: Kysely<Database>, agencyId: number): Promise<UserRow[]> {
	const rows = await db
		.selectFrom('users')
		.select([
			'id',
			'email',
			'name',
			'role',
			'active',
			'created_at',
			(eb) => eb.selectFrom('sessions').whereRef('sessions.user_id', '=', 'users.id').select((e) => e.fn.max('last_seen_at').as('seen')).as('lastSeenAt')
		])
		.where('agency_id', '=', agencyId)
		.orderBy('active', 'desc')
		.orderBy('email')
		.execute();
	return rows.map((r) => ({ id: r.id, email: r.email, name: r.name, role: r.role as AgencyRole, active: r.active, createdAt: r.created_at, lastSeenAt: r.lastSeenAt ?? null }));
}

export async function getUser(db: Kysely<Database>, agencyId: number, id: number): Promise<UserRow | undefined> {
	return (await listUsers(db, agencyId)).find((u) => u.id === id);
}

export async function createAgencyUser(db: Kysely<Database>, actor: Principal, agencyId: number, raw: unknown): Promise<Outcome<{ id: number }>> {
	const input = validate(createForm, raw);
	if (!input.ok) return input;
	const { email, name, role, password } = input.value;
	const passwordHash = await hashPassword(password);
	try {
		return await db.transaction().execute(async (trx) => {
			const row = await trx
				.insertInto('users')
				.values({ agency_id: agencyId, email, name, role, password_hash: passwordHash })
				.returning('id')
				.executeTakeFirstOrThrow();
			await audit(trx, actor, { agencyId, action: 'user.create', entity: 'user', entityId: row.id, after: { email, name, role, active: true } });
			return done(row);
		});
	} catch (error) {
		// Emails are unique across the install; the message does not say which agency holds it.
		if (isUniqueViolation(error)) return refused('email', 'admin.users.emailTaken');
		throw error;
	}
}

const isSelf = (actor: Principal, id: number) => actor.kind === 'user' && actor.id === id;

/** Runs a change on one user of this agency (never a province administrator, who has none), locked. */
async function changeUser(
	db: Kysely<Database>,
	agencyId: number,
	id: number,
	change: (trx: Transaction<Database>, before: { email: string; role: string; active: boolean }) => Promise<Outcome>
): Promise<Outcome> {
	return db.transaction().execute(async (trx) => {
		const before = await trx.selectFrom('users').select(['email', 'role', 'active']).where('id', '=', id).where('agency_id', '=', agencyId).forUpdate().executeTakeFirst();
		return before ? change(trx, before) : notFound;
	});
}

export async function setUserActive(db: Kysely<Database>, actor: Principal, agencyId: number, id: number, active: boolean): Promise<Outcome> {
	if (!active && isSelf(actor, id)) return refused('form', 'admin.users.notYourself');
	return changeUser(db, agencyId, id, async (trx, before) => {
		if (before.active === active) return done();
		await trx.updateTable('users').set({ active }).where('id', '=', id).where('agency_id', '=', agencyId).execute();
		// Sessions of an inactive user are refused anyway; deleting them makes it immediate and visible.
		if (!active) await trx.deleteFrom('sessions').where('user_id', '=', id).execute();
		await audit(trx, actor, {
			agencyId,
			action: active ? 'user.reactivate' : 'user.deactivate',
			entity: 'user',
			entityId: id,
			before: { email: before.email, active: before.active },
			after: { email: before.email, active }
		});
		return done();
	});
}

export async function changeUserRole(db: Kysely<Database>, actor: Principal, agencyId: number, id: number, raw: unknown): Promise<Outcome> {
	const input = validate(z.object({ role }), raw);
	if (!input.ok) return input;
	if (isSelf(actor, id)) return refused('role', 'admin.users.notYourself');
	return changeUser(db, agencyId, id, async (trx, before) => {
		if (before.role === input.value.role) return done();
		await trx.updateTable('users').set({ role: input.value.role }).where('id', '=', id).where('agency_id', '=', agencyId).execute();
		await audit(trx, actor, {
			agencyId,
			action: 'user.role',
			entity: 'user',
			entityId: id,
			before: { email: before.email, role: before.role },
			after: { email: before.email, role: input.value.role }
		});
		return done();
	});
}

/** A new password chosen by the administrator, to hand over; the person's sessions end. */
export async function resetUserPassword(db: Kysely<Database>, actor: Principal, agencyId: number, id: number, raw: unknown): Promise<Outcome> {
	const input = validate(z.object({ password }), raw);
	if (!input.ok) return input;
	if (isSelf(actor, id)) return refused('password', 'admin.users.ownPassword');
	const passwordHash = await hashPassword(input.value.password);
	return changeUser(db, agencyId, id, async (trx, before) => {
		await trx.updateTable('users').set({ password_hash: passwordHash, password_changed_at: new Date() }).where('id', '=', id).where('agency_id', '=', agencyId).execute();
		await trx.deleteFrom('sessions').where('user_id', '=', id).execute();
		await audit(trx, actor, { agencyId, action: 'user.password_reset', entity: 'user', entityId: id, after: { email: before.email } });
		return done();
	});
}
