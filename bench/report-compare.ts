/** Comparing the API's report with the raw-answer baseline, cell by cell; and latency percentiles. */
import type { ApiCell, ApiPeriod } from '../src/lib/server/report/estimates-api';

const NUMBERS = ['estimate', 'ci_low', 'ci_high', 'baseline', 'target', 'change_pp'] as const;

/** Every difference larger than `tolerance` (absolute; fractions, and points for change_pp). */
export function compareReports(api: readonly ApiPeriod[], raw: readonly ApiPeriod[], tolerance: number): string[] {
	const differences: string[] = [];
	const labels = (periods: readonly ApiPeriod[]) => periods.map((p) => p.period).join(',');
	if (labels(api) !== labels(raw)) return [`periods differ: API ${labels(api)} vs raw ${labels(raw)}`];
	api.forEach((period, i) => {
		const other = raw[i]!;
		const cells: [string, ApiCell, ApiCell | undefined][] = [
			...Object.entries(period.dimensions).map(([key, cell]) => [key, cell, other.dimensions[key]] as [string, ApiCell, ApiCell | undefined]),
			...(['overall', 'service', 'policy'] as const).map((key) => [key, period[key], other[key]] as [string, ApiCell, ApiCell])
		];
		for (const [key, a, b] of cells) {
			const where = `${period.period} ${key}`;
			if (!b) {
				differences.push(`${where}: missing in raw`);
				continue;
			}
			if (a.n !== b.n) differences.push(`${where} n: ${a.n} vs ${b.n}`);
			if (a.status !== b.status) differences.push(`${where} status: ${a.status} vs ${b.status}`);
			for (const field of NUMBERS) {
				const x = a[field];
				const y = b[field];
				if (x === null || y === null ? x !== y : Math.abs(x - y) > tolerance) differences.push(`${where} ${field}: ${x} vs ${y}`);
			}
		}
	});
	return differences;
}

export function percentile(values: readonly number[], p: number): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
