import { en } from '../../i18n/en';
import { vi } from '../../i18n/vi';
import { AGE_GROUPS, CHANNELS, ETHNICITIES, GENDERS, RESPONDENT_TYPES } from '../../domain/enums';

/**
 * Reading one cell of a paper questionnaire. A choice may be written as the stored value
 * ("in_person") or as the words the citizen saw on the online form, in Vietnamese or English
 * ("Trực tiếp"), in any case, with the dashes and spaces people type ("30-44" for "30–44").
 */

/** Lower case, composed Unicode (files saved on a Mac may decompose the diacritics), one kind of dash, single spaces. */
export function normalizeWord(value: string): string {
	return value.normalize('NFC').trim().toLowerCase().replace(/[–—]/g, '-').replace(/\s+/g, ' ');
}

/** Answer codes kept per criterion in a compact array: 0 = skipped, 1–5 = the rating, NA_CODE = "Không áp dụng". */
export const SKIPPED = 0;
export const NA_CODE = 6;
const NOT_APPLICABLE = new Set(['na', 'n/a', normalizeWord(vi['survey.scale.na']), normalizeWord(en['survey.scale.na'])]);

/** An answer cell: its code, or undefined when the cell holds something else. */
export function readAnswer(cell: string): number | undefined {
	const text = cell.trim();
	if (text === '') return SKIPPED;
	if (text.length === 1) {
		const digit = text.charCodeAt(0) - 48;
		return digit >= 1 && digit <= 5 ? digit : undefined;
	}
	return NOT_APPLICABLE.has(normalizeWord(text)) ? NA_CODE : undefined;
}

type Labels = Record<string, string>;

/** A reader for one choice: the stored values, their labels in both catalogues, and any extra words. */
function choice<T extends string>(values: readonly T[], labelKey: (value: T) => string, extra: Record<string, T> = {}) {
	const words = new Map<string, T>();
	for (const value of values) {
		words.set(normalizeWord(value), value);
		for (const catalogue of [vi, en] as Labels[]) {
			const label = catalogue[labelKey(value)];
			if (label) words.set(normalizeWord(label), value);
		}
	}
	for (const [word, value] of Object.entries(extra)) words.set(normalizeWord(word), value);
	return (cell: string): T | undefined => words.get(normalizeWord(cell));
}

export const readChannel = choice(CHANNELS, (v) => `survey.channel.${v}`, { 'bưu chính': 'postal', 'in person': 'in_person' });
export const readRespondentType = choice(RESPONDENT_TYPES, (v) => `survey.respondentType.${v}`, {
	'tổ chức': 'organisation',
	'doanh nghiệp': 'organisation',
	'tổ chức/doanh nghiệp': 'organisation',
	organization: 'organisation'
});
export const readGender = choice(GENDERS, (v) => `survey.gender.${v}`);
export const readAgeGroup = choice(AGE_GROUPS, (v) => `survey.ageGroup.${v}`, {
	'< 30': 'under_30',
	'<30': 'under_30',
	'60+': '60_plus',
	'>= 60': '60_plus',
	'>=60': '60_plus'
});
export const readEthnicity = choice(ETHNICITIES, (v) => `survey.ethnicity.${v}`);

/** Free text as the online form keeps it: Windows line ends made plain, spaces around trimmed, empty as none. */
export function readText(cell: string): string | null {
	const text = cell.replace(/\r\n?/g, '\n').trim();
	return text === '' ? null : text;
}
