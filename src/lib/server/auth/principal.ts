import type { ApiTokenRole, Role } from '../../domain/enums';

/** Who is asking: a signed-in person, or a machine holding an API token. */
export interface Principal {
	kind: 'user' | 'token';
	/** users.id or api_tokens.id */
	id: number;
	/** The email of a user; "token:NAME (creator's email)" for a token: what the audit log shows. */
	label: string;
	role: PrincipalRole;
	/** null only for a province_admin, who may act on every agency. */
	agencyId: number | null;
}

/** A person's role, or an API token's (tokens are `leader` or `integration`). */
export type PrincipalRole = Role | ApiTokenRole;

/** What each role may do. Every route asks for a capability, never for a role by name. */
export type Capability =
	| 'report:read' // the monthly SIPAS report and the estimates API
	| 'dashboard:read' // trends, distributions, comments, exports
	| 'responses:moderate' // flag a comment as spam, restore it
	| 'responses:import' // paper questionnaires
	| 'agency:admin' // units, counters, fields, goals, survey versions, users, tokens, audit log
	| 'province:admin' // create agencies, act on all of them
	| 'dossiers:write' // the dossier register: import, push API, list
	| 'invitations:read' // a dossier's rating invitation: receipt slips, the invitation API
	| 'officials:read'; // each official's shrunk estimate (SIPAS.md §9): administrators and leaders only, never staff

const CAPABILITIES: Record<PrincipalRole, readonly Capability[]> = {
	leader: ['report:read', 'officials:read'],
	staff: ['report:read', 'dashboard:read', 'responses:moderate', 'responses:import', 'dossiers:write', 'invitations:read'],
	admin: ['report:read', 'dashboard:read', 'responses:moderate', 'responses:import', 'agency:admin', 'dossiers:write', 'invitations:read', 'officials:read'],
	province_admin: ['report:read', 'dashboard:read', 'responses:moderate', 'responses:import', 'agency:admin', 'province:admin', 'dossiers:write', 'invitations:read', 'officials:read'],
	// The one-stop system's token: writes the register and reads invitations, nothing else.
	integration: ['dossiers:write', 'invitations:read']
};

export function can(principal: Principal | undefined, capability: Capability): boolean {
	return !!principal && CAPABILITIES[principal.role].includes(capability);
}
