/**
 * When messages may go out: not between 21:00 and 07:00 in Asia/Ho_Chi_Minh (UTC+7 all year),
 * and retries spaced out exponentially. Pure functions.
 */
const ICT_OFFSET_MS = 7 * 3600_000;
export const QUIET_FROM_HOUR = 21;
export const QUIET_UNTIL_HOUR = 7;

export function isQuietHour(now: Date): boolean {
	const hour = new Date(now.getTime() + ICT_OFFSET_MS).getUTCHours();
	return hour >= QUIET_FROM_HOUR || hour < QUIET_UNTIL_HOUR;
}

/** The delay before attempt n + 1 after n failed ones: 1, 2, 4, 8 … minutes, at most 6 hours. */
export function retryDelayMs(failedAttempts: number): number {
	return Math.min(60_000 * 2 ** Math.max(0, failedAttempts - 1), 6 * 3600_000);
}
