import { describe, expect, it } from 'vitest';
import { weekStart } from './reminders';

describe('the Office’s weekly reminder week', () => {
	it('starts on Monday, across months and years', () => {
		expect(weekStart('2025-01-03')).toBe('2024-12-30'); // a Friday
		expect(weekStart('2024-12-30')).toBe('2024-12-30'); // the Monday itself
		expect(weekStart('2025-01-05')).toBe('2024-12-30'); // the Sunday after
		expect(weekStart('2025-01-06')).toBe('2025-01-06');
		expect(weekStart('2024-03-03')).toBe('2024-02-26'); // leap year
	});
});
