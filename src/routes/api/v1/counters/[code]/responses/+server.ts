import { json } from '@sveltejs/kit';
import { translator } from '$lib/i18n/catalogue';
import { appConfig } from '$lib/server/config';
import { db } from '$lib/server/db';
import { receiveSubmission } from '$lib/server/survey/service';
import type { RequestHandler } from './$types';

/**
 * The same submission as the survey form, for kiosks and other clients that speak JSON:
 * { submission_id, survey_version, answers: { PA1: 5, PA2: "na", … }, channel?, comment?, … }.
 * 201 stored, 200 already stored (same submission_id), 400 with the reasons, 404, 429, 503.
 */
const en = translator('en');

export const POST: RequestHandler = async ({ request, params, getClientAddress }) => {
	if (!request.headers.get('content-type')?.startsWith('application/json')) {
		return problem(415, 'Send the response as application/json.');
	}
	let body: unknown;
	try {
		body = await request.json();
	} catch {
		return problem(400, 'The body is not valid JSON.');
	}
	const result = await receiveSubmission(db(), appConfig(), params.code, body, {
		address: getClientAddress(),
		userAgent: request.headers.get('user-agent') ?? ''
	}).catch(() => ({ kind: 'unavailable' }) as const);

	switch (result.kind) {
		case 'stored':
			return json({ status: 'stored' }, { status: 201 });
		case 'duplicate':
			return json({ status: 'duplicate', message: 'This submission_id was stored before; nothing new was stored.' });
		case 'not_found':
			return problem(404, 'No active counter has this code.');
		case 'invalid':
			return problem(400, 'The response is not valid; nothing was stored.', {
				issues: Object.entries(result.errors).map(([field, e]) => ({ field, message: en(e.key, e.params) }))
			});
		case 'version_changed':
			return problem(400, "survey_version is not the counter's active survey version; nothing was stored.");
		case 'too_many':
			return problem(429, 'Too many submissions from this device to this counter in the last hour.');
		case 'unavailable':
			return problem(503, 'The database is unavailable; nothing was stored. Try again later.');
	}
};

function problem(status: number, message: string, extra: Record<string, unknown> = {}): Response {
	return json({ error: message, ...extra }, { status });
}
