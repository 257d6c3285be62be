import { redirect } from '@sveltejs/kit';
import { requireCapability } from '$lib/server/auth/guard';
import { db } from '$lib/server/db';
import type { PageServerLoad } from './$types';

/** The signed-in home: one's own agency, or for a province administrator the list of agencies. */
export const load: PageServerLoad = async (event) => {
	const principal = requireCapability(event, 'report:read');
	if (principal.agencyId !== null) {
		const agency = await db().selectFrom('agencies').select('code').where('id', '=', principal.agencyId).executeTakeFirstOrThrow();
		redirect(303, `/a/${agency.code}`);
	}
	redirect(303, '/province');
};
