import { error, type RequestEvent } from '@sveltejs/kit';
import { staffTranslator, type StaffMessageKey } from '$lib/i18n/staff';
import { requireAgency } from '../auth/guard';
import type { Capability } from '../auth/principal';
import type { Refusal } from '../http/outcome';
import { refuse } from '../http/pages';

/**
 * The glue between the petition pages and their use cases: every load and action asks for its
 * capability (petitions:read to look, petitions:handle to act, agency:admin to publish and set
 * the rules), and a refused step names the state in the reader's language.
 */
export function requirePetitions(event: Pick<RequestEvent, 'locals' | 'url' | 'params'>, capability: Capability = 'petitions:read') {
	return requireAgency(event, (event.params as { agency?: string }).agency ?? '', capability);
}

export function refusePetition(outcome: Refusal, form: string, values: Record<string, string>, locale: 'vi' | 'en') {
	if (outcome.status !== 404) {
		const t = staffTranslator(locale);
		for (const message of Object.values(outcome.errors)) {
			const state = message.params?.state;
			if (typeof state === 'string') message.params = { ...message.params, state: t(`petitions.state.${state}` as StaffMessageKey) };
		}
	}
	return refuse(outcome, form, values);
}

export function notFound(): never {
	error(404, { message: 'not_found' });
}
