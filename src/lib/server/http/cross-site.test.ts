import { describe, expect, it } from 'vitest';
import { crossSiteRefusal, isCrossSiteFormPost } from './cross-site';

const SITE = 'https://khaosat.gialai.gov.vn';
const post = (headers: Record<string, string>, method = 'POST') => new Request(`${SITE}/s/vp-01`, { method, headers, body: 'a=1' });

describe('cross-site form posts (SvelteKit’s rule, answered by the hook)', () => {
	it('refuses a form a browser can send from another origin, or with no origin at all', () => {
		for (const type of ['application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'text/plain;charset=UTF-8', 'TEXT/PLAIN', 'application/x-sveltekit-formdata']) {
			expect(isCrossSiteFormPost(post({ 'content-type': type, origin: 'http://127.0.0.1:3000' }), SITE), type).toBe(true);
			expect(isCrossSiteFormPost(post({ 'content-type': type }), SITE), `${type}, no origin`).toBe(true);
			expect(isCrossSiteFormPost(post({ 'content-type': type, origin: 'null' }), SITE), `${type}, origin null`).toBe(true);
		}
		for (const method of ['PUT', 'PATCH', 'DELETE']) {
			expect(isCrossSiteFormPost(post({ 'content-type': 'text/plain', origin: 'https://evil.example' }, method), SITE), method).toBe(true);
		}
		// The same host over http, or on another port, is another origin.
		expect(isCrossSiteFormPost(post({ 'content-type': 'text/plain', origin: 'http://khaosat.gialai.gov.vn' }), SITE)).toBe(true);
		expect(isCrossSiteFormPost(post({ 'content-type': 'text/plain', origin: `${SITE}:8443` }), SITE)).toBe(true);
	});

	it('lets through the site’s own forms and what no HTML form can send (JSON, GET)', () => {
		expect(isCrossSiteFormPost(post({ 'content-type': 'application/x-www-form-urlencoded', origin: SITE }), SITE)).toBe(false);
		expect(isCrossSiteFormPost(post({ 'content-type': 'application/json', origin: 'https://evil.example' }), SITE)).toBe(false);
		expect(isCrossSiteFormPost(new Request(`${SITE}/s/vp-01`, { headers: { origin: 'https://evil.example' } }), SITE)).toBe(false);
	});

	it('answers an enhanced form with an action result, an API client with JSON, a browser with a page in its language', async () => {
		const url = new URL(`${SITE}/s/vp-01`);
		const enhanced = crossSiteRefusal(post({ origin: 'http://10.0.0.5', 'x-sveltekit-action': 'true', accept: 'application/json' }), url, 'vi');
		expect(enhanced.status).toBe(403);
		expect(await enhanced.json()).toEqual({ type: 'error', error: { message: 'cross_origin', origin: SITE } });

		const api = crossSiteRefusal(post({ accept: 'application/json' }), url, 'vi');
		expect(api.status).toBe(403);
		expect(await api.json()).toEqual({ message: 'Cross-site POST form submissions are forbidden' });

		const page = crossSiteRefusal(post({ origin: 'http://10.0.0.5' }), url, 'vi');
		expect(page.status).toBe(403);
		expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
		const html = await page.text();
		expect(html).toContain('<html lang="vi">');
		expect(html).toContain('Trang này được mở tại http://10.0.0.5, nhưng hệ thống chỉ nhận nội dung gửi từ trang mở tại https://khaosat.gialai.gov.vn.');
		expect(html).toContain('README, mục “Configuration”, dòng ORIGIN');
		expect(html).toContain('href="https://khaosat.gialai.gov.vn/s/vp-01"');

		const english = await crossSiteRefusal(post({ origin: '<script>' }), new URL('http://localhost:3000/login'), 'en').text();
		expect(english).toContain('<html lang="en">');
		expect(english).toContain('This page was opened at an address other than http://localhost:3000');
		expect(english).not.toContain('<script>');
		// No link to an address a phone cannot open.
		expect(english).not.toContain('href="http://localhost:3000/login"');
	});
});
