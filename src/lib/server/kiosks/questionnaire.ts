import type { Kysely } from 'kysely';
import type { Config } from '../config-schema';
import type { Database } from '../db/schema';
import { EXTRA_LANGUAGES } from '../db/kiosk-schema';
import { findCounterSurvey } from '../survey/definition';
import { kioskUiEn } from '$lib/i18n/kiosk.en';
import { KIOSK_UI_KEYS } from '$lib/i18n/kiosk.vi';
import { clipKeys } from './clips';
import { translationsOf, vietnameseTexts } from './translations';

/**
 * Everything the kiosk page needs to run without the network: the counter's active
 * questionnaire with its texts in every language it has (each language complete, missing keys
 * filled in from Vietnamese), which statements have a recorded clip, and the reset timers.
 */
export interface KioskQuestionnaire {
	counter: { code: string; name: string };
	agency: string;
	versionId: number;
	dimensions: { key: string; criteria: string[] }[];
	languages: { code: string; name: string; texts: Record<string, string> }[];
	clips: Record<string, string[]>;
	resetAfterThanks: number;
	resetWhenIdle: number;
}

/** Each language's own name, as its speakers write it. */
const LANGUAGE_NAMES: Record<string, string> = { vi: 'Tiếng Việt', en: 'English', jrai: 'Tơlơi Jrai', bahnar: 'Bahnar' };

export async function kioskQuestionnaire(
	db: Kysely<Database>,
	config: Pick<Config, 'KIOSK_THANKS_RESET_SECONDS' | 'KIOSK_IDLE_RESET_SECONDS'>,
	counterCode: string
): Promise<KioskQuestionnaire | undefined> {
	const survey = await findCounterSurvey(db, counterCode);
	if (!survey) return undefined;
	const [translations, clips] = await Promise.all([translationsOf(db, survey.version.id), clipKeys(db, survey.version.id)]);
	// The phone page's own strings (pub.…) are not the kiosk's: left out, the tablet loads less.
	const vi = new Map([...vietnameseTexts({ lead_in_vi: survey.version.lead_in_vi, dimensions: survey.dimensions })].filter(([key]) => !key.startsWith('pub.')));
	const en = new Map<string, string>([['lead_in', survey.version.lead_in_en]]);
	for (const d of survey.dimensions) {
		en.set(`dim.${d.key}`, d.name_en);
		for (const c of d.criteria) en.set(`crit.${c.key}`, c.text_en);
	}
	for (const key of KIOSK_UI_KEYS) en.set(key, kioskUiEn[key]);
	const languages = [
		{ code: 'vi', name: LANGUAGE_NAMES.vi!, texts: Object.fromEntries(vi) },
		{ code: 'en', name: LANGUAGE_NAMES.en!, texts: Object.fromEntries(en) }
	];
	// A language is offered once it has any translation; what it lacks is shown in Vietnamese.
	for (const language of EXTRA_LANGUAGES) {
		const own = translations[language];
		if (!Object.keys(own).length) continue;
		languages.push({ code: language, name: LANGUAGE_NAMES[language]!, texts: Object.fromEntries([...vi].map(([k, v]) => [k, own[k] ?? v])) });
	}
	return {
		counter: { code: survey.counter.code, name: survey.counter.name },
		agency: survey.agency.name_vi,
		versionId: survey.version.id,
		dimensions: survey.dimensions.map((d) => ({ key: d.key, criteria: d.criteria.map((c) => c.key) })),
		languages,
		clips,
		resetAfterThanks: config.KIOSK_THANKS_RESET_SECONDS,
		resetWhenIdle: config.KIOSK_IDLE_RESET_SECONDS
	};
}
