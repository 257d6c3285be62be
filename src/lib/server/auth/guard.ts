import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { AGENCY_CODE } from '../agencies/schema';
import { db } from '../db';
import { can, type Capability, type Principal } from './principal';
import { isTokenPath } from './tokens';

/**
 * Guards sit next to the data they protect: every load and action of a signed-in page calls
 * `requireAgency` (or `requireCapability`) first. A page sends the anonymous visitor to sign in;
 * an API answers 401. An agency the principal may not see is answered 404, exactly as one that
 * does not exist, so ids and codes of other agencies cannot be probed. API tokens are good for
 * /api/v1 only: on any other page or form action they get 403.
 */
export function requireCapability(event: Pick<RequestEvent, 'locals' | 'url'>, capability: Capability): Principal {
	const principal = event.locals.principal;
	if (!principal) {
		if (event.url.pathname.startsWith('/api/')) error(401, { message: 'Sign in or send a valid Bearer token.' });
		redirect(303, `/login?next=${encodeURIComponent(event.url.pathname + event.url.search)}`);
	}
	// identify() honours tokens on /api/v1 only; should one reach a page anyway, it is refused.
	if (principal.kind === 'token' && !isTokenPath(event.url.pathname)) error(403, { message: 'forbidden' });
	if (!can(principal, capability)) error(403, { message: 'forbidden' });
	return principal;
}

export interface AgencyRef {
	id: number;
	code: string;
	name_vi: string;
	name_en: string;
}

export async function requireAgency(
	event: Pick<RequestEvent, 'locals' | 'url'>,
	agencyCode: string,
	capability: Capability
): Promise<{ principal: Principal; agency: AgencyRef }> {
	const principal = requireCapability(event, capability);
	// A code of another shape (/a/%00/…) is no agency's: 404 without a query Postgres could refuse.
	const agency = !AGENCY_CODE.test(agencyCode) ? undefined : await db()
		.selectFrom('agencies')
		.select(['id', 'code', 'name_vi', 'name_en'])
		.where('code', '=', agencyCode)
		.executeTakeFirst();
	if (!agency || (principal.agencyId !== null && principal.agencyId !== agency.id)) error(404, { message: 'not_found' });
	return { principal, agency };
}
