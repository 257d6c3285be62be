import { requireAgency } from '$lib/server/auth/guard';
import { can } from '$lib/server/auth/principal';
import { appConfig } from '$lib/server/config';
import { db } from '$lib/server/db';
import { idParam } from '$lib/server/http/form-fields';
import { refuse } from '$lib/server/http/pages';
import { addTask, deleteTask, editCriterionTarget, editPlanHeader, editTask } from '$lib/server/plan/edit-plan';
import { loadPlanPage } from '$lib/server/plan/page';
import { updateTask } from '$lib/server/plan/tasks';
import type { Actions, PageServerLoad } from './$types';

/** /a/{agency}/plan?year=2024: leaders read, the Office (plan:tasks) updates tasks, administrators edit. */
function idOf(form: FormData, name = 'id'): number | null {
	const value = form.get(name);
	return typeof value === 'string' ? idParam(value) : null;
}

/** The string values of these fields (a file field is read apart). */
function formFields(form: FormData, names: readonly string[]): Record<string, string> {
	return Object.fromEntries(names.map((name) => [name, typeof form.get(name) === 'string' ? (form.get(name) as string) : '']));
}

export const load: PageServerLoad = async (event) => {
	const { principal, agency } = await requireAgency(event, event.params.agency, 'plan:read');
	const asked = event.url.searchParams.get('year');
	const year = asked && /^\d{4}$/.test(asked) ? Number(asked) : undefined;
	const page = await loadPlanPage(db(), agency.id, { year, minimumSample: appConfig().MINIMUM_SAMPLE, forAdmin: can(principal, 'agency:admin'),
		locale: event.locals.locale,
		unitId: idParam(event.url.searchParams.get('unit') ?? undefined),
		procedureFieldId: idParam(event.url.searchParams.get('field') ?? undefined)
	});
	return { ...page, canTasks: can(principal, 'plan:tasks'), canEdit: can(principal, 'agency:admin') };
};

export const actions: Actions = {
	task: async (event) => {
		const { principal, agency } = await requireAgency(event, event.params.agency, 'plan:tasks');
		const form = await event.request.formData();
		const id = idOf(form);
		const values = formFields(form, ['status', 'done_on', 'note']);
		if (id === null) return refuse({ ok: false, status: 404 }, 'task');
		const file = form.get('file');
		const evidence = file instanceof File && file.size > 0 ? { name: file.name, type: file.type, bytes: new Uint8Array(await file.arrayBuffer()) } : null;
		const outcome = await updateTask(db(), principal, agency.id, id, values, evidence);
		if (!outcome.ok) return refuse(outcome, 'task', values, id);
		return { form: 'task', id, saved: true };
	},
	addTask: async (event) => {
		const { principal, agency } = await requireAgency(event, event.params.agency, 'agency:admin');
		const form = await event.request.formData();
		const criterion = idOf(form, 'criterion');
		const values = formFields(form, ['title', 'unit', 'owner', 'due_on']);
		if (criterion === null) return refuse({ ok: false, status: 404 }, 'addTask');
		const outcome = await addTask(db(), principal, agency.id, criterion, values);
		if (!outcome.ok) return refuse(outcome, 'addTask', values, criterion);
		return { form: 'addTask', id: criterion, saved: true };
	},
	deleteTask: async (event) => {
		const { principal, agency } = await requireAgency(event, event.params.agency, 'agency:admin');
		const id = idOf(await event.request.formData());
		const outcome = id === null ? ({ ok: false, status: 404 } as const) : await deleteTask(db(), principal, agency.id, id);
		if (!outcome.ok) return refuse(outcome, 'deleteTask', {}, id);
		return { form: 'deleteTask', id, saved: true };
	},
	criterion: async (event) => {
		const { principal, agency } = await requireAgency(event, event.params.agency, 'agency:admin');
		const form = await event.request.formData();
		const id = idOf(form);
		const values = formFields(form, ['target_text', 'target_percent', 'target_direction']);
		if (id === null) return refuse({ ok: false, status: 404 }, 'criterion');
		const outcome = await editCriterionTarget(db(), principal, agency.id, id, values);
		if (!outcome.ok) return refuse(outcome, 'criterion', values, id);
		return { form: 'criterion', id, saved: true };
	},
	editTask: async (event) => {
		const { principal, agency } = await requireAgency(event, event.params.agency, 'agency:admin');
		const form = await event.request.formData();
		const id = idOf(form);
		const values = formFields(form, ['title', 'unit', 'owner', 'due_on']);
		if (id === null) return refuse({ ok: false, status: 404 }, 'editTask');
		const outcome = await editTask(db(), principal, agency.id, id, values);
		if (!outcome.ok) return refuse(outcome, 'editTask', values, id);
		return { form: 'editTask', id, saved: true };
	},
	plan: async (event) => {
		const { principal, agency } = await requireAgency(event, event.params.agency, 'agency:admin');
		const form = await event.request.formData();
		const id = idOf(form);
		const values = formFields(form, ['number', 'title', 'issued_on', 'signer']);
		if (id === null) return refuse({ ok: false, status: 404 }, 'plan');
		const outcome = await editPlanHeader(db(), principal, agency.id, id, values);
		if (!outcome.ok) return refuse(outcome, 'plan', values, id);
		return { form: 'plan', id, saved: true };
	}
};
