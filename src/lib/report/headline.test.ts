import { describe, expect, it } from 'vitest';
import { changeBetweenPeriods, type EstimateCell, type Status } from '../sipas';
import { headline, type MovementRow } from './headline';
import type { ReportRow, RowKey } from './rows';

function row(key: RowKey, estimate: number, target: number, status: Status | null, n = 200): ReportRow {
	const cell: EstimateCell = { n, estimate, ci_low: estimate - 0.02, ci_high: estimate + 0.02, baseline: 0.84, target, change_pp: null, status };
	return { key, kind: key === 'overall' || key === 'service' || key === 'policy' ? 'index' : 'dimension', cell, missing: [] };
}

function move(key: RowKey, current: number, previous: number, n = 200): MovementRow {
	return { key, current, previous, change: changeBetweenPeriods({ p: current, variance: 0.0003, n }, { p: previous, variance: 0.0004, n }, 30) };
}

describe('headline', () => {
	const rows = [
		row('overall', 0.86, 0.8597, 'on_track'),
		row('policy', 0.85, 0.85, 'on_track'),
		row('policy_accountability', 0.84, 0.8526, 'below'),
		row('policy_participation', 0.86, 0.8495, 'on_track'),
		row('service', 0.86, 0.86, 'on_track'),
		row('service_access', 0.8, 0.8619, 'clearly_below'),
		row('procedures', 0.9, 0.8609, 'met'),
		row('civil_servants', 0.88, 0.869, 'on_track', 20),
		row('service_results', 0.87, 0.862, 'insufficient', 12),
		row('feedback_handling', 0.87, 0.862, 'met')
	];

	it('puts the overall index first and lists the dimensions under target, largest shortfall first', () => {
		const h = headline(rows, []);
		expect(h.overall.key).toBe('overall');
		expect(h.belowTarget.map((r) => r.key)).toEqual(['service_access', 'policy_accountability']);
		expect(h.insufficient.map((r) => r.key)).toEqual(['service_results']);
		expect(h.judged).toBe(6);
		expect(h.tally).toEqual([
			{ status: 'met', count: 2 },
			{ status: 'on_track', count: 2 },
			{ status: 'below', count: 1 },
			{ status: 'clearly_below', count: 1 },
			{ status: 'insufficient', count: 1 }
		]);
	});

	it('sorts what moved beyond chance by the size of the move, and keeps within chance and too few apart', () => {
		const h = headline(rows, [
			move('overall', 0.86, 0.85),
			move('procedures', 0.9, 0.84),
			move('service_access', 0.8, 0.88),
			move('civil_servants', 0.88, 0.8, 20)
		]);
		expect(h.beyondChance.map((m) => m.key)).toEqual(['service_access', 'procedures']);
		expect(h.withinChance.map((m) => m.key)).toEqual(['overall']);
		expect(h.tooFew.map((m) => m.key)).toEqual(['civil_servants']);
	});
});
