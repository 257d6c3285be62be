import { describe, expect, it } from 'vitest';
import { metricsAccess } from './access';
import { countSubmission, metricsText, observeRequest, registerFolderLag, watchPool } from './metrics';

describe('metricsAccess', () => {
	const headers = (entries: Record<string, string> = {}) => new Headers(entries);
	const TOKEN = 'a-long-metrics-token-0123456789';

	it('with METRICS_TOKEN: the Bearer token from anywhere, nothing else (not even localhost)', () => {
		expect(metricsAccess(headers({ authorization: `Bearer ${TOKEN}` }), '198.51.100.4', TOKEN)).toEqual({ ok: true });
		expect(metricsAccess(headers({ authorization: `bearer ${TOKEN}` }), '::1', TOKEN)).toEqual({ ok: true });
		for (const authorization of [undefined, 'Bearer wrong', `Basic ${TOKEN}`, `Bearer ${TOKEN}x`]) {
			const answer = metricsAccess(headers(authorization ? { authorization } : {}), '127.0.0.1', TOKEN);
			expect(answer).toMatchObject({ ok: false, status: 401 });
		}
	});

	it('without it: this machine only, and not through a proxy', () => {
		for (const address of ['127.0.0.1', '::1', '::ffff:127.0.0.1', '127.1.2.3']) expect(metricsAccess(headers(), address, undefined)).toEqual({ ok: true });
		for (const address of ['10.0.0.5', '::ffff:192.168.1.2', '2001:db8::1', '']) {
			expect(metricsAccess(headers(), address, undefined)).toMatchObject({ ok: false, status: 403 });
		}
		expect(metricsAccess(headers({ 'x-forwarded-for': '203.0.113.9' }), '127.0.0.1', undefined)).toMatchObject({ ok: false, status: 403 });
		expect(metricsAccess(headers({ forwarded: 'for=203.0.113.9' }), '::1', undefined)).toMatchObject({ ok: false, status: 403 });
	});
});

describe('the metrics text', () => {
	it('counts requests by route id, never by URL, with their latency', async () => {
		observeRequest('GET', '/s/[code]', 200, 0.02);
		observeRequest('GET', '/s/[code]', 200, 0.2);
		observeRequest('BREW', null, 404, 0.001);
		const { body, contentType } = await metricsText();
		expect(contentType).toMatch(/^text\/plain; version=0\.0\.4/);
		expect(body).toContain('hailong_http_requests_total{method="GET",route="/s/[code]",status="200"} 2');
		expect(body).toContain('hailong_http_requests_total{method="OTHER",route="none",status="404"} 1');
		expect(body).toContain('hailong_http_request_duration_seconds_bucket{le="0.025",method="GET",route="/s/[code]"} 1');
		expect(body).toContain('hailong_http_request_duration_seconds_count{method="GET",route="/s/[code]"} 2');
		// Node's own process metrics come along.
		expect(body).toContain('process_cpu_seconds_total');
	});

	it('lists every submission outcome from the start, and counts them', async () => {
		expect((await metricsText()).body).toContain('hailong_submissions_total{outcome="flagged"} 0');
		countSubmission('accepted');
		countSubmission('refused');
		const { body } = await metricsText();
		expect(body).toContain('hailong_submissions_total{outcome="accepted"} 1');
		expect(body).toContain('hailong_submissions_total{outcome="refused"} 1');
	});

	it('reads the pool and the folder lag at each scrape, and has neither before they are there', async () => {
		let body = (await metricsText()).body;
		expect(body).not.toMatch(/^hailong_db_pool_connections\{/m);
		expect(body).not.toContain('hailong_db_pool_max');
		expect(body).not.toMatch(/^hailong_folder_lag_seconds\{/m);

		const pool = { totalCount: 4, idleCount: 1, waitingCount: 0 };
		watchPool(pool, 10);
		let lag: number | null = 12.5;
		registerFolderLag(async () => lag);
		body = (await metricsText()).body;
		expect(body).toContain('hailong_db_pool_connections{state="total"} 4');
		expect(body).toContain('hailong_db_pool_connections{state="idle"} 1');
		expect(body).toContain('hailong_db_pool_connections{state="waiting"} 0');
		expect(body).toContain('hailong_db_pool_max 10');
		expect(body).toContain('hailong_folder_lag_seconds{folder="sums"} 12.5');

		pool.waitingCount = 3;
		lag = null;
		body = (await metricsText()).body;
		expect(body).toContain('hailong_db_pool_connections{state="waiting"} 3');
		// Cannot tell (null, or its query failed): absent, which an alert on absent() catches.
		expect(body).not.toMatch(/^hailong_folder_lag_seconds\{/m);
		registerFolderLag(() => {
			throw new Error('database away');
		});
		expect((await metricsText()).body).not.toMatch(/^hailong_folder_lag_seconds\{/m);
		registerFolderLag(() => 0);
		registerFolderLag(() => 3, 'other');
		body = (await metricsText()).body;
		expect(body).toContain('hailong_folder_lag_seconds{folder="sums"} 0');
		expect(body).toContain('hailong_folder_lag_seconds{folder="other"} 3');
	});
});
