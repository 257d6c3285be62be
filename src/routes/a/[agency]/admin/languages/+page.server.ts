import { fail } from '@sveltejs/kit';
import { appConfig } from '$lib/server/config';
import { db } from '$lib/server/db';
import { EXTRA_LANGUAGES, FORM_LANGUAGES, type ExtraLanguage } from '$lib/server/db/kiosk-schema';
import { formValues } from '$lib/server/http/form-fields';
import { refuse, requireAdmin } from '$lib/server/http/pages';
import { clipKeys, deleteClip, uploadClip } from '$lib/server/kiosks/clips';
import {
	activeVersionOf,
	completeness,
	isExtraLanguage,
	loadVersionSource,
	parseTranslationCsv,
	saveTranslations,
	translationsOf,
	vietnameseTexts
} from '$lib/server/kiosks/translations';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { agency } = await requireAdmin(event);
	const asked = event.url.searchParams.get('lang');
	const language: ExtraLanguage = isExtraLanguage(asked) ? asked : 'jrai';
	const version = await activeVersionOf(db(), agency.id);
	if (!version) return { version: null, language, languages: EXTRA_LANGUAGES, clipLanguages: FORM_LANGUAGES, completeness: [], rows: [], clips: {}, clipMaxKb: 0 };
	const [source, translations, clips] = await Promise.all([loadVersionSource(db(), agency.id, version.id), translationsOf(db(), version.id), clipKeys(db(), version.id)]);
	const texts = vietnameseTexts(source!);
	return {
		version,
		language,
		languages: EXTRA_LANGUAGES,
		clipLanguages: FORM_LANGUAGES,
		completeness: completeness(texts.keys(), translations).map((c) => ({ ...c, missing: c.missing.slice(0, 40) })),
		rows: [...texts].map(([key, vi]) => ({ key, vi, text: translations[language][key] ?? '' })),
		clips,
		clipMaxKb: Math.round(appConfig().AUDIO_CLIP_MAX_BYTES / 1024)
	};
};

async function readForm(request: Request): Promise<FormData | null> {
	try {
		return await request.formData();
	} catch {
		return null;
	}
}

export const actions: Actions = {
	import: async (event) => {
		const { principal, agency } = await requireAdmin(event);
		const form = await readForm(event.request);
		const language = String(form?.get('language') ?? '');
		const file = form?.get('file');
		const version = await activeVersionOf(db(), agency.id);
		if (!version) return fail(400, { form: 'import', errors: { form: { key: 'kiosk.lang.noActive' } }, values: {} });
		const rows = file instanceof File && file.size > 0 ? parseTranslationCsv(await file.text()) : undefined;
		if (!rows) return fail(400, { form: 'import', errors: { file: { key: 'kiosk.lang.badCsv' } }, values: { language } });
		const outcome = await saveTranslations(db(), principal, agency.id, version.id, language, rows, 'csv');
		if (!outcome.ok) return refuse(outcome, 'import', { language });
		return { saved: outcome.value.saved };
	},
	save: async (event) => {
		const { principal, agency } = await requireAdmin(event);
		const values = await formValues(event.request);
		const version = await activeVersionOf(db(), agency.id);
		if (!version) return fail(400, { form: 'save', errors: { form: { key: 'kiosk.lang.noActive' } }, values: {} });
		const entries = Object.entries(values).filter(([name]) => name.startsWith('t.')).map(([name, text]) => [name.slice(2), text] as [string, string]);
		const outcome = await saveTranslations(db(), principal, agency.id, version.id, values.language, entries, 'form');
		if (!outcome.ok) return refuse(outcome, 'save', {});
		return { saved: outcome.value.saved };
	},
	clip: async (event) => {
		const { principal, agency } = await requireAdmin(event);
		const form = await readForm(event.request);
		const file = form?.get('file');
		const version = await activeVersionOf(db(), agency.id);
		if (!version) return fail(400, { form: 'clip', errors: { form: { key: 'kiosk.lang.noActive' } }, values: {} });
		const bytes = file instanceof File ? new Uint8Array(await file.arrayBuffer()) : new Uint8Array();
		const values = { language: String(form?.get('language') ?? ''), key: String(form?.get('key') ?? '') };
		const outcome = await uploadClip(db(), principal, agency.id, { versionId: version.id, language: values.language, key: values.key, bytes }, appConfig().AUDIO_CLIP_MAX_BYTES);
		if (!outcome.ok) return refuse(outcome, 'clip', values);
		return { uploaded: true };
	},
	deleteClip: async (event) => {
		const { principal, agency } = await requireAdmin(event);
		const values = await formValues(event.request);
		const version = await activeVersionOf(db(), agency.id);
		if (!version) return fail(400, { form: 'clip', errors: { form: { key: 'kiosk.lang.noActive' } }, values: {} });
		const outcome = await deleteClip(db(), principal, agency.id, version.id, values.language ?? '', values.key ?? '');
		if (!outcome.ok) return refuse(outcome, 'clip', {});
		return { deleted: true };
	}
};
