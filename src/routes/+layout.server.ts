import { englishCatalogue } from '$lib/i18n/catalogue';
import type { LayoutServerLoad } from './$types';

/**
 * signedIn: for the error page's way back (the staff's start page, or the citizens' home).
 * english: the public catalogue when the page is in English (pageTranslator in $lib/i18n).
 */
export const load: LayoutServerLoad = ({ locals }) => ({
	locale: locals.locale,
	signedIn: locals.principal?.kind === 'user',
	english: englishCatalogue(locals.locale)
});
