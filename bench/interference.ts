/**
 * The survey while heavy work runs on the same database: a 100,000-row paper import, then a
 * rebuild of every sum, each started from this process (as an operator's `npm run import` or
 * `npm run sums:rebuild` would) while the app takes the survey load. Printed beside the survey's
 * p99 with nothing else running, in the same run; and the folder's lag sampled under load. The
 * work runs in a process of its own (interference-work.ts), as an operator's command would.
 */
import { spawn } from 'node:child_process';
import { sql } from 'kysely';
import { connectDatabase } from '../src/lib/server/db/connect';
import type { LoadResult } from './load';

export interface Interference {
	label: string;
	load: LoadResult;
	/** How long the heavy work took, and whether it was still running when the load ended. */
	workSeconds: number | null;
	overlapped: boolean;
}

/** Runs `load` while `work` runs (started first); both results. */
export async function loadDuring(label: string, load: () => Promise<LoadResult>, work?: () => Promise<unknown>): Promise<Interference> {
	const started = performance.now();
	let finishedAt: number | null = null;
	const working = work?.().then(() => (finishedAt = performance.now()));
	// Give the work a head start, so that the measured load falls inside it.
	if (working) await new Promise((resolve) => setTimeout(resolve, 1000));
	const result = await load();
	const loadEnded = performance.now();
	await working;
	return {
		label,
		load: result,
		workSeconds: finishedAt === null ? null : (finishedAt - started) / 1000,
		overlapped: finishedAt === null || finishedAt >= loadEnded
	};
}

/** Runs bench/interference-work.ts in its own process; resolves when it ends, fails if it fails. */
function work(dbUrl: string, args: string[]): () => Promise<unknown> {
	return () =>
		new Promise<void>((resolve, reject) => {
			const child = spawn(process.execPath, ['--import', 'tsx', 'bench/interference-work.ts', ...args], {
				env: { ...process.env, DATABASE_URL: dbUrl },
				stdio: ['ignore', 'inherit', 'inherit']
			});
			child.once('error', reject);
			child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`bench/interference-work.ts ${args.join(' ')} exited with ${code}`))));
		});
}

/** A paper import of `rows` questionnaires into the bench database, through the import use case. */
export const paperImport = (dbUrl: string, rows: number) => work(dbUrl, ['import', String(rows)]);

/** A rebuild of every sum of the bench database. */
export const fullRebuild = (dbUrl: string) => work(dbUrl, ['rebuild']);

/** Samples the folder's lag (age of the oldest unfolded response) every 250 ms until stopped. */
export function sampleFolderLag(dbUrl: string): { stop(): Promise<{ samples: number; median: number; max: number }> } {
	let stopped = false;
	const lags: number[] = [];
	const sampling = (async () => {
		const handle = await connectDatabase({ url: dbUrl, poolSize: 1 });
		try {
			while (!stopped) {
				const { rows } = await sql<{ lag: string | null }>`
					select extract(epoch from now() - min(submitted_at)) as lag from responses where not folded`.execute(handle.db);
				lags.push(rows[0]?.lag === null || rows[0]?.lag === undefined ? 0 : Number(rows[0].lag));
				await new Promise((resolve) => setTimeout(resolve, 250));
			}
		} finally {
			await handle.close();
		}
	})();
	return {
		async stop() {
			stopped = true;
			await sampling;
			const sorted = [...lags].sort((a, b) => a - b);
			return { samples: sorted.length, median: sorted[Math.floor(sorted.length / 2)] ?? 0, max: sorted.at(-1) ?? 0 };
		}
	};
}

/** Prints the survey's p99 under each kind of interference beside its idle p99. */
export function printInterference(runs: readonly Interference[], aimMs: number): void {
	const idle = runs[0]!;
	console.log('\nThe survey while heavy work runs (same app, same load; p99 of the measured phase):');
	for (const run of runs) {
		const m = run.load.measured;
		const work = run.workSeconds === null ? '' : `; the work took ${run.workSeconds.toFixed(1)} s${run.overlapped ? ', covering the whole measured phase' : ', ending before the load did'}`;
		console.log(`  ${run.label.padEnd(34)} ${m.perSecond.toFixed(0).padStart(5)} subm/s  p99 ${m.p99.toFixed(0).padStart(6)} ms  max ${m.max.toFixed(0).padStart(6)} ms  failed ${m.failed}${work}`);
	}
	for (const run of runs.slice(1)) {
		const p99 = run.load.measured.p99;
		console.log(`  ${p99 < aimMs ? 'PASS' : 'MISS'}  p99 during ${run.label} ${p99.toFixed(0)} ms < ${aimMs} ms (idle: ${idle.load.measured.p99.toFixed(0)} ms)`);
	}
}
