import { describe, expect, it } from 'vitest';
import { DIMENSION_KEYS } from '../../sipas';
import { goalsForYear, type Goals } from './load-goals';

const byDimension = (value: (key: string, i: number) => Record<number, number>) =>
	Object.fromEntries(DIMENSION_KEYS.map((key, i) => [key, value(key, i)])) as Goals['baselines'];

describe('goalsForYear', () => {
	const goals: Goals = {
		agencyId: 1,
		baselines: byDimension((_, i) => ({ 2023: 0.83 + i / 1000 })),
		targets: byDimension((_, i) => ({ 2024: 0.85 + i / 1000, 2026: 0.9 }))
	};

	it('judges a year by the baseline of an earlier year and the target of its own', () => {
		const g = goalsForYear(goals, 2024);
		expect(g.baselineYear).toBe(2023);
		expect(g.baseline.policy_accountability).toBe(0.83);
		expect(g.target.feedback_handling).toBeCloseTo(0.856, 12);
	});

	it('keeps the latest earlier target for a year without its own', () => {
		expect(goalsForYear(goals, 2025).target.procedures).toBeCloseTo(0.853, 12);
		expect(goalsForYear(goals, 2027).target.procedures).toBe(0.9);
	});

	it('names the years whose targets judge the period, so a carried-forward target can say so', () => {
		expect(goalsForYear(goals, 2024).targetYears).toEqual([2024]);
		expect(goalsForYear(goals, 2025).targetYears).toEqual([2024]);
		expect(goalsForYear(goals, 2026).targetYears).toEqual([2026]);
		expect(goalsForYear(goals, 2023).targetYears).toEqual([]);
		const mixed = goalsForYear({ ...goals, targets: { ...goals.targets, procedures: { 2024: 0.86 } } }, 2026);
		expect(mixed.targetYears).toEqual([2024, 2026]);
	});

	it('has no baseline for the baseline year itself, nor a target before the first', () => {
		const g = goalsForYear(goals, 2023);
		expect(g.baselineYear).toBeNull();
		expect(g.baseline.procedures).toBeNull();
		expect(g.target.procedures).toBeNull();
		expect(g.baseline.overall).toBeNull();
	});

	it('gives each index the mean of its dimensions, and none if one is missing', () => {
		const g = goalsForYear(goals, 2024);
		expect(g.baseline.policy).toBeCloseTo((0.83 + 0.831) / 2, 12);
		expect(g.baseline.overall).toBeCloseTo(0.833, 12);
		const partial = goalsForYear({ ...goals, targets: { ...goals.targets, procedures: {} } }, 2024);
		expect(partial.target.service).toBeNull();
		expect(partial.target.policy).toBeCloseTo(0.8505, 12);
	});
});
