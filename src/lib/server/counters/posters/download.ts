import type { RequestEvent } from '@sveltejs/kit';
import { idParam } from '../../http/form-fields';
import { notFoundPage, requireAdmin } from '../../http/pages';
import { db } from '../../db';
import { counterPoster, type CounterPoster } from './counter-poster';
import { posterAddress, type PosterAddress } from './origin';

/** The counter of a download URL, guarded like every admin page (404 for another agency's id). */
export async function posterForDownload(event: RequestEvent<{ agency: string; id: string }>): Promise<CounterPoster & { address: PosterAddress }> {
	const { agency } = await requireAdmin(event);
	const id = idParam(event.params.id) ?? notFoundPage();
	const address = posterAddress(event.url, event.locals.locale);
	const poster = (await counterPoster(db(), agency, address.origin, id)) ?? notFoundPage();
	return { ...poster, address };
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
