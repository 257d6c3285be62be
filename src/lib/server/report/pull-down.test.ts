import { describe, expect, it } from 'vitest';
import { DIMENSION_KEYS } from '../../sipas';
import type { GroupCell, GroupEstimate } from '../estimates';
import { pullingDown } from './pull-down';

function group(name: string, pulls: Partial<Record<(typeof DIMENSION_KEYS)[number], number | null>>): GroupEstimate {
	const cell = (pullDown: number | null): GroupCell => ({
		n: 40,
		estimate: 0.8,
		ci_low: 0.7,
		ci_high: 0.9,
		baseline: null,
		target: null,
		change_pp: null,
		status: null,
		variance: null,
		share: pullDown === null ? null : 0.25,
		pullDown
	});
	const dimensions = Object.fromEntries(DIMENSION_KEYS.map((key) => [key, cell(pulls[key] ?? null)])) as GroupEstimate['dimensions'];
	return { id: name.length, code: name.toLowerCase(), name, n: 40, dimensions, overall: { ...cell(null), missingDimensions: [] } };
}

describe('pullingDown', () => {
	it('lists, per dimension, the groups that lower it most, largest effect first, in points', () => {
		const groups = [
			group('A', { procedures: -0.004, civil_servants: 0.01 }),
			group('B', { procedures: -0.012, civil_servants: -0.002 }),
			group('C', { procedures: 0.016, civil_servants: -0.008 }),
			group('D', { procedures: -0.001 })
		];
		const result = pullingDown(groups, 2);
		expect(result.procedures.map((g) => g.name)).toEqual(['B', 'A']);
		expect(result.procedures[0]!.points).toBeCloseTo(1.2, 12);
		expect(result.civil_servants.map((g) => g.name)).toEqual(['C', 'B']);
		// No group answered service_access: nothing to name.
		expect(result.service_access).toEqual([]);
	});

	it('leaves out groups that lift the estimate or sit exactly on it', () => {
		const result = pullingDown([group('A', { procedures: 0 }), group('B', { procedures: 0.02 })]);
		expect(result.procedures).toEqual([]);
	});
});
