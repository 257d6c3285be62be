import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * What an operator watches, in Prometheus' text format at /metrics (routes/metrics/+server.ts):
 * requests and their latency by route id (the route's pattern, /s/[code], never the raw URL, so a
 * scan of random URLs cannot grow the series), submissions by outcome, the database pool, the
 * folder's lag, and Node's own process metrics. One registry per process: behind a load balancer
 * Prometheus scrapes each process at its own address (each is an `instance`).
 *
 * Nothing here holds personal data: labels are route ids, methods, statuses and outcome names.
 */
export const registry = new Registry();
collectDefaultMetrics({ register: registry });

const requests = new Counter({
	name: 'hailong_http_requests_total',
	help: 'HTTP requests answered, by method, route id and status.',
	labelNames: ['method', 'route', 'status'] as const,
	registers: [registry]
});

const latency = new Histogram({
	name: 'hailong_http_request_duration_seconds',
	help: 'Time to answer an HTTP request (until its headers; a streamed download goes on after), by method and route id.',
	labelNames: ['method', 'route'] as const,
	buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
	registers: [registry]
});

/** Methods a browser or client really sends; anything else is one label, so it cannot grow the series. */
const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** One answered request. `route` is SvelteKit's route id; null (no route matched) is "none". */
export function observeRequest(method: string, route: string | null, status: number, seconds: number): void {
	const m = METHODS.has(method) ? method : 'OTHER';
	const r = route ?? 'none';
	requests.inc({ method: m, route: r, status: String(status) });
	latency.observe({ method: m, route: r }, seconds);
}

/**
 * What became of a citizen's submission (the survey form and the JSON API alike): `accepted`
 * stored and counted, `flagged` stored but flagged as misuse (over FLOOD_FLAG_PER_HOUR), `refused`
 * over FLOOD_BLOCK_PER_HOUR (429, nothing stored), `duplicate` a repeated submission id,
 * `invalid`, `version_changed`, `not_found` (no active counter).
 */
export const SUBMISSION_OUTCOMES = ['accepted', 'flagged', 'refused', 'duplicate', 'invalid', 'version_changed', 'not_found'] as const;
export type SubmissionOutcome = (typeof SUBMISSION_OUTCOMES)[number];

const submissions = new Counter({
	name: 'hailong_submissions_total',
	help: 'Survey submissions by outcome: accepted, flagged (stored as misuse), refused (flood), duplicate, invalid, version_changed, not_found.',
	labelNames: ['outcome'] as const,
	registers: [registry]
});
// Every outcome is present from the start (at 0), so rate() and alerts see it before its first event.
for (const outcome of SUBMISSION_OUTCOMES) submissions.inc({ outcome }, 0);

export function countSubmission(outcome: SubmissionOutcome): void {
	submissions.inc({ outcome });
}

/** The counts of a pg Pool (structurally, so this file needs no database import). */
export interface PoolCounts {
	totalCount: number;
	idleCount: number;
	waitingCount: number;
}

let pool: PoolCounts | undefined;

new Gauge({
	name: 'hailong_db_pool_connections',
	help: 'Connections of the Postgres pool, by state: total (open), idle, and waiting (requests queued for a connection). Absent on PGlite.',
	labelNames: ['state'] as const,
	registers: [registry],
	collect() {
		this.reset();
		if (!pool) return;
		this.set({ state: 'total' }, pool.totalCount);
		this.set({ state: 'idle' }, pool.idleCount);
		this.set({ state: 'waiting' }, pool.waitingCount);
	}
});

/**
 * The app's pool, read at every scrape, and its size (DB_POOL_SIZE). hooks.server.ts calls this
 * once the database is open; on PGlite there is no pool and no pool metric.
 */
export function watchPool(counts: PoolCounts | undefined, max: number): void {
	pool = counts;
	registry.removeSingleMetric('hailong_db_pool_max');
	if (!counts) return;
	new Gauge({ name: 'hailong_db_pool_max', help: 'The most connections the Postgres pool may open (DB_POOL_SIZE).', registers: [registry] }).set(max);
}

const folderLags = new Map<string, () => number | null | Promise<number | null>>();

new Gauge({
	name: 'hailong_folder_lag_seconds',
	help: 'How far a background folder is behind: the age in seconds of the oldest response it has not folded yet (0: caught up). Absent while it cannot tell, or when no folder runs in this process.',
	labelNames: ['folder'] as const,
	registers: [registry],
	async collect() {
		this.reset();
		for (const [folder, read] of folderLags) {
			const seconds = await Promise.resolve()
				.then(read)
				.catch(() => null);
			if (seconds !== null && Number.isFinite(seconds)) this.set({ folder }, Math.max(0, seconds));
		}
	}
});

/**
 * For a background folder (the one that applies responses to the pre-aggregated sums is `sums`):
 * how to read its lag in seconds, or null when it cannot tell. Read at every scrape, so one cheap
 * query or a number the folder keeps. Registering again under the same name replaces the reader.
 */
export function registerFolderLag(read: () => number | null | Promise<number | null>, folder = 'sums'): void {
	folderLags.set(folder, read);
}

export async function metricsText(): Promise<{ body: string; contentType: string }> {
	return { body: await registry.metrics(), contentType: registry.contentType };
}
