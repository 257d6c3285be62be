import { redirect } from '@sveltejs/kit';
import { isGoalYear, listGoals, MAX_YEAR, MIN_YEAR } from '$lib/server/goals/edit-goals';
import { requireAdmin } from '$lib/server/http/pages';
import { db } from '$lib/server/db';
import { INDEXES, meanOfDimensions } from '$lib/sipas';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { agency } = await requireAdmin(event);
	// The "open a year" form is a GET form: a valid year goes to its page.
	const asked = event.url.searchParams.get('year');
	if (asked !== null && isGoalYear(Number(asked))) redirect(303, `/a/${agency.code}/admin/goals/${Number(asked)}`);

	const table = await listGoals(db(), agency.id);
	const locale = event.locals.locale;
	// An index's default goal is the mean of its dimensions' (SIPAS.md §4), shown for reading.
	const indexes = INDEXES.map((index) => ({
		key: index.key,
		byYear: Object.fromEntries(
			table.years.map((year) => {
				const of = (kind: 'baseline' | 'target') =>
					meanOfDimensions(index.dimensions.map((key) => table.dimensions.find((d) => d.key === key)?.[kind][year]));
				return [year, { baseline: of('baseline'), target: of('target') }];
			})
		)
	}));
	return {
		years: table.years,
		dimensions: table.dimensions.map((d) => ({ key: d.key, name: locale === 'en' ? d.name_en : d.name_vi, baseline: d.baseline, target: d.target })),
		indexes,
		yearProblem: asked !== null,
		nextYear: Math.min(MAX_YEAR, Math.max(new Date().getFullYear(), (table.years.at(-1) ?? 0) + 1)),
		minYear: MIN_YEAR,
		maxYear: MAX_YEAR,
		saved: event.url.searchParams.has('saved')
	};
};
