import { db } from '$lib/server/db';
import { asciiFilename } from '$lib/server/export/download';
import { idParam } from '$lib/server/http/form-fields';
import { notFound, requirePetitions } from '$lib/server/petitions/pages';
import { getAttachment } from '$lib/server/petitions/queries';
import type { RequestHandler } from './$types';

/**
 * A petition's file, from the database (so any app process serves it), as a download with the
 * type found from its content: never rendered inline in the site's origin.
 */
export const GET: RequestHandler = async (event) => {
	const { agency } = await requirePetitions(event);
	const id = idParam(event.params.id);
	const file = id === null ? undefined : await getAttachment(db(), agency.id, event.params.code, id);
	if (!file) notFound();
	return new Response(new Uint8Array(file.data), {
		headers: {
			'content-type': file.contentType,
			'content-disposition': `attachment; filename="${asciiFilename(file.filename)}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
			'content-security-policy': "default-src 'none'; sandbox",
			'cache-control': 'private, no-store'
		}
	});
};
