import type { Kysely } from 'kysely';
import { audit } from '../audit/audit';
import type { Principal } from '../auth/principal';
import type { Database } from '../db/schema';
import { done, notFound, refused, validate, type Outcome } from '../http/outcome';
import { localDayKey } from '../../sipas/calendar';
import { taskOfAgency } from './queries';
import { EVIDENCE_MAX_BYTES, taskUpdateForm } from './schema';

/**
 * The Office's work on the plan (capability plan:tasks): a task's status, the day it was done, a
 * note, and evidence files. A task of another agency is not found (404), exactly like a missing
 * one. Each change is audited with its before and after (evidence by name and size).
 */
export interface EvidenceFile {
	name: string;
	type: string;
	bytes: Uint8Array;
}

/** Content types served as themselves; anything else is downloaded as bytes. */
const SAFE_TYPES = new Set([
	'application/pdf',
	'image/png',
	'image/jpeg',
	'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
	'application/msword',
	'application/vnd.ms-excel',
	'text/plain',
	'application/zip'
]);

export async function updateTask(
	db: Kysely<Database>,
	actor: Principal,
	agencyId: number,
	taskId: number,
	raw: unknown,
	file: EvidenceFile | null = null,
	now = new Date()
): Promise<Outcome> {
	const input = validate(taskUpdateForm, raw);
	if (!input.ok) return input;
	const today = localDayKey(now);
	const { status, note } = input.value;
	const doneOn = status === 'done' ? (input.value.done_on ?? today) : null;
	if (doneOn !== null && doneOn > today) return refused('done_on', 'plan.error.doneInFuture');
	if (file) {
		if (file.bytes.byteLength > EVIDENCE_MAX_BYTES) return refused('file', 'plan.error.fileTooLarge');
		if (!evidenceName(file.name)) return refused('file', 'plan.error.fileName');
	}
	return db.transaction().execute(async (trx) => {
		const before = await taskOfAgency(trx, agencyId, taskId, true);
		if (!before) return notFound;
		const after = { status, done_on: doneOn, note };
		const changed = before.status !== status || before.done_on !== doneOn || before.note !== note;
		if (changed) {
			await trx.updateTable('plan_tasks').set({ ...after, updated_at: now }).where('id', '=', taskId).execute();
		}
		let evidence: { name: string; size: number } | undefined;
		if (file) {
			const name = evidenceName(file.name)!;
			await trx
				.insertInto('plan_task_evidence')
				.values({
					task_id: taskId,
					file_name: name,
					content_type: SAFE_TYPES.has(file.type) ? file.type : 'application/octet-stream',
					size: file.bytes.byteLength,
					content: Buffer.from(file.bytes),
					uploaded_by: actor.kind === 'user' ? actor.id : null
				})
				.execute();
			evidence = { name, size: file.bytes.byteLength };
		}
		if (changed || evidence) {
			await audit(trx, actor, {
				agencyId,
				action: 'plan.task.update',
				entity: 'plan_task',
				entityId: taskId,
				before: { status: before.status, done_on: before.done_on, note: before.note },
				after: evidence ? { ...after, evidence } : after
			});
		}
		return done();
	});
}

/** The file's own name without any folder, 1–200 characters, no control characters. */
function evidenceName(name: string): string | null {
	const base = name.split(/[\\/]/).pop()!.trim();
	if (base === '' || base.length > 200 || /[\u0000-\u001f\u007f]/.test(base) || base === '.' || base === '..') return null;
	return base.normalize('NFC');
}

/** An evidence file of this agency's plan, to download; undefined when it is not this agency's. */
export async function readEvidence(db: Kysely<Database>, agencyId: number, evidenceId: number) {
	return db
		.selectFrom('plan_task_evidence as e')
		.innerJoin('plan_tasks as t', 't.id', 'e.task_id')
		.innerJoin('plan_criteria as c', 'c.id', 't.criterion_id')
		.innerJoin('plans as p', 'p.id', 'c.plan_id')
		.select(['e.file_name', 'e.content_type', 'e.content', 'e.size'])
		.where('e.id', '=', evidenceId)
		.where('p.agency_id', '=', agencyId)
		.executeTakeFirst();
}
