import { promisify } from 'node:util';
import { gzip } from 'node:zlib';

/**
 * Gzip for pages and JSON. adapter-node serves the built assets precompressed, but not what the
 * server renders; a citizen on a weak mobile connection should not wait for 50 KB of HTML that
 * compresses to 5 KB.
 *
 * A body whose length is declared (SvelteKit's json() declares it) is whole already: it is
 * compressed in one call on libuv's thread pool, off the event loop. A CompressionStream took
 * 2.4 ms of the event loop for the 58 KB of a two-year weighted report, one call 0.9 ms of a pool
 * thread. A body without a length may be a streamed page (a load that returns promises): it is
 * compressed as it streams.
 */
const COMPRESSIBLE = /^(text\/|application\/json|application\/javascript|image\/svg\+xml)/;
const MIN_BYTES = 1024;
/** Bodies up to this length are compressed whole; a longer one (an export) streams. */
const WHOLE_MAX_BYTES = 4 * 1024 * 1024;

const gzipWhole = promisify(gzip);

export async function compressed(request: Request, response: Response): Promise<Response> {
	const type = response.headers.get('content-type') ?? '';
	const declared = response.headers.get('content-length');
	const length = declared === null ? Infinity : Number(declared);
	if (
		!response.body ||
		response.headers.has('content-encoding') ||
		!COMPRESSIBLE.test(type) ||
		length < MIN_BYTES ||
		!/\bgzip\b/.test(request.headers.get('accept-encoding') ?? '')
	) {
		return response;
	}
	const headers = new Headers(response.headers);
	headers.set('content-encoding', 'gzip');
	headers.append('vary', 'Accept-Encoding');
	const init = { status: response.status, statusText: response.statusText, headers };
	if (length <= WHOLE_MAX_BYTES) {
		const body = await gzipWhole(new Uint8Array(await response.arrayBuffer()));
		headers.set('content-length', String(body.byteLength));
		return new Response(body, init);
	}
	headers.delete('content-length');
	return new Response(response.body.pipeThrough(new CompressionStream('gzip')), init);
}
