import type { Locale } from '$lib/i18n';
import type { Principal } from '$lib/server/auth/principal';

declare global {
	namespace App {
		interface Locals {
			locale: Locale;
			/** The signed-in user or the API token's holder; undefined for citizens. */
			principal: Principal | undefined;
		}
		interface Error {
			message: string;
			/** With message "cross_origin": the site's configured origin (hooks.server.ts). */
			origin?: string;
		}
	}
}

export {};
