import { describe, expect, it } from 'vitest';
import type { TooltipItem } from 'chart.js';
import { distributionConfig } from './configs';
import { criterionLabel, wrapLabel } from './labels';

describe('distributionConfig', () => {
	it('labels each bar with its statement in lines, and the tooltip with the statement whole', () => {
		const names = [criterionLabel('CC1', 'Công chức có thái độ giao tiếp lịch sự'), criterionLabel('CC2', 'Công chức chú ý lắng nghe ý kiến')];
		const lines = names.map((name) => wrapLabel(name, 20, 2));
		const config = distributionConfig(lines, names, ['1', '2', '3', '4', '5', 'NA'], [[0.1, 0.2], [0, 0], [0, 0], [0.5, 0.4], [0.4, 0.4], [0, 0]], [[1, 2], [0, 0], [0, 0], [5, 4], [4, 4], [0, 0]], 'vi');
		expect(config.data.labels).toEqual([['CC1 — Công chức có', 'thái độ giao tiếp…'], ['CC2 — Công chức chú', 'ý lắng nghe ý kiến']]);
		const title = config.options!.plugins!.tooltip!.callbacks!.title as unknown as (items: Partial<TooltipItem<'bar'>>[]) => string;
		expect(title([{ dataIndex: 0 }])).toBe('CC1 — Công chức có thái độ giao tiếp lịch sự');
	});
});
