import { describe, expect, it } from 'vitest';
import { REPORT_ROWS } from './monthly-report';

describe('REPORT_ROWS', () => {
	it('lists the overall index, then each sub-index followed by its dimensions, policy first', () => {
		expect(REPORT_ROWS.map((row) => `${row.kind}:${row.key}`)).toEqual([
			'index:overall',
			'index:policy',
			'dimension:policy_accountability',
			'dimension:policy_participation',
			'index:service',
			'dimension:service_access',
			'dimension:procedures',
			'dimension:civil_servants',
			'dimension:service_results',
			'dimension:feedback_handling'
		]);
	});
});
