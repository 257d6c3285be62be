import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { z } from 'zod';
import type { StaffFieldErrors } from '$lib/i18n/staff';
import { formatDateTime } from '$lib/server/http/time';
import { requireAgency } from '$lib/server/auth/guard';
import { can } from '$lib/server/auth/principal';
import { db } from '$lib/server/db';
import { listComments, parseCommentQuery } from '$lib/server/comments/comments';
import { moderateResponse, type Moderation } from '$lib/server/comments/moderate';
import { filterOptions } from '$lib/server/scope/options';
import type { Actions, PageServerLoad } from './$types';

/** Comments with their answers, newest first: /a/{agency}/comments?q=…&counter=…&state=…&page=… */
export const load: PageServerLoad = async (event) => {
	const { principal, agency } = await requireAgency(event, event.params.agency, 'dashboard:read');
	const parsed = parseCommentQuery(event.url.searchParams);
	if (!parsed.ok) event.locals.badQuery = true;
	const [options, page] = await Promise.all([filterOptions(db(), agency.id), listComments(db(), agency.id, parsed.query)]);
	const locale = event.locals.locale;
	return {
		query: parsed.query,
		problems: parsed.ok ? [] : parsed.problems,
		counters: options.counters,
		canModerate: can(principal, 'responses:moderate'),
		done: doneOf(event.url.searchParams.get('done')),
		total: page.total,
		page: page.page,
		pages: page.pages,
		rows: page.rows.map((row) => ({
			id: row.id,
			at: formatDateTime(row.submittedAt, locale) ?? '',
			counterCode: row.counterCode,
			counterName: row.counterName,
			comment: row.comment,
			spam: row.flaggedSpam,
			misuse: row.flaggedMisuse,
			contactDossier: row.contactDossier,
			answers: row.answers
		}))
	};
};

function doneOf(value: string | null): 'flagged' | 'restored' | 'unchanged' | null {
	return value === 'flagged' || value === 'restored' || value === 'unchanged' ? value : null;
}

const moderationForm = z.object({ response_id: z.string().regex(/^[1-9]\d{0,15}$/).transform(Number) });

/**
 * Flag as spam / restore. Every action checks the capability itself; a response that is not this
 * agency's answers 404 and nothing changes. Back to the same list (the query string stays), to the
 * response that was moderated.
 */
async function moderate(event: RequestEvent<{ agency: string }>, moderation: Moderation) {
	const { principal, agency } = await requireAgency(event, event.params.agency, 'responses:moderate');
	const parsed = moderationForm.safeParse(Object.fromEntries(await event.request.formData()));
	if (!parsed.success) return fail(400, { errors: { response_id: { key: 'dashboard.comments.error.response' } } satisfies StaffFieldErrors, values: {} });
	const outcome = await moderateResponse(db(), principal, agency.id, parsed.data.response_id, moderation);
	if (outcome === 'not_found') error(404, { message: 'not_found' });
	const back = new URLSearchParams(event.url.searchParams);
	for (const key of [...back.keys()]) if (key.startsWith('/')) back.delete(key);
	back.set('done', outcome === 'unchanged' ? 'unchanged' : moderation === 'flag_spam' ? 'flagged' : 'restored');
	redirect(303, `${event.url.pathname}?${back}#r-${parsed.data.response_id}`);
}

export const actions: Actions = {
	flag: (event) => moderate(event, 'flag_spam'),
	restore: (event) => moderate(event, 'restore')
};
