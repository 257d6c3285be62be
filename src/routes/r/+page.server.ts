import { fail, redirect } from '@sveltejs/kit';
import { normalizeInvitationCode } from '$lib/server/invitations/code';
import type { Actions } from './$types';

/** /r: a rating code typed from paper. A well-formed code goes to /r/{code}, which checks it. */
export const actions: Actions = {
	default: async ({ request }) => {
		const typed = String((await request.formData()).get('code') ?? '').slice(0, 100);
		const code = normalizeInvitationCode(typed);
		if (!code) return fail(400, { typed, invalid: true });
		redirect(303, `/r/${code}`);
	}
};
