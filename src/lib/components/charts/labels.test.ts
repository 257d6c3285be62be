import { describe, expect, it } from 'vitest';
import { criterionLabel, labelWidthFor, wrapLabel } from './labels';

describe('criterionLabel', () => {
	it('names a criterion by key and statement', () => {
		expect(criterionLabel('CC1', 'Công chức có thái độ giao tiếp lịch sự')).toBe('CC1 — Công chức có thái độ giao tiếp lịch sự');
		expect(criterionLabel('CC1', '')).toBe('CC1');
	});
});

describe('wrapLabel', () => {
	const label = 'CC1 — Công chức có thái độ giao tiếp lịch sự';

	it('breaks at spaces into lines no longer than the width', () => {
		expect(wrapLabel(label, 46, 2)).toEqual([label]);
		expect(wrapLabel(label, 20, 3)).toEqual(['CC1 — Công chức có', 'thái độ giao tiếp', 'lịch sự']);
		for (const line of wrapLabel(label, 20, 3)) expect(line.length).toBeLessThanOrEqual(20);
	});

	it('ends the last line with an ellipsis when the statement does not fit, never beyond the width', () => {
		const lines = wrapLabel(label, 20, 2);
		expect(lines).toEqual(['CC1 — Công chức có', 'thái độ giao tiếp…']);
		const long = wrapLabel('CC4 — Công chức hướng dẫn kê khai hồ sơ tận tình, chu đáo', 20, 2);
		expect(long).toHaveLength(2);
		expect(long[1]!.endsWith('…')).toBe(true);
		for (const line of long) expect(line.length).toBeLessThanOrEqual(20);
	});

	it('cuts a word longer than a line', () => {
		expect(wrapLabel('Khôngcókhoảngtrắngnàocả', 10, 2)).toEqual(['Khôngcókh…']);
	});

	it('gives phones shorter lines than desktops', () => {
		expect(labelWidthFor(320)).toBeLessThan(labelWidthFor(1100));
	});
});
