import { error } from '@sveltejs/kit';
import { requireAgency } from '$lib/server/auth/guard';
import { db } from '$lib/server/db';
import { contentDisposition } from '$lib/server/export/download';
import { idParam } from '$lib/server/http/form-fields';
import { readEvidence } from '$lib/server/plan/tasks';
import type { RequestHandler } from './$types';

/** An evidence file of a plan task, always as an attachment: another agency's answers 404. */
export const GET: RequestHandler = async (event) => {
	const { agency } = await requireAgency(event, event.params.agency, 'plan:read');
	const id = idParam(event.params.id);
	const file = id === null ? undefined : await readEvidence(db(), agency.id, id);
	if (!file) error(404, { message: 'not_found' });
	const bytes = new Uint8Array(file.content);
	return new Response(bytes, {
		headers: {
			'content-type': file.content_type,
			'content-disposition': contentDisposition(file.file_name),
			'content-length': String(bytes.byteLength),
			'cache-control': 'private, no-store',
			'x-content-type-options': 'nosniff'
		}
	});
};
