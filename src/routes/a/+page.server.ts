import { redirect } from '@sveltejs/kit';
import { agencyCodeOf } from '$lib/server/agencies/agencies';
import { requireCapability } from '$lib/server/auth/guard';
import { db } from '$lib/server/db';
import type { PageServerLoad } from './$types';

/** The signed-in home: one's own agency, or for a province administrator the list of agencies. */
export const load: PageServerLoad = async (event) => {
	const principal = requireCapability(event, 'report:read');
	if (principal.agencyId !== null) redirect(303, `/a/${await agencyCodeOf(db(), principal.agencyId)}`);
	redirect(303, '/province');
};
