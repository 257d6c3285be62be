import type { Kysely } from 'kysely';
import type { Database, PlanCriterionKind, PlanMeasure, PlanTaskStatus, TargetDirection } from '../db/schema';

/**
 * Reading one agency's plan: the plan, its criteria in order with their units, and each criterion's
 * tasks with their evidence files (names and sizes only, never the bytes). Always scoped by agency:
 * a plan, criterion or task of another agency is simply not found.
 */
export interface PlanHeader {
	id: number;
	year: number;
	number: string;
	title: string;
	issuedOn: string | null;
	signer: string;
}

export interface EvidenceView {
	id: number;
	fileName: string;
	size: number;
	uploadedAt: Date;
}

export interface TaskView {
	id: number;
	criterionId: number;
	title: string;
	unitId: number | null;
	unitName: string | null;
	ownerUserId: number | null;
	ownerLabel: string | null;
	dueOn: string;
	status: PlanTaskStatus;
	doneOn: string | null;
	note: string;
	evidence: EvidenceView[];
}

export interface CriterionView {
	id: number;
	code: string;
	kind: PlanCriterionKind;
	title: string;
	targetText: string;
	targetPercent: number | null;
	direction: TargetDirection | null;
	measure: PlanMeasure | null;
	dimensionKey: string | null;
	timeFrame: string;
	position: number;
	lead: { id: number; name: string }[];
	support: { id: number; name: string }[];
	tasks: TaskView[];
}

export interface PlanView {
	plan: PlanHeader;
	criteria: CriterionView[];
}

export async function planYears(db: Kysely<Database>, agencyId: number): Promise<number[]> {
	const rows = await db.selectFrom('plans').select('year').where('agency_id', '=', agencyId).orderBy('year', 'desc').execute();
	return rows.map((r) => r.year);
}

/** The plan of that year, or the latest one when `year` is undefined; null when there is none. */
export async function loadPlan(db: Kysely<Database>, agencyId: number, year?: number): Promise<PlanView | null> {
	let query = db.selectFrom('plans').select(['id', 'year', 'number', 'title', 'issued_on', 'signer']).where('agency_id', '=', agencyId);
	query = year === undefined ? query.orderBy('year', 'desc').limit(1) : query.where('year', '=', year);
	const plan = await query.executeTakeFirst();
	if (!plan) return null;

	const [criteria, units, tasks, evidence] = await Promise.all([
		db.selectFrom('plan_criteria').selectAll().where('plan_id', '=', plan.id).orderBy('position').orderBy('id').execute(),
		db
			.selectFrom('plan_criterion_units as pu')
			.innerJoin('plan_criteria as c', 'c.id', 'pu.criterion_id')
			.innerJoin('units as u', 'u.id', 'pu.unit_id')
			.select(['pu.criterion_id', 'pu.role', 'u.id', 'u.name'])
			.where('c.plan_id', '=', plan.id)
			.orderBy('u.name')
			.execute(),
		db
			.selectFrom('plan_tasks as t')
			.innerJoin('plan_criteria as c', 'c.id', 't.criterion_id')
			.leftJoin('units as u', 'u.id', 't.unit_id')
			.leftJoin('users as o', 'o.id', 't.owner_user_id')
			.select(['t.id', 't.criterion_id', 't.title', 't.unit_id', 'u.name as unit_name', 't.owner_user_id', 'o.email as owner_email', 'o.name as owner_name', 't.due_on', 't.status', 't.done_on', 't.note'])
			.where('c.plan_id', '=', plan.id)
			.orderBy('t.due_on')
			.orderBy('t.id')
			.execute(),
		db
			.selectFrom('plan_task_evidence as e')
			.innerJoin('plan_tasks as t', 't.id', 'e.task_id')
			.innerJoin('plan_criteria as c', 'c.id', 't.criterion_id')
			.select(['e.id', 'e.task_id', 'e.file_name', 'e.size', 'e.uploaded_at'])
			.where('c.plan_id', '=', plan.id)
			.orderBy('e.id')
			.execute()
	]);
	const evidenceOf = new Map<number, EvidenceView[]>();
	for (const e of evidence) {
		const list = evidenceOf.get(e.task_id) ?? [];
		list.push({ id: e.id, fileName: e.file_name, size: e.size, uploadedAt: e.uploaded_at });
		evidenceOf.set(e.task_id, list);
	}
	return {
		plan: { id: plan.id, year: plan.year, number: plan.number, title: plan.title, issuedOn: plan.issued_on, signer: plan.signer },
		criteria: criteria.map((c) => ({
			id: c.id,
			code: c.code,
			kind: c.kind,
			title: c.title,
			targetText: c.target_text,
			targetPercent: c.target_percent === null ? null : Number(c.target_percent),
			direction: c.target_direction,
			measure: c.measure,
			dimensionKey: c.dimension_key,
			timeFrame: c.time_frame,
			position: c.position,
			lead: units.filter((u) => u.criterion_id === c.id && u.role === 'lead').map((u) => ({ id: u.id, name: u.name })),
			support: units.filter((u) => u.criterion_id === c.id && u.role === 'support').map((u) => ({ id: u.id, name: u.name })),
			tasks: tasks
				.filter((t) => t.criterion_id === c.id)
				.map((t) => ({
					id: t.id,
					criterionId: t.criterion_id,
					title: t.title,
					unitId: t.unit_id,
					unitName: t.unit_name,
					ownerUserId: t.owner_user_id,
					ownerLabel: t.owner_email ? (t.owner_name ? `${t.owner_name} <${t.owner_email}>` : t.owner_email) : null,
					dueOn: t.due_on,
					status: t.status,
					doneOn: t.done_on,
					note: t.note,
					evidence: evidenceOf.get(t.id) ?? []
				}))
		}))
	};
}

/** A task of this agency (through its criterion and plan), locked when `lock`; undefined otherwise. */
export async function taskOfAgency(db: Kysely<Database>, agencyId: number, taskId: number, lock = false) {
	let query = db
		.selectFrom('plan_tasks as t')
		.innerJoin('plan_criteria as c', 'c.id', 't.criterion_id')
		.innerJoin('plans as p', 'p.id', 'c.plan_id')
		.select(['t.id', 't.title', 't.status', 't.due_on', 't.done_on', 't.note', 't.unit_id', 't.owner_user_id', 'c.code as criterion_code'])
		.where('t.id', '=', taskId)
		.where('p.agency_id', '=', agencyId);
	if (lock) query = query.forUpdate('t');
	return query.executeTakeFirst();
}

export async function criterionOfAgency(db: Kysely<Database>, agencyId: number, criterionId: number) {
	return db
		.selectFrom('plan_criteria as c')
		.innerJoin('plans as p', 'p.id', 'c.plan_id')
		.select(['c.id', 'c.code', 'c.kind', 'c.title', 'c.target_text', 'c.target_percent', 'c.target_direction', 'c.time_frame', 'p.id as plan_id'])
		.where('c.id', '=', criterionId)
		.where('p.agency_id', '=', agencyId)
		.executeTakeFirst();
}
