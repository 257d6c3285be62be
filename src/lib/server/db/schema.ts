import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

/**
 * The typed view of the database, kept in step with migrations/ by hand and checked against the
 * live schema by tests/integration/schema.test.ts.
 */
export interface Database {
	agencies: AgencyTable;
	units: UnitTable;
	procedure_fields: ProcedureFieldTable;
	counters: CounterTable;
	dimensions: DimensionTable;
	survey_versions: SurveyVersionTable;
	criteria: CriterionTable;
	responses: ResponseTable;
	answers: AnswerTable;
	baselines: GoalTable;
	targets: GoalTable;
	flood_keys: FloodKeyTable;
	submission_counts: SubmissionCountTable;
}

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
/** numeric is parsed as a JS number (db/connect.ts): percents with two decimals fit exactly enough. */
type Numeric = number;

export interface AgencyTable {
	id: Generated<number>;
	code: string;
	name_vi: string;
	name_en: string;
	created_at: CreatedAt;
}

export interface UnitTable {
	id: Generated<number>;
	agency_id: number;
	name: string;
}

export interface ProcedureFieldTable {
	id: Generated<number>;
	agency_id: number;
	name: string;
}

export interface CounterTable {
	id: Generated<number>;
	agency_id: number;
	unit_id: number;
	code: string;
	name: string;
	active: Generated<boolean>;
	created_at: CreatedAt;
}

export type DimensionKind = 'policy' | 'service';

export interface DimensionTable {
	key: string;
	position: number;
	kind: DimensionKind;
	name_vi: string;
	name_en: string;
}

export interface SurveyVersionTable {
	id: Generated<number>;
	agency_id: number;
	number: number;
	active: Generated<boolean>;
	lead_in_vi: string;
	lead_in_en: string;
	created_at: CreatedAt;
}

export interface CriterionTable {
	id: Generated<number>;
	survey_version_id: number;
	dimension_key: string;
	key: string;
	position: number;
	text_vi: string;
	text_en: string;
}

export type ResponseSource = 'online' | 'paper';
export type Channel = 'in_person' | 'online' | 'postal';
export type RespondentType = 'individual' | 'organisation';
export type Gender = 'female' | 'male' | 'other';
export type AgeGroup = 'under_30' | '30_44' | '45_59' | '60_plus';
export type Ethnicity = 'kinh' | 'jrai' | 'bahnar' | 'other';

export interface ResponseTable {
	/** bigserial: parsed as a number (see db/index.ts); ids stay far below 2^53. */
	id: Generated<number>;
	agency_id: number;
	counter_id: number;
	survey_version_id: number;
	submission_id: string;
	submitted_at: ColumnType<Date, Date | string | undefined, Date | string>;
	source: Generated<ResponseSource>;
	channel: Channel | null;
	respondent_type: RespondentType | null;
	gender: Gender | null;
	age_group: AgeGroup | null;
	ethnicity: Ethnicity | null;
	procedure_field_id: number | null;
	dossier_code: string | null;
	comment: string | null;
	flagged_misuse: Generated<boolean>;
	flagged_spam: Generated<boolean>;
}

export interface AnswerTable {
	response_id: number;
	criterion_id: number;
	/** 1–5, or null for "Không áp dụng" (N/A). */
	value: number | null;
}

export interface GoalTable {
	agency_id: number;
	dimension_key: string;
	year: number;
	percent: Numeric;
}

export interface FloodKeyTable {
	day: ColumnType<string, string, string>;
	key: Buffer | Uint8Array;
}

export interface SubmissionCountTable {
	counter_id: number;
	device_hash: string;
	hour: ColumnType<Date, Date | string, Date | string>;
	submissions: number;
}

export type Agency = Selectable<AgencyTable>;
export type Counter = Selectable<CounterTable>;
export type NewResponse = Insertable<ResponseTable>;
