import { requireAgency } from '$lib/server/auth/guard';
import { can, type Capability } from '$lib/server/auth/principal';
import type { LayoutServerLoad } from './$types';

const NAV_CAPABILITIES: Capability[] = ['report:read', 'dashboard:read', 'responses:moderate', 'responses:import', 'agency:admin', 'province:admin', 'dossiers:write', 'petitions:read', 'plan:read'];

/**
 * The signed-in shell of one agency. Pages below still call requireAgency themselves: a layout's
 * load does not guard a form action.
 */
export const load: LayoutServerLoad = async (event) => {
	const { principal, agency } = await requireAgency(event, event.params.agency, 'report:read');
	return {
		agency: { code: agency.code, name: event.locals.locale === 'en' ? agency.name_en : agency.name_vi },
		me: { label: principal.label, role: principal.role, kind: principal.kind },
		capabilities: NAV_CAPABILITIES.filter((c) => can(principal, c))
	};
};
