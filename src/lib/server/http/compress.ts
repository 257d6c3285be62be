/**
 * Gzip for pages and JSON. adapter-node serves the built assets precompressed, but not what the
 * server renders; a citizen on a weak mobile connection should not wait for 50 KB of HTML that
 * compresses to 5 KB.
 */
const COMPRESSIBLE = /^(text\/|application\/json|application\/javascript|image\/svg\+xml)/;
const MIN_BYTES = 1024;

export function compressed(request: Request, response: Response): Response {
	const type = response.headers.get('content-type') ?? '';
	const length = Number(response.headers.get('content-length') ?? Infinity);
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
	headers.delete('content-length');
	headers.set('content-encoding', 'gzip');
	headers.append('vary', 'Accept-Encoding');
	return new Response(response.body.pipeThrough(new CompressionStream('gzip')), {
		status: response.status,
		statusText: response.statusText,
		headers
	});
}
