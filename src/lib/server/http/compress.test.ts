import { gunzipSync } from 'node:zlib';
import { json } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import { compressed } from './compress';

/** What a client that accepts gzip receives: the same bytes, compressed, with headers that say so. */
describe('compressed', () => {
	const gzipRequest = new Request('http://localhost/api/v1/agencies/sct-gialai/estimates', { headers: { 'accept-encoding': 'gzip, deflate, br' } });
	const report = { periods: Array.from({ length: 24 }, (_, i) => ({ period: `2025-${i}`, overall: { estimate: 0.8412, n: 4000 + i, status: 'đạt' } })) };

	it('compresses a JSON answer of known length whole, with its compressed length', async () => {
		const original = json(report, { headers: { 'cache-control': 'private, no-store' } });
		const sent = await compressed(gzipRequest, original);
		expect(sent.headers.get('content-encoding')).toBe('gzip');
		expect(sent.headers.get('vary')).toContain('Accept-Encoding');
		expect(sent.headers.get('cache-control')).toBe('private, no-store');
		const body = Buffer.from(await sent.arrayBuffer());
		expect(Number(sent.headers.get('content-length'))).toBe(body.byteLength);
		expect(JSON.parse(gunzipSync(body).toString('utf8'))).toEqual(report);
		expect(body.byteLength).toBeLessThan(Number(json(report).headers.get('content-length')) / 3);
	});

	it('compresses a long answer of known length on the thread pool, with the same result', async () => {
		const long = { rows: Array.from({ length: 6000 }, (_, i) => ({ ma_ho_so: `HS-${i}`, linh_vuc: 'Thương mại', hai_long: i % 5 })) };
		const original = json(long);
		expect(Number(original.headers.get('content-length'))).toBeGreaterThan(256 * 1024);
		const sent = await compressed(gzipRequest, original);
		const body = Buffer.from(await sent.arrayBuffer());
		expect(Number(sent.headers.get('content-length'))).toBe(body.byteLength);
		expect(JSON.parse(gunzipSync(body).toString('utf8'))).toEqual(long);
	});

	it('compresses a streamed page as it streams, without a length', async () => {
		const html = `<!doctype html><html lang="vi"><body>${'<p>Hài lòng về thủ tục hành chính</p>'.repeat(200)}</body></html>`;
		const stream = new Response(html).body!;
		const sent = await compressed(gzipRequest, new Response(stream, { headers: { 'content-type': 'text/html; charset=utf-8' } }));
		expect(sent.headers.get('content-encoding')).toBe('gzip');
		expect(sent.headers.has('content-length')).toBe(false);
		expect(gunzipSync(Buffer.from(await sent.arrayBuffer())).toString('utf8')).toBe(html);
	});

	it('leaves alone a client without gzip, a small body and a type that does not compress', async () => {
		const identity = new Request('http://localhost/x', { headers: { 'accept-encoding': 'identity' } });
		const plain = json(report);
		expect(await compressed(identity, plain)).toBe(plain);
		const small = json({ ok: true });
		expect(await compressed(gzipRequest, small)).toBe(small);
		const png = new Response(new Uint8Array(4096), { headers: { 'content-type': 'image/png', 'content-length': '4096' } });
		expect(await compressed(gzipRequest, png)).toBe(png);
	});
});
