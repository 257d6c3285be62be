import { describe, expect, it } from 'vitest';
import { isQuietHour, retryDelayMs } from './schedule';

describe('outbox schedule', () => {
	it('is quiet from 21:00 to 07:00 in Asia/Ho_Chi_Minh', () => {
		expect(isQuietHour(new Date('2024-06-30T13:59:59Z'))).toBe(false); // 20:59:59
		expect(isQuietHour(new Date('2024-06-30T14:00:00Z'))).toBe(true); // 21:00
		expect(isQuietHour(new Date('2024-06-30T23:59:59Z'))).toBe(true); // 06:59:59
		expect(isQuietHour(new Date('2024-07-01T00:00:00Z'))).toBe(false); // 07:00
	});
	it('backs off exponentially, up to six hours', () => {
		expect([1, 2, 3, 4].map(retryDelayMs)).toEqual([60_000, 120_000, 240_000, 480_000]);
		expect(retryDelayMs(30)).toBe(6 * 3600_000);
	});
});
