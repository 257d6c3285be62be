import type { RequestEvent } from '@sveltejs/kit';
import { idParam } from '../../http/form-fields';
import { notFoundPage, requireAdmin } from '../../http/pages';
import { db } from '../../db';
import { counterPoster, type CounterPoster } from './counter-poster';
import { publicOrigin } from './origin';

/** The counter of a download URL, guarded like every admin page (404 for another agency's id). */
export async function posterForDownload(event: RequestEvent<{ agency: string; id: string }>): Promise<CounterPoster> {
	const { agency } = await requireAdmin(event);
	const id = idParam(event.params.id) ?? notFoundPage();
	return (await counterPoster(db(), agency, publicOrigin(event.url), id)) ?? notFoundPage();
}

/** A file to save, named after the counter's code (safe in a file name by its format). */
export function download(body: BodyInit, type: string, filename: string): Response {
	return new Response(body, {
		headers: {
			'content-type': type,
			'content-disposition': `attachment; filename="${filename}"`,
			'cache-control': 'private, no-store'
		}
	});
}
