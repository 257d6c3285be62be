import { describe, expect, it } from 'vitest';
import { staffTranslator } from '../i18n/staff';
import { targetLabel } from './target-label';

describe('targetLabel', () => {
	const vi = staffTranslator('vi');
	const en = staffTranslator('en');

	it('names the year of the targets, and says when an earlier year’s are carried forward', () => {
		expect(targetLabel(vi, [2026], 2026)).toBe('Mục tiêu 2026');
		expect(targetLabel(vi, [2024], 2026)).toBe('Mục tiêu 2024 (áp dụng cho 2026)');
		expect(targetLabel(en, [2024], 2026)).toBe('Target 2024 (applied to 2026)');
		expect(targetLabel(vi, [2024, 2026], 2026)).toBe('Mục tiêu 2024, 2026 (áp dụng cho 2026)');
	});

	it('has no year when there is no target', () => {
		expect(targetLabel(vi, [], 2026)).toBe('Mục tiêu');
		expect(targetLabel(en, [], 2026)).toBe('Target');
	});
});
