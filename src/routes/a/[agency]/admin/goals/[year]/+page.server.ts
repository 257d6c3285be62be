import { redirect } from '@sveltejs/kit';
import { formValues } from '$lib/server/http/form-fields';
import { goalForm, isGoalYear, saveGoals } from '$lib/server/goals/edit-goals';
import { notFoundPage, refuse, requireAdmin } from '$lib/server/http/pages';
import { percentField } from '$lib/server/goals/percent';
import { db } from '$lib/server/db';
import type { Actions, PageServerLoad } from './$types';

function yearParam(value: string): number {
	const year = /^\d{4}$/.test(value) ? Number(value) : NaN;
	return isGoalYear(year) ? year : notFoundPage();
}

export const load: PageServerLoad = async (event) => {
	const { agency } = await requireAdmin(event);
	const year = yearParam(event.params.year);
	const form = await goalForm(db(), agency.id, year);
	const locale = event.locals.locale;
	return {
		year,
		isNew: form.isNew,
		rows: form.rows.map((r) => ({
			key: r.key,
			name: locale === 'en' ? r.name_en : r.name_vi,
			baseline: percentField(r.baseline, locale),
			target: percentField(r.target, locale)
		}))
	};
};

export const actions: Actions = {
	default: async (event) => {
		const { principal, agency } = await requireAdmin(event);
		const year = yearParam(event.params.year);
		const values = await formValues(event.request);
		const outcome = await saveGoals(db(), principal, agency.id, year, values);
		if (!outcome.ok) return refuse(outcome, 'goals', values);
		redirect(303, `/a/${agency.code}/admin/goals?saved=${year}`);
	}
};
