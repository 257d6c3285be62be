import type { Locale } from '$lib/i18n';
import { staffTranslator } from '$lib/i18n/staff';
import { appConfig } from '../../config';
import type { PosterAddress } from '$lib/posters/poster';
import { addressProblem } from '$lib/posters/reachable';

export type { PosterAddress };

/**
 * The origin printed in QR codes: PUBLIC_ORIGIN when set (the address citizens reach, which may
 * differ from the one staff use), else the origin this request was served on — ORIGIN behind a
 * proxy, as adapter-node builds request URLs from it.
 */
export function publicOrigin(requestUrl: URL): string {
	return appConfig().PUBLIC_ORIGIN ?? requestUrl.origin;
}

/** The QR codes' origin and why a phone could not open it, if it could not (shown before printing). */

export function posterAddress(requestUrl: URL, locale: Locale): PosterAddress {
	const config = appConfig();
	const origin = publicOrigin(requestUrl);
	const problem = addressProblem(origin, { demo: config.seedDemo });
	const address: PosterAddress = { origin, problem, configured: config.PUBLIC_ORIGIN !== undefined };
	if (problem) {
		const t = staffTranslator(locale);
		address.printedWarning = t('admin.poster.printedWarning', { origin, problem: t(`admin.address.problem.${problem}`) });
	}
	return address;
}
