import { takeCaseFlash } from '$lib/server/petitions/survey-request';
import type { PageServerLoad } from './$types';

/** The case opened by "Tôi muốn được trả lời", shown once (petitions/survey-request.ts). */
export const load: PageServerLoad = async ({ cookies, url }) => ({ petition: takeCaseFlash(cookies, url.pathname) });
