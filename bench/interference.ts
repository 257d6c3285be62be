/**
 * The survey while heavy work runs on the same database: a 100,000-row paper import, then a
 * rebuild of every sum, each started from this process (as an operator's `npm run import` or
 * `npm run sums:rebuild` would) while the app takes the survey load. Printed beside the survey's
 * p99 with nothing else running, in the same run; and the folder's lag sampled under load.
 */
import { sql } from 'kysely';
import { connectDatabase } from '../src/lib/server/db/connect';
import { loadImportContext } from '../src/lib/server/import/context';
import { importPaperSurveys } from '../src/lib/server/import/service';
import { rebuildSums } from '../src/lib/server/sums/rebuild';
import { generatePaperCsv } from '../tests/fixtures/paper-generator';
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

/** A 100,000-row paper import into the bench database, through the import use case. */
export function paperImport(dbUrl: string, rows: number): () => Promise<unknown> {
	return async () => {
		const handle = await connectDatabase({ url: dbUrl, poolSize: 2 });
		try {
			const agency = await handle.db.selectFrom('agencies').select('id').where('code', '=', 'sct-gialai').executeTakeFirstOrThrow();
			const context = (await loadImportContext(handle.db, agency.id))!;
			const file = generatePaperCsv(rows, context.criterionKeys, context.counterCodes);
			const report = await importPaperSurveys(handle.db, {
				agencyId: agency.id,
				actor: { kind: 'system', label: 'bench' },
				file: { name: 'bench.csv', bytes: new TextEncoder().encode(file.csv) },
				dryRun: false
			});
			if (report.outcome !== 'imported') throw new Error(`the bench import was not stored: ${JSON.stringify(report).slice(0, 300)}`);
		} finally {
			await handle.close();
		}
	};
}

/** A rebuild of every sum of the bench database. */
export function fullRebuild(dbUrl: string): () => Promise<unknown> {
	return async () => {
		const handle = await connectDatabase({ url: dbUrl, poolSize: 2 });
		try {
			await rebuildSums(handle.db);
		} finally {
			await handle.close();
		}
	};
}

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
