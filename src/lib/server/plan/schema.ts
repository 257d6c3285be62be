import { z } from 'zod';
import { storableText } from '../db/limits';
import { chosenId } from '../http/form-schemas';
import { isDayKey } from '../../sipas/calendar';

/** The plan's forms. Every message is a staff catalogue key. */
export const EVIDENCE_MAX_BYTES = 10 * 1024 * 1024;

const text = (max: number, required = false) => {
	const base = z.string().trim().max(max, { error: 'plan.error.tooLong' }).refine(storableText, { error: 'admin.error.unstorable' });
	return required ? base.pipe(z.string().min(1, { error: 'admin.error.required' })) : base;
};
const day = z.string().trim().refine(isDayKey, { error: 'plan.error.date' });
const optionalDay = z
	.string()
	.trim()
	.optional()
	.transform((v) => (v ? v : null))
	.refine((v) => v === null || isDayKey(v), { error: 'plan.error.date' });
/** An id chosen in a form, or null for the empty choice. */
const optionalId = z.union([z.literal('').transform(() => null), z.undefined().transform(() => null), chosenId]);

/** The Office's update of a task. */
export const taskUpdateForm = z.object({
	status: z.enum(['open', 'in_progress', 'done'], { error: 'admin.error.choose' }),
	done_on: optionalDay,
	note: text(4000)
});

/** An administrator's new task, or edit of one. */
export const taskForm = z.object({
	title: text(1000, true),
	unit: optionalId,
	owner: optionalId,
	due_on: day
});

export const criterionForm = z
	.object({
		target_text: text(2000),
		// "30", "30,5" or empty (not a rate).
		target_percent: z
			.string()
			.trim()
			.optional()
			.refine((v) => !v || /^\d{1,3}([.,]\d{1,2})?$/.test(v), { error: 'plan.error.percent' })
			.transform((v) => (v ? Number(v.replace(',', '.')) : null))
			.refine((v) => v === null || v <= 100, { error: 'plan.error.percent' }),
		target_direction: z
			.string()
			.optional()
			.transform((v) => (v ? v : null))
			.pipe(z.union([z.null(), z.enum(['at_least', 'at_most'], { error: 'admin.error.choose' })]))
	})
	.refine((v) => (v.target_percent === null) === (v.target_direction === null) || v.target_percent === null, {
		error: 'plan.error.direction',
		path: ['target_direction']
	});

/** An administrator's edit of the plan's own lines. */
export const planForm = z.object({
	number: text(60),
	title: text(500, true),
	issued_on: optionalDay,
	signer: text(200)
});
