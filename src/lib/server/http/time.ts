import type { Locale } from '../../i18n';
import { localWallClock } from '../../sipas/calendar';
import { formatDate } from '../../sipas/format';

/** "14/07/2024 09:05" in Asia/Ho_Chi_Minh, for audit entries and "last used" columns. */
export function formatDateTime(instant: Date | null | undefined, locale: Locale): string | null {
	if (!instant) return null;
	const local = localWallClock(instant);
	const time = `${String(local.getUTCHours()).padStart(2, '0')}:${String(local.getUTCMinutes()).padStart(2, '0')}`;
	return `${formatDate(instant, locale)} ${time}`;
}
