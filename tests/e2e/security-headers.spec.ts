import { expect, test } from '@playwright/test';

test('the survey page is sent with security headers', async ({ page }) => {
	const response = await page.goto('/s/vp-01');
	expect(response?.status()).toBe(200);
	const headers = response!.headers();

	const csp = headers['content-security-policy'];
	expect(csp, 'content-security-policy header').toBeTruthy();
	expect(csp).toContain("frame-ancestors 'none'");
	expect(csp).toContain("default-src 'self'");
	expect(csp).toContain("object-src 'none'");
	expect(csp).toContain("form-action 'self'");
	// Scripts only from the app itself (plus the hash/nonce for SvelteKit's own inline start-up).
	expect(csp).toMatch(/script-src 'self'/);
	expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);

	expect(headers['x-content-type-options']).toBe('nosniff');
	expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
	expect(headers['x-frame-options']).toBe('DENY');
	expect(headers['permissions-policy']).toContain('camera=()');
});

test('error pages and the JSON API carry the headers too', async ({ request }) => {
	const notFound = await request.get('/s/khong-co');
	expect(notFound.status()).toBe(404);
	expect(notFound.headers()['x-content-type-options']).toBe('nosniff');
	expect(notFound.headers()['content-security-policy']).toContain("frame-ancestors 'none'");

	const api = await request.post('/api/v1/counters/khong-co/responses', { data: {} });
	expect(api.headers()['x-content-type-options']).toBe('nosniff');
	expect(api.headers()['referrer-policy']).toBeTruthy();
});

test('the sign-in page is never cached; the survey may be', async ({ request }) => {
	const login = await request.get('/login');
	expect(login.status()).toBe(200);
	expect(login.headers()['cache-control']).toBe('private, no-store');
	// Served over plain http here: no HSTS (it is sent only over https).
	expect(login.headers()['strict-transport-security']).toBeUndefined();
	const survey = await request.get('/s/vp-01');
	expect(survey.headers()['cache-control'] ?? '').not.toContain('no-store');
});
