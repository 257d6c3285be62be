/**
 * A closed-loop load generator: N clients, each sending one request after the other over its own
 * keep-alive connection until the time is up. Requests started during the warm-up are counted
 * (they write rows) but left out of throughput and latency.
 */
import { Agent, request } from 'node:http';

export interface LoadOptions {
	url: string;
	/** Request headers, the same for all clients or per client (0 … clients-1). */
	headers: Record<string, string> | ((client: number) => Record<string, string>);
	/** A fresh body per request; `measured` says whether it falls in the measured phase. */
	body: (measured: boolean) => string;
	/** Whether a response counts as an accepted submission. */
	accepted: (status: number, location: string | undefined) => boolean;
	clients: number;
	warmupMs: number;
	durationMs: number;
}

export interface PhaseStats {
	accepted: number;
	failed: number;
}

export interface LoadResult {
	warmup: PhaseStats;
	measured: PhaseStats & { seconds: number; perSecond: number; p50: number; p99: number; max: number };
	/** A few distinct failures, to say what went wrong. */
	failures: string[];
}

interface Reply {
	status: number;
	location?: string;
}

function send(agent: Agent, url: URL, headers: Record<string, string>, body: string): Promise<Reply> {
	return new Promise((resolve, reject) => {
		const req = request(
			url,
			{ method: 'POST', agent, headers: { ...headers, 'content-length': Buffer.byteLength(body) } },
			(res) => {
				res.resume(); // drain the body so the connection is reused
				res.on('end', () => resolve({ status: res.statusCode ?? 0, location: res.headers.location }));
				res.on('error', reject);
			}
		);
		req.on('error', reject);
		req.end(body);
	});
}

export function percentile(sorted: number[], p: number): number {
	if (!sorted.length) return NaN;
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
	const url = new URL(options.url);
	const agent = new Agent({ keepAlive: true, maxSockets: options.clients });
	const warmup: PhaseStats = { accepted: 0, failed: 0 };
	const measured: PhaseStats = { accepted: 0, failed: 0 };
	const latencies: number[] = [];
	const failures = new Set<string>();

	const start = performance.now();
	const measureFrom = start + options.warmupMs;
	const end = measureFrom + options.durationMs;

	async function client(_: unknown, index: number): Promise<void> {
		const headers = typeof options.headers === 'function' ? options.headers(index) : options.headers;
		for (let began = performance.now(); began < end; began = performance.now()) {
			const inMeasure = began >= measureFrom;
			const phase = inMeasure ? measured : warmup;
			let ok = false;
			try {
				const reply = await send(agent, url, headers, options.body(inMeasure));
				ok = options.accepted(reply.status, reply.location);
				if (!ok) failures.add(`HTTP ${reply.status}${reply.location ? ` → ${reply.location}` : ''}`);
			} catch (error) {
				failures.add(String(error));
			}
			if (ok) phase.accepted++;
			else phase.failed++;
			if (inMeasure) latencies.push(performance.now() - began);
		}
	}

	await Promise.all(Array.from({ length: options.clients }, client));
	// The measured phase lasts until its last request has its answer.
	const seconds = (performance.now() - measureFrom) / 1000;
	agent.destroy();

	latencies.sort((a, b) => a - b);
	return {
		warmup,
		measured: {
			...measured,
			seconds,
			perSecond: measured.accepted / seconds,
			p50: percentile(latencies, 50),
			p99: percentile(latencies, 99),
			max: latencies.at(-1) ?? NaN
		},
		failures: [...failures].slice(0, 5)
	};
}
