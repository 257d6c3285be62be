/** What `npm run bench` prints: the page weight and the submission results against the aims. */
import type { LoadResult } from './load';
import type { PageWeight } from './page-weight';

export const PAGE_BUDGET_KB = 50;
/** The kiosk page (/k/{counter}) with its script and service worker (issue 13). */
export const KIOSK_BUDGET_KB = 60;
export const AIM_RATIO = 0.5;
/** The app's p99 may be at most this many times the baseline's. */
export const AIM_P99_FACTOR = 2;

export interface Phase {
	name: string;
	result: LoadResult;
	/** Responses and answers stored by this phase (warm-up included), counted in the database. */
	stored: { responses: number; answers: number };
	/** Postgres transactions committed during the phase. */
	commits: number;
	/** Where the server's database sessions spent the measured phase. */
	waits: string;
}

const kb = (bytes: number) => (bytes / 1024).toFixed(1);
const verdict = (ok: boolean) => (ok ? 'PASS' : 'MISS');
const row = (cells: (string | number)[], widths: number[]) =>
	cells.map((cell, i) => (i === 0 ? String(cell).padEnd(widths[i]!) : String(cell).padStart(widths[i]!))).join(' ');

export function printPageWeight(path: string, weight: PageWeight, budgetKb = PAGE_BUDGET_KB): void {
	const widths = [50, 9, 8, 8, 8, 8];
	console.log(`\nFirst load of ${path} (body KB; "compressed" = as served when the server compresses, else gzip -6)`);
	console.log(`  ${row(['resource', 'served as', 'served', 'raw', 'gzip', 'br'], widths)}`);
	for (const r of weight.resources) {
		const name = `${r.kind.padEnd(4)} ${new URL(r.url).pathname}`.slice(0, widths[0]);
		console.log(`  ${row([name, r.encoding, kb(r.served), kb(r.raw), kb(r.gzip), kb(r.brotli)], widths)}`);
	}
	const sum = (pick: (r: PageWeight['resources'][number]) => number) => kb(weight.resources.reduce((t, r) => t + pick(r), 0));
	console.log(`  ${row(['total', '', sum((r) => r.served), sum((r) => r.raw), sum((r) => r.gzip), sum((r) => r.brotli)], widths)}`);
	console.log(`  (${weight.lazy.length} lazy chunks of other pages not counted)`);
	const budget = budgetKb * 1024;
	console.log(`  ${verdict(weight.totalServed <= budget)}  as served ${kb(weight.totalServed)} KB ≤ ${budgetKb} KB`);
	console.log(`  ${verdict(weight.totalCompressed <= budget)}  compressed ${kb(weight.totalCompressed)} KB ≤ ${budgetKb} KB`);
}

/** Prints the results and returns what is broken (not merely slow). */
export function printResults(app: Phase, baseline: Phase, criteria: number): string[] {
	const widths = [10, 8, 8, 8, 8, 9, 7, 7, 9];
	console.log(`\n${row(['server', 'subm/s', 'p50 ms', 'p99 ms', 'max ms', 'accepted', 'failed', 'rows', 'xact/subm'], widths)}`);
	for (const { name, result, stored, commits } of [app, baseline]) {
		const m = result.measured;
		const accepted = result.warmup.accepted + m.accepted;
		const failed = result.warmup.failed + m.failed;
		const perSubmission = (commits / Math.max(1, accepted)).toFixed(2);
		console.log(row([name, m.perSecond.toFixed(0), m.p50.toFixed(1), m.p99.toFixed(1), m.max.toFixed(1), accepted, failed, stored.responses, perSubmission], widths));
	}
	console.log('(accepted, failed, rows and Postgres transactions per submission include the warm-up;');
	console.log(' rates and latencies are the measured phase only)');
	console.log(`Database sessions, share of samples:\n  app:      ${app.waits}\n  baseline: ${baseline.waits}`);

	const ratio = app.result.measured.perSecond / baseline.result.measured.perSecond;
	console.log(`\nThroughput ratio app/baseline: ${ratio.toFixed(2)}`);
	console.log(`  ${verdict(ratio >= AIM_RATIO)}  ratio ≥ ${AIM_RATIO}`);
	const p99Limit = AIM_P99_FACTOR * baseline.result.measured.p99;
	console.log(`  ${verdict(app.result.measured.p99 <= p99Limit)}  app p99 ${app.result.measured.p99.toFixed(1)} ms ≤ ${AIM_P99_FACTOR} × baseline p99 (${p99Limit.toFixed(1)} ms)`);

	const broken: string[] = [];
	for (const { name, result, stored } of [app, baseline]) {
		const failed = result.warmup.failed + result.measured.failed;
		const accepted = result.warmup.accepted + result.measured.accepted;
		if (failed) broken.push(`${name}: ${failed} failed requests (${result.failures.join('; ')})`);
		if (stored.responses !== accepted) broken.push(`${name}: ${accepted} submissions accepted but ${stored.responses} responses stored`);
		if (stored.answers !== stored.responses * criteria) {
			broken.push(`${name}: ${stored.answers} answers stored for ${stored.responses} responses × ${criteria} criteria`);
		}
	}
	const summary = `app ${app.stored.responses}, baseline ${baseline.stored.responses}`;
	console.log(`  ${verdict(!broken.length)}  no failed requests; responses stored = submissions accepted (${summary}), ${criteria} answers each`);
	for (const problem of broken) console.log(`  BROKEN: ${problem}`);
	return broken;
}
