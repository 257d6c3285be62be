import { error, fail, type RequestEvent } from '@sveltejs/kit';
import { requireAgency } from '../auth/guard';
import type { Refusal } from './outcome';

/**
 * The glue between administration pages and the use cases: every load and every action calls
 * requireAdmin itself (a layout's load does not guard an action), and a refusal becomes a 404
 * (unknown or another agency's id) or a form failure that names the form and row it belongs to.
 */
export function requireAdmin(event: Pick<RequestEvent, 'locals' | 'url' | 'params'>) {
	return requireAgency(event, (event.params as { agency?: string }).agency ?? '', 'agency:admin');
}

export function notFoundPage(): never {
	error(404, { message: 'not_found' });
}

/** What a failed form sends back: never a password or a token, even in the echo of its values. */
export function refuse(outcome: Refusal, form: string, values: Record<string, string> = {}, id: number | null = null) {
	if (outcome.status === 404) notFoundPage();
	const echo = Object.fromEntries(Object.entries(values).filter(([key]) => !/password|token/i.test(key)));
	return fail(outcome.status, { form, id, errors: outcome.errors, values: echo });
}
