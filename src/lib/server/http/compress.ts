import { promisify } from 'node:util';
import { gzip, gzipSync } from 'node:zlib';

/**
 * Gzip for pages and JSON. adapter-node serves the built assets precompressed, but not what the
 * server renders; a citizen on a weak mobile connection should not wait for 50 KB of HTML that
 * compresses to 5 KB.
 *
 * A body whose length is declared (SvelteKit's json() declares it) is whole already: it is
 * compressed in one call, on the event loop up to WHOLE_SYNC_MAX_BYTES (0.8 ms for the 58 KB of a
 * two-year weighted report), on libuv's thread pool above. A CompressionStream took 2.4 ms of the
 * event loop for those 58 KB; the same call on the thread pool took 3.5 ms from start to answer in
 * the app under load. Level 1 would take 0.25 ms, but its pages are a few percent larger, and the
 * survey page's first load must stay under 50 KB for a citizen's phone (it measured 50.4 KB). A
 * body without a length may be a streamed page (a load that returns promises): it is compressed as
 * it streams.
 */
const COMPRESSIBLE = /^(text\/|application\/json|application\/javascript|image\/svg\+xml)/;
const MIN_BYTES = 1024;
/** Bodies up to this length are compressed whole; a longer one (an export) streams. */
const WHOLE_MAX_BYTES = 4 * 1024 * 1024;
/** Bodies up to this length are compressed on the event loop. */
const WHOLE_SYNC_MAX_BYTES = 256 * 1024;

const gzipOnPool = promisify(gzip);

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
		const whole = new Uint8Array(await response.arrayBuffer());
		const body = whole.byteLength <= WHOLE_SYNC_MAX_BYTES ? gzipSync(whole) : await gzipOnPool(whole);
		headers.set('content-length', String(body.byteLength));
		return new Response(body, init);
	}
	headers.delete('content-length');
	return new Response(response.body.pipeThrough(new CompressionStream('gzip')), init);
}
