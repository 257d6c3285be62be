import { error } from '@sveltejs/kit';
import { requireAgency } from '$lib/server/auth/guard';
import { publicOrigin } from '$lib/server/counters/posters/origin';
import { db } from '$lib/server/db';
import { dossierInvitation, invitationsOfDay } from '$lib/server/invitations/receipts';
import type { PageServerLoad } from './$types';

/** Rating slips to print: one dossier (?code=…) or every dossier received on a day (?day=yyyy-mm-dd). */
export const load: PageServerLoad = async (event) => {
	const { agency } = await requireAgency(event, event.params.agency, 'invitations:read');
	const params = event.url.searchParams;
	const format = params.get('format') === 'a6' ? 'a6' : 'thermal';
	const origin = publicOrigin(event.url);
	const code = params.get('code');
	const day = params.get('day') ?? '';
	let slips;
	if (code !== null) {
		const one = await dossierInvitation(db(), agency.id, code, origin);
		if (!one) error(404, { message: 'not_found' });
		slips = [one];
	} else if (/^\d{4}-\d{2}-\d{2}$/.test(day)) slips = await invitationsOfDay(db(), agency.id, day, origin);
	else error(404, { message: 'not_found' });
	return { format, code, day, slips };
};
