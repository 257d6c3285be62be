import { adminEn } from '../../../i18n/admin.en';
import { adminVi } from '../../../i18n/admin.vi';
import type { PosterContent, PosterSize } from '../../../posters/poster';
import { shortUrl } from './qr';

/**
 * What a counter's poster says, whatever the language of the administrator who prints it: the
 * citizens at the counter read Vietnamese first, and English for visitors. Shared by the printable
 * page (Poster.svelte) and the downloadable SVG, so both say exactly the same.
 */

/** Paper in millimetres, portrait. A6 has the A4 proportions, so one layout serves both at scale. */
export const PAPER: Record<PosterSize, { width: number; height: number }> = {
	a4: { width: 210, height: 297 },
	a6: { width: 105, height: 148 }
};

export function posterContent(input: { agencyName: string; counterName: string; unitName: string; url: string }): PosterContent {
	return {
		...input,
		title: { vi: adminVi['admin.poster.title'], en: adminEn['admin.poster.title'] },
		invitation: { vi: adminVi['admin.poster.invitation'], en: adminEn['admin.poster.invitation'] },
		cannotScan: { vi: adminVi['admin.poster.cannotScan'], en: adminEn['admin.poster.cannotScan'] },
		shortUrl: shortUrl(input.url)
	};
}
