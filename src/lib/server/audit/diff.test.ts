import { describe, expect, it } from 'vitest';
import { auditChanges, auditSubject } from './diff';

describe('auditChanges', () => {
	it('lists only the fields that changed', () => {
		expect(auditChanges({ code: 'vp-01', name: 'Quầy A' }, { code: 'vp-01', name: 'Quầy B' })).toEqual([{ field: 'name', before: 'Quầy A', after: 'Quầy B' }]);
	});

	it('shows a creation as values after only, and booleans and numbers as written', () => {
		expect(auditChanges(null, { code: 'x1', active: true, n: 3 })).toEqual([
			{ field: 'code', before: null, after: 'x1' },
			{ field: 'active', before: null, after: 'true' },
			{ field: 'n', before: null, after: '3' }
		]);
	});

	it('flattens nested goals so one dimension’s change reads on its own line', () => {
		const before = { baseline: { procedures: 84.09, service_access: 84.19 }, target: { procedures: 86.09 } };
		const after = { baseline: { procedures: 84.09, service_access: 84.5 }, target: {} };
		expect(auditChanges(before, after)).toEqual([
			{ field: 'baseline.service_access', before: '84.19', after: '84.5' },
			{ field: 'target.procedures', before: '86.09', after: null }
		]);
	});
});

describe('auditSubject', () => {
	it('names the thing by code, email, name or version number', () => {
		expect(auditSubject({ code: 'vp-01', name: 'A' }, null)).toBe('vp-01');
		expect(auditSubject(null, { email: 'a@b.vn' })).toBe('a@b.vn');
		expect(auditSubject({ number: 2 }, { number: 2 })).toBe('v2');
		expect(auditSubject(null, null)).toBeNull();
	});
});
