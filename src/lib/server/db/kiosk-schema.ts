import type { ColumnType, Generated } from 'kysely';

/** Tables of migration 010 (kiosks, read-aloud clips, questionnaire translations). */
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type OptionalTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

/** Why the server refused an answer a kiosk sent (kiosk_refusals.reason). */
export const KIOSK_REFUSALS = ['revoked', 'future', 'too_old', 'invalid', 'version_changed', 'too_many'] as const;
export type KioskRefusalReason = (typeof KIOSK_REFUSALS)[number];

/** Languages a survey version may carry beyond its Vietnamese and English columns. */
export const EXTRA_LANGUAGES = ['jrai', 'bahnar'] as const;
export type ExtraLanguage = (typeof EXTRA_LANGUAGES)[number];
export const FORM_LANGUAGES = ['vi', 'en', ...EXTRA_LANGUAGES] as const;
export type FormLanguage = (typeof FORM_LANGUAGES)[number];

export interface KioskTable {
	id: Generated<number>;
	agency_id: number;
	counter_id: number;
	name: string;
	enrolment_hash: string | null;
	enrolment_expires_at: OptionalTimestamp;
	credential_hash: string | null;
	enrolled_at: OptionalTimestamp;
	revoked_at: OptionalTimestamp;
	last_contact_at: OptionalTimestamp;
	queue_size: Generated<number>;
	created_at: CreatedAt;
}

export interface KioskRefusalTable {
	kiosk_id: number;
	submission_id: string;
	reason: KioskRefusalReason;
	at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface SurveyTranslationTable {
	survey_version_id: number;
	language: ExtraLanguage;
	key: string;
	text: string;
}

export interface AudioClipTable {
	survey_version_id: number;
	language: FormLanguage;
	key: string;
	mime: string;
	data: Uint8Array;
	created_at: CreatedAt;
}
