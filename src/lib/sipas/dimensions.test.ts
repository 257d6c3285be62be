import { describe, it, expect } from 'vitest';
import { DIMENSION_KEYS, INDEXES, indexDefinition, isDimensionKey } from './dimensions';

describe('dimensions', () => {
	it('lists the seven dimensions in the order of the plan', () => {
		expect(DIMENSION_KEYS).toEqual([
			'policy_accountability',
			'policy_participation',
			'service_access',
			'procedures',
			'civil_servants',
			'service_results',
			'feedback_handling'
		]);
		expect(isDimensionKey('procedures')).toBe(true);
		expect(isDimensionKey('PA1')).toBe(false);
	});

	it('defines overall over 7, service over 5 and policy over 2 dimensions', () => {
		expect(INDEXES.map((i) => [i.key, i.dimensions.length])).toEqual([
			['overall', 7],
			['service', 5],
			['policy', 2]
		]);
		expect(indexDefinition('policy').dimensions).toEqual(['policy_accountability', 'policy_participation']);
		expect(indexDefinition('service').dimensions).not.toContain('policy_participation');
	});
});
