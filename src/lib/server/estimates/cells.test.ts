import { describe, expect, it } from 'vitest';
import { judgedCell } from './cells';

describe('judgedCell', () => {
	const estimate = { p: 0.9, n: 200, interval: { lower: 0.86, upper: 0.93 } };

	it('carries the estimate, interval, goals, change in points and status', () => {
		expect(judgedCell(estimate, 0.8326, 0.8526, 30)).toEqual({
			n: 200,
			estimate: 0.9,
			ci_low: 0.86,
			ci_high: 0.93,
			baseline: 0.8326,
			target: 0.8526,
			change_pp: 6.74,
			status: 'met'
		});
	});

	it('is insufficient under the minimum sample or without an estimate, whatever the target', () => {
		expect(judgedCell({ ...estimate, n: 29 }, 0.8, 0.85, 30).status).toBe('insufficient');
		expect(judgedCell({ p: null, n: 0, interval: null }, null, null, 30)).toMatchObject({ estimate: null, change_pp: null, status: 'insufficient' });
	});

	it('has no status, rather than a made-up one, when no target applies', () => {
		expect(judgedCell(estimate, 0.8, null, 30)).toMatchObject({ target: null, status: null, change_pp: 10 });
	});
});

describe('estimateSet', () => {
	it('carries each estimate’s linearised variance beside the eight fields, and plainCell leaves it out', async () => {
		const { emptySums, accumulateResponse, countResponse, estimateDimension, estimateIndex, indexDefinition, DIMENSION_KEYS } = await import('../../sipas');
		const { estimateSet, plainCell } = await import('./cells');
		const { goalsForYear } = await import('../goals/load-goals');
		// Four responses, one answer per dimension (the criterion key is the dimension's), procedures never answered.
		const sums = emptySums();
		const values = [5, 3, 4, 2];
		const participation = [5, 5, 2, 4];
		values.forEach((value, r) => {
			const answers = Object.fromEntries(
				DIMENSION_KEYS.filter((key) => key !== 'procedures').map((key) => [key, key === 'policy_participation' ? participation[r] : value])
			);
			accumulateResponse(sums, countResponse(answers, (key) => key));
		});
		const none = Object.fromEntries(DIMENSION_KEYS.map((key) => [key, {}])) as never;
		const set = estimateSet(sums, goalsForYear({ agencyId: 1, baselines: none, targets: none }, 2024), 2);
		expect(set.dimensions.service_access.variance).toBe(estimateDimension(sums.dimensions.service_access).variance);
		expect(set.dimensions.service_access.variance).toBeGreaterThan(0);
		expect(set.dimensions.procedures.variance).toBeNull();
		expect(set.policy.variance).toBe(estimateIndex(sums, indexDefinition('policy')).variance);
		expect(set.policy.variance).toBeGreaterThan(0);
		// An index with a dimension that has no answer has no estimate, hence no variance.
		expect(set.overall.variance).toBeNull();
		expect(Object.keys(plainCell(set.dimensions.service_access))).not.toContain('variance');
	});
});
