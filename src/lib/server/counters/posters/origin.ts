import { appConfig } from '../../config';

/**
 * The origin printed in QR codes: PUBLIC_ORIGIN when set (the address citizens reach, which may
 * differ from the one staff use), else the origin this request was served on — ORIGIN behind a
 * proxy, as adapter-node builds request URLs from it.
 */
export function publicOrigin(requestUrl: URL): string {
	return appConfig().PUBLIC_ORIGIN ?? requestUrl.origin;
}
