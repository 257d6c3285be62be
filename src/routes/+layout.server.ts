import type { LayoutServerLoad } from './$types';

/** signedIn: for the error page's way back (the staff's start page, or the citizens' home). */
export const load: LayoutServerLoad = ({ locals }) => ({ locale: locals.locale, signedIn: locals.principal?.kind === 'user' });
