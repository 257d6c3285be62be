import type { Locale } from '$lib/i18n';
import type { Principal } from '$lib/server/auth/principal';

declare global {
	namespace App {
		interface Locals {
			locale: Locale;
			/** The signed-in user or the API token's holder; undefined for citizens. */
			principal: Principal | undefined;
			/**
			 * Set by a page's load that refused its query string (bad filters): the page still shows
			 * the form with the problems, answered 400 rather than 200 (hooks.server.ts).
			 */
			badQuery?: boolean;
		}
		interface Error {
			message: string;
			/** With message "cross_origin": the site's configured origin (hooks.server.ts). */
			origin?: string;
		}
	}
}

export {};
