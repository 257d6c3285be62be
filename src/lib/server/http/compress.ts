import { promisify } from 'node:util';
import { gzip, gzipSync } from 'node:zlib';

/**
 * Gzip for pages and JSON. adapter-node serves the built assets precompressed, but not what the
 * server renders; a citizen on a weak mobile connection should not wait for 50 KB of HTML that
 * compresses to 5 KB.
 *
 * A body whose length is declared (SvelteKit's json() declares it) is whole already: it is
 * compressed in one call, at level 1 as nginx does by default for what it compresses on the fly.
 * For the 58 KB of a two-year weighted report that is 0.25 ms and 16 KB, where level 6 takes 0.8 ms
 * for 15 KB and a CompressionStream took 2.4 ms; inside the app under load the level-6 call on
 * libuv's thread pool took 3.5 ms from start to answer. Up to WHOLE_SYNC_MAX_BYTES it runs on the
 * event loop (under a millisecond), a longer body on the thread pool. A body without a length may
 * be a streamed page (a load that returns promises): it is compressed as it streams.
 */
const COMPRESSIBLE = /^(text\/|application\/json|application\/javascript|image\/svg\+xml)/;
const MIN_BYTES = 1024;
/** Bodies up to this length are compressed whole; a longer one (an export) streams. */
const WHOLE_MAX_BYTES = 4 * 1024 * 1024;
/** Bodies up to this length are compressed on the event loop. */
const WHOLE_SYNC_MAX_BYTES = 256 * 1024;
const LEVEL = 1;

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
		const body = whole.byteLength <= WHOLE_SYNC_MAX_BYTES ? gzipSync(whole, { level: LEVEL }) : await gzipOnPool(whole, { level: LEVEL });
		headers.set('content-length', String(body.byteLength));
		return new Response(body, init);
	}
	headers.delete('content-length');
	return new Response(response.body.pipeThrough(new CompressionStream('gzip')), init);
}
