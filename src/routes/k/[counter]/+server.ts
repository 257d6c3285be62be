import { error } from '@sveltejs/kit';
import { appConfig } from '$lib/server/config';
import { db } from '$lib/server/db';
import { KIOSK_CSP, kioskPage } from '$lib/server/kiosks/page';
import { kioskQuestionnaire } from '$lib/server/kiosks/questionnaire';
import type { RequestHandler } from './$types';

/** The kiosk at a counter (README "Kiosk"): a light page that enrols once and then runs offline. */
export const GET: RequestHandler = async ({ params }) => {
	const questionnaire = await kioskQuestionnaire(db(), appConfig(), params.counter);
	if (!questionnaire) error(404, { message: 'counter_not_found' });
	return new Response(kioskPage(questionnaire), {
		headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache', 'content-security-policy': KIOSK_CSP }
	});
};
