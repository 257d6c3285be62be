import { requireAgency } from '$lib/server/auth/guard';
import { db } from '$lib/server/db';
import { listOutbox } from '$lib/server/outbox/deliver';
import type { PageServerLoad } from './$types';

/** The agency's follow-up messages and their states (never their recipients). */
export const load: PageServerLoad = async (event) => {
	const { agency } = await requireAgency(event, event.params.agency, 'agency:admin');
	return { messages: await listOutbox(db(), agency.id) };
};
