import { appConfig } from '$lib/server/config';
import { metricsAccess } from '$lib/server/metrics/access';
import { metricsText } from '$lib/server/metrics/metrics';
import type { RequestHandler } from './$types';

/** Prometheus metrics of this process (README "Operations"): a Bearer METRICS_TOKEN, or this machine only. */
export const GET: RequestHandler = async ({ request, getClientAddress }) => {
	const access = metricsAccess(request.headers, getClientAddress(), appConfig().METRICS_TOKEN);
	if (!access.ok) {
		return new Response(`${access.message}\n`, {
			status: access.status,
			headers: { 'content-type': 'text/plain; charset=utf-8', ...(access.status === 401 ? { 'www-authenticate': 'Bearer' } : {}) }
		});
	}
	const { body, contentType } = await metricsText();
	return new Response(body, { headers: { 'content-type': contentType, 'cache-control': 'no-store' } });
};
