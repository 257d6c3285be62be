import { redirect } from '@sveltejs/kit';
import { createAgency, listAgencies } from '$lib/server/agencies/agencies';
import { formValues } from '$lib/server/http/form-fields';
import { refuse } from '$lib/server/http/pages';
import { requireCapability } from '$lib/server/auth/guard';
import { db } from '$lib/server/db';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const principal = requireCapability(event, 'province:admin');
	return {
		me: { label: principal.label, role: principal.role },
		agencies: await listAgencies(db()),
		created: event.url.searchParams.get('created')
	};
};

export const actions: Actions = {
	create: async (event) => {
		const principal = requireCapability(event, 'province:admin');
		const values = await formValues(event.request);
		const outcome = await createAgency(db(), principal, values);
		if (!outcome.ok) return refuse(outcome, 'create', values);
		redirect(303, `/province?created=${outcome.value.code}`);
	}
};
