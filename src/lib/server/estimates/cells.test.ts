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
