/**
 * What one server's Postgres sessions are doing, sampled from pg_stat_activity while its load runs:
 * a share per state and wait event (e.g. "active Lock:transactionid" = waiting on another
 * transaction's row lock, "idle in transaction" = the app holds a transaction open between
 * statements, "idle" = the pool connection is free).
 */
import pg from 'pg';

export interface WaitSampler {
	stop(): Promise<string>;
}

export function sampleWaits(adminUrl: string, applicationName: string, everyMs = 50): WaitSampler {
	const client = new pg.Client({ connectionString: adminUrl });
	const tally = new Map<string, number>();
	let samples = 0;
	let running = true;
	const loop = (async () => {
		await client.connect();
		while (running) {
			const { rows } = await client.query<{ what: string }>(
				`select state || coalesce(' ' || wait_event_type || ':' || wait_event, '') as what
				   from pg_stat_activity where application_name = $1`,
				[applicationName]
			);
			samples += rows.length;
			for (const { what } of rows) tally.set(what, (tally.get(what) ?? 0) + 1);
			await new Promise((r) => setTimeout(r, everyMs));
		}
		await client.end();
	})();
	return {
		async stop() {
			running = false;
			await loop;
			return [...tally]
				.sort((a, b) => b[1] - a[1])
				.slice(0, 5)
				.map(([what, n]) => `${what} ${Math.round((100 * n) / samples)}%`)
				.join(', ');
		}
	};
}
