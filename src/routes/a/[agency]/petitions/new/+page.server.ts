import { publicOrigin } from '$lib/server/counters/posters/origin';
import { db } from '$lib/server/db';
import { formValues } from '$lib/server/http/form-fields';
import { listOfficials } from '$lib/server/officials/queries';
import { refusePetition, requirePetitions } from '$lib/server/petitions/pages';
import { enterPetition } from '$lib/server/petitions/staff-create';
import { groupSecret } from '$lib/server/petitions/secret';
import { listUnits } from '$lib/server/units/units';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { agency } = await requirePetitions(event, 'petitions:handle');
	const [units, officials] = await Promise.all([listUnits(db(), agency.id), listOfficials(db(), agency.id)]);
	return {
		units: units.map((u) => ({ id: u.id, name: u.name })),
		officials: officials.filter((o) => o.active).map((o) => ({ id: o.id, name: o.name }))
	};
};

export const actions: Actions = {
	default: async (event) => {
		const { principal, agency } = await requirePetitions(event, 'petitions:handle');
		const values = await formValues(event.request);
		const outcome = await enterPetition(db(), principal, agency.id, values, { origin: publicOrigin(event.url) });
		if (!outcome.ok) return refusePetition(outcome, 'create', values, event.locals.locale);
		// The secret is shown once, on this answer, never in a URL.
		return { created: { code: outcome.value.code, secret: groupSecret(outcome.value.secret) } };
	}
};
