import type { Kysely } from 'kysely';
import { audit } from '../audit/audit';
import type { Principal } from '../auth/principal';
import type { Database } from '../db/schema';
import { done, notFound, refused, validate, type Outcome } from '../http/outcome';
import { criterionOfAgency, taskOfAgency } from './queries';
import { criterionForm, planForm, taskForm } from './schema';

/**
 * What administrators change in the plan (capability agency:admin): a criterion's target, and its
 * tasks (add, edit, delete). Units and owners must be this agency's; another agency's criterion or
 * task is not found. Every change is audited.
 */
async function checkUnitAndOwner(trx: Kysely<Database>, agencyId: number, unit: number | null, owner: number | null): Promise<Outcome | null> {
	if (unit !== null) {
		const found = await trx.selectFrom('units').select('id').where('id', '=', unit).where('agency_id', '=', agencyId).executeTakeFirst();
		if (!found) return refused('unit', 'admin.error.choose');
	}
	if (owner !== null) {
		const found = await trx.selectFrom('users').select('id').where('id', '=', owner).where('agency_id', '=', agencyId).where('active', '=', true).executeTakeFirst();
		if (!found) return refused('owner', 'admin.error.choose');
	}
	return null;
}

export async function addTask(db: Kysely<Database>, actor: Principal, agencyId: number, criterionId: number, raw: unknown): Promise<Outcome<{ id: number }>> {
	const input = validate(taskForm, raw);
	if (!input.ok) return input;
	const { title, unit, owner, due_on } = input.value;
	return db.transaction().execute(async (trx) => {
		const criterion = await criterionOfAgency(trx, agencyId, criterionId);
		if (!criterion) return notFound;
		const problem = await checkUnitAndOwner(trx, agencyId, unit, owner);
		if (problem && !problem.ok) return problem;
		const { id } = await trx
			.insertInto('plan_tasks')
			.values({ criterion_id: criterionId, title, unit_id: unit, owner_user_id: owner, due_on })
			.returning('id')
			.executeTakeFirstOrThrow();
		await audit(trx, actor, { agencyId, action: 'plan.task.add', entity: 'plan_task', entityId: id, after: { criterion: criterion.code, title, unit, owner, due_on } });
		return done({ id });
	});
}

export async function editTask(db: Kysely<Database>, actor: Principal, agencyId: number, taskId: number, raw: unknown): Promise<Outcome> {
	const input = validate(taskForm, raw);
	if (!input.ok) return input;
	const { title, unit, owner, due_on } = input.value;
	return db.transaction().execute(async (trx) => {
		const before = await taskOfAgency(trx, agencyId, taskId, true);
		if (!before) return notFound;
		const problem = await checkUnitAndOwner(trx, agencyId, unit, owner);
		if (problem && !problem.ok) return problem;
		await trx.updateTable('plan_tasks').set({ title, unit_id: unit, owner_user_id: owner, due_on, updated_at: new Date() }).where('id', '=', taskId).execute();
		await audit(trx, actor, {
			agencyId,
			action: 'plan.task.edit',
			entity: 'plan_task',
			entityId: taskId,
			before: { title: before.title, unit: before.unit_id, owner: before.owner_user_id, due_on: before.due_on },
			after: { title, unit, owner, due_on }
		});
		return done();
	});
}

export async function deleteTask(db: Kysely<Database>, actor: Principal, agencyId: number, taskId: number): Promise<Outcome> {
	return db.transaction().execute(async (trx) => {
		const before = await taskOfAgency(trx, agencyId, taskId, true);
		if (!before) return notFound;
		await trx.deleteFrom('plan_tasks').where('id', '=', taskId).execute();
		await audit(trx, actor, { agencyId, action: 'plan.task.delete', entity: 'plan_task', entityId: taskId, before: { criterion: before.criterion_code, title: before.title, status: before.status } });
		return done();
	});
}

export async function editCriterionTarget(db: Kysely<Database>, actor: Principal, agencyId: number, criterionId: number, raw: unknown): Promise<Outcome> {
	const input = validate(criterionForm, raw);
	if (!input.ok) return input;
	const { target_text, target_percent } = input.value;
	const target_direction = target_percent === null ? null : input.value.target_direction;
	return db.transaction().execute(async (trx) => {
		const before = await criterionOfAgency(trx, agencyId, criterionId);
		if (!before) return notFound;
		await trx.updateTable('plan_criteria').set({ target_text, target_percent, target_direction }).where('id', '=', criterionId).execute();
		await audit(trx, actor, {
			agencyId,
			action: 'plan.criterion.edit',
			entity: 'plan_criterion',
			entityId: criterionId,
			before: { code: before.code, target_text: before.target_text, target_percent: before.target_percent === null ? null : Number(before.target_percent), target_direction: before.target_direction },
			after: { code: before.code, target_text, target_percent, target_direction }
		});
		return done();
	});
}

export async function editPlanHeader(db: Kysely<Database>, actor: Principal, agencyId: number, planId: number, raw: unknown): Promise<Outcome> {
	const input = validate(planForm, raw);
	if (!input.ok) return input;
	const { number, title, issued_on, signer } = input.value;
	return db.transaction().execute(async (trx) => {
		const before = await trx.selectFrom('plans').select(['number', 'title', 'issued_on', 'signer']).where('id', '=', planId).where('agency_id', '=', agencyId).forUpdate().executeTakeFirst();
		if (!before) return notFound;
		await trx.updateTable('plans').set({ number, title, issued_on, signer, updated_at: new Date() }).where('id', '=', planId).execute();
		await audit(trx, actor, { agencyId, action: 'plan.edit', entity: 'plan', entityId: planId, before, after: { number, title, issued_on, signer } });
		return done();
	});
}
