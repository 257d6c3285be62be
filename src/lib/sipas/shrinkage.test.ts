/** SIPAS.md §9: the worked example to every printed digit, and the edge cases. */
import { describe, it, expect } from 'vitest';
import { formatPercent } from './format';
import { shrinkGroups, type GroupSample } from './shrinkage';

const counters: GroupSample<string>[] = [
	{ id: 'A', p: 0.9, variance: 0.0004, n: 400 },
	{ id: 'B', p: 0.8, variance: 0.0016, n: 100 },
	{ id: 'C', p: 0.6, variance: 0.012, n: 20 },
	{ id: 'D', p: 0.85, variance: 0.0009, n: 150 }
];

const shown = (g: { shrunk: number | null; lower: number | null; upper: number | null }) =>
	`${formatPercent(g.shrunk)} [${formatPercent(g.lower).replace('%', '')}–${formatPercent(g.upper).replace('%', '')}]`;

describe('SIPAS.md §9 worked example (one dimension, four counters)', () => {
	const result = shrinkGroups(counters, 0.85);
	const byId = Object.fromEntries(result.groups.map((g) => [g.id, g]));

	it('μ* = 83,23%, τ² = 0,0035235', () => {
		expect(formatPercent(result.mean)).toBe('83,23%');
		expect(result.tau2!.toFixed(7)).toBe('0.0035235');
		expect(result.verdict).toBe('differ');
	});

	it('shrunk: 89,31% [85,59–93,02], 81,01% [74,51–87,51], 77,96% [67,73–88,18], 84,64% [79,39–89,89]', () => {
		expect(shown(byId.A!)).toBe('89,31% [85,59–93,02]');
		expect(shown(byId.B!)).toBe('81,01% [74,51–87,51]');
		expect(shown(byId.C!)).toBe('77,96% [67,73–88,18]');
		expect(shown(byId.D!)).toBe('84,64% [79,39–89,89]');
	});

	it('ranks by shrunk estimate; the raw value and n stay beside it', () => {
		expect(result.groups.map((g) => [g.id, g.rank])).toEqual([
			['A', 1],
			['D', 2],
			['B', 3],
			['C', 4]
		]);
		expect(byId.C).toMatchObject({ p: 0.6, n: 20 });
	});

	it('the 60% counter with 20 answers is not "clearly below": its interval reaches μ*', () => {
		expect(result.groups.some((g) => g.clearlyBelow)).toBe(false);
	});
});

describe('edge cases', () => {
	it('"clearly below" when the upper end of the shrunk interval is under μ*', () => {
		const result = shrinkGroups(
			[
				{ id: 1, p: 0.9, variance: 0.0003, n: 500 },
				{ id: 2, p: 0.88, variance: 0.0004, n: 400 },
				{ id: 3, p: 0.6, variance: 0.0008, n: 300 },
				{ id: 4, p: 0.86, variance: 0.0005, n: 300 }
			],
			0.85
		);
		const low = result.groups.find((g) => g.id === 3)!;
		expect(low.clearlyBelow).toBe(true);
		expect(low.upper!).toBeLessThan(result.mean!);
		expect(result.groups.filter((g) => g.clearlyBelow).map((g) => g.id)).toEqual([3]);
	});

	it('fewer than 3 groups: no shrinkage, raw values, "too few to compare"', () => {
		const result = shrinkGroups(counters.slice(0, 2), 0.85);
		expect(result.verdict).toBe('too_few');
		expect(result.mean).toBeNull();
		expect(result.tau2).toBeNull();
		expect(result.groups.map((g) => [g.id, g.p, g.shrunk, g.rank])).toEqual([
			['A', 0.9, null, null],
			['B', 0.8, null, null]
		]);
	});

	it('groups with n < 2 or no estimate are left out and do not count towards 3', () => {
		const result = shrinkGroups(
			[...counters.slice(0, 2), { id: 'E', p: 1, variance: null, n: 1 }, { id: 'F', p: null, variance: null, n: 0 }],
			0.85
		);
		expect(result.verdict).toBe('too_few');
		expect(result.leftOut).toEqual(['E', 'F']);
	});

	it('τ² = 0: every shrunk value is μ*, nobody is clearly below, the groups do not differ', () => {
		const result = shrinkGroups(
			[
				{ id: 1, p: 0.84, variance: 0.002, n: 60 },
				{ id: 2, p: 0.86, variance: 0.002, n: 60 },
				{ id: 3, p: 0.85, variance: 0.002, n: 60 }
			],
			0.85
		);
		expect(result.tau2).toBe(0);
		expect(result.verdict).toBe('no_difference');
		for (const g of result.groups) {
			expect(g.shrunk).toBe(result.mean);
			expect(g.factor).toBe(0);
			expect(g.clearlyBelow).toBe(false);
		}
		expect(result.mean).toBeCloseTo(0.85, 12);
	});

	it('V_g = 0 (a group all satisfied) takes p̄(1 − p̄)/n_g', () => {
		const result = shrinkGroups(
			[
				{ id: 1, p: 1, variance: 0, n: 40 },
				{ id: 2, p: 0.7, variance: 0.004, n: 50 },
				{ id: 3, p: 0.8, variance: 0.003, n: 60 }
			],
			0.8
		);
		const full = result.groups.find((g) => g.id === 1)!;
		expect(full.variance).toBeCloseTo((0.8 * 0.2) / 40, 15);
		expect(full.upper).toBeLessThanOrEqual(1);
	});

	it('every interval is clipped to [0, 1]', () => {
		const result = shrinkGroups(
			[
				{ id: 1, p: 0.99, variance: 0.01, n: 3 },
				{ id: 2, p: 0.02, variance: 0.01, n: 3 },
				{ id: 3, p: 0.5, variance: 0.0001, n: 900 }
			],
			0.5
		);
		for (const g of result.groups) {
			expect(g.lower).toBeGreaterThanOrEqual(0);
			expect(g.upper).toBeLessThanOrEqual(1);
		}
	});

	it('everyone at 100% with the scope at 100%: nothing differs', () => {
		const result = shrinkGroups(
			[1, 2, 3].map((id) => ({ id, p: 1, variance: 0, n: 10 })),
			1
		);
		expect(result.verdict).toBe('no_difference');
		expect(result.groups.every((g) => g.shrunk === 1 && !g.clearlyBelow)).toBe(true);
	});
});
