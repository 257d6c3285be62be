import { requireAgency } from '$lib/server/auth/guard';
import { appConfig } from '$lib/server/config';
import { db } from '$lib/server/db';
import { loadDashboard } from '$lib/server/dashboard/dashboard';
import { loadFilterForm } from '$lib/server/scope/filter-form';
import type { PageServerLoad } from './$types';

/**
 * The staff dashboard: /a/{agency}/dashboard?period=…&month=…&unit=…&counter=…&field=…&channel=…
 * &source=…&flagged=1. Filters with a problem show the form with the message and no numbers.
 */
export const load: PageServerLoad = async (event) => {
	const { agency } = await requireAgency(event, event.params.agency, 'dashboard:read');
	const minimumSample = appConfig().MINIMUM_SAMPLE;
	const { form, scoped } = await loadFilterForm(db(), agency.id, event.url.searchParams);
	if (!scoped) event.locals.badQuery = true;
	const dashboard = scoped ? await loadDashboard(db(), scoped, event.locals.locale, { minimumSample }) : null;
	return { ...form, minimumSample, dashboard };
};
