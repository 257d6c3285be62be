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
	| 'petitions:read' // petitions of the agency: list, a case, its files, the figures
	| 'petitions:handle' // enter, assign, note, answer, decline and close petitions
	| 'plan:read' // the improvement plan, its progress report and rates
	| 'plan:tasks' // update the plan's tasks (status, note, evidence): the Office (README "Improvement plan")
	| 'officials:read'; // each official's shrunk estimate (SIPAS.md §9): administrators and leaders only, never staff

const CAPABILITIES: Record<PrincipalRole, readonly Capability[]> = {
	leader: ['report:read', 'petitions:read', 'plan:read', 'officials:read'],
	staff: ['report:read', 'dashboard:read', 'responses:moderate', 'responses:import', 'dossiers:write', 'invitations:read', 'petitions:read', 'petitions:handle', 'plan:read', 'plan:tasks'],
	admin: [
		'report:read', 'dashboard:read', 'responses:moderate', 'responses:import', 'agency:admin', 'dossiers:write', 'invitations:read', 'petitions:read', 'petitions:handle',
		'plan:read', 'plan:tasks', 'officials:read'
	],
	province_admin: [
		'report:read', 'dashboard:read', 'responses:moderate', 'responses:import', 'agency:admin', 'province:admin', 'dossiers:write', 'invitations:read',
		'petitions:read', 'petitions:handle', 'plan:read', 'plan:tasks', 'officials:read'
	],
	// The one-stop system's token: writes the register and reads invitations, nothing else.
	integration: ['dossiers:write', 'invitations:read']
};

export function can(principal: Principal | undefined, capability: Capability): boolean {
	return !!principal && CAPABILITIES[principal.role].includes(capability);
}
