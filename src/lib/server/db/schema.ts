import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { AgencyRole, AgeGroup, ApiTokenRole, Channel, Ethnicity, Gender, RespondentType, ResponseSource, Role } from '../../domain/enums';
import type { DimensionKind, IndexKey } from '../../sipas/dimensions';
import type { AudioClipTable, KioskRefusalTable, KioskTable, SurveyTranslationTable } from './kiosk-schema';
import type { PetitionTables } from './petitions-schema';

/**
 * The typed view of the database, kept in step with migrations/ by hand and checked against the
 * live schema by tests/integration/migrations.test.ts. The values of checked text columns are the
 * lists of domain/enums.ts and sipas/dimensions.ts.
 */
export interface Database extends PetitionTables {
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
	users: UserTable;
	sessions: SessionTable;
	sign_in_failures: SignInFailureTable;
	api_tokens: ApiTokenTable;
	audit_log: AuditLogTable;
	estimate_sums: EstimateSumsTable;
	daily_counts: DailyCountsTable;
	register_months: RegisterMonthsTable;
	officials: OfficialTable;
	dossiers: DossierTable;
	dossier_officials: DossierOfficialTable;
	app_secrets: AppSecretTable;
	invitation_failures: InvitationFailureTable;
	outbox: OutboxTable;
	// Migration 010 (kiosk-schema.ts).
	kiosks: KioskTable;
	kiosk_refusals: KioskRefusalTable;
	survey_translations: SurveyTranslationTable;
	audio_clips: AudioClipTable;
	plans: PlanTable;
	plan_criteria: PlanCriterionTable;
	plan_criterion_units: PlanCriterionUnitTable;
	plan_tasks: PlanTaskTable;
	plan_task_evidence: PlanTaskEvidenceTable;
	official_results: OfficialResultTable;
}

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
/** numeric is parsed as a JS number (db/connect.ts): percents with two decimals fit exactly enough. */
type Numeric = number;

export interface AgencyTable {
	id: Generated<number>;
	code: string;
	name_vi: string;
	name_en: string;
	/** The public results page /p/{code} is on (migration 011); off by default. */
	public_results: ColumnType<boolean, boolean | undefined, boolean>;
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
	/** Shown on English pages when set; the Vietnamese name otherwise. */
	name_en: string | null;
	active: Generated<boolean>;
	created_at: CreatedAt;
}

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
	/** Paper questionnaires: the id from the import file; re-importing it changes nothing. */
	external_id: string | null;
	/** Set when the response came through the dossier's invitation (a verified response). */
	dossier_id: ColumnType<number | null, number | null | undefined, number | null>;
	/** The citizen ticked "Tôi muốn được liên hệ lại về góp ý này": only then may staff see the dossier. */
	wants_contact: Generated<boolean>;
	/** Its contribution is in estimate_sums and daily_counts (the folder adds it; see sums/folder.ts). */
	folded: Generated<boolean>;
	/** The kiosk (migration 010) the response came from, if any. */
	kiosk_id: ColumnType<number | null, number | null | undefined, number | null>;
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
	/** 0–7: one of the rows the hour's count is spread over (survey/submit.ts countSubmission). */
	slot: Generated<number>;
	submissions: number;
}

export type Agency = Selectable<AgencyTable>;
export type Counter = Selectable<CounterTable>;
export type NewResponse = Insertable<ResponseTable>;

export interface UserTable {
	id: Generated<number>;
	/** null only for province_admin. */
	agency_id: number | null;
	email: string;
	name: Generated<string>;
	role: Role;
	password_hash: string;
	active: Generated<boolean>;
	created_at: CreatedAt;
	password_changed_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface SessionTable {
	token_hash: string;
	user_id: number;
	created_at: CreatedAt;
	last_seen_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface SignInFailureTable {
	subject: string;
	window_start: ColumnType<Date, Date | string, Date | string>;
	failures: number;
}

export interface ApiTokenTable {
	id: Generated<number>;
	agency_id: number;
	name: string;
	/** 'admin' and 'staff' only on tokens revoked by migration 004. */
	role: ApiTokenRole | 'admin' | 'staff';
	token_hash: string;
	created_by: number | null;
	created_at: CreatedAt;
	last_used_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
	revoked_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface AuditLogTable {
	id: Generated<number>;
	at: CreatedAt;
	agency_id: number | null;
	user_id: number | null;
	actor: string;
	action: string;
	entity: string;
	entity_id: string | null;
	before: ColumnType<unknown, string | null | undefined, never>;
	after: ColumnType<unknown, string | null | undefined, never>;
}

/**
 * The key every pre-aggregated row is summed under (migrations/…_007_folded_sums.ts, …_013_cell_sums.ts).
 * Month rows carry every column; cell rows the agency, procedure field, channel and excluded; day
 * rows the agency, counter and excluded (the rest NULL).
 */
export interface SumsKey {
	grain: 'day' | 'month' | 'cell';
	/** 'yyyy-mm-dd': the day, or the first day of the month, in Asia/Ho_Chi_Minh. */
	period_start: string;
	agency_id: number;
	/** NULL on cell rows. */
	counter_id: number | null;
	procedure_field_id: number | null;
	channel: Channel | null;
	source: ResponseSource | null;
	/** Flagged as misuse or spam: left out of estimates unless a report includes them. */
	excluded: boolean;
	/** Came through a dossier's invitation (responses.dossier_id set); NULL on day rows. */
	verified: boolean | null;
}

/** Two-letter dimension codes, the prefixes of their criterion keys, in questionnaire order. */
export type DimensionCode = 'pa' | 'pp' | 'sa' | 'tt' | 'cc' | 'kq' | 'pk';
export type DimensionSumName = 'n' | 'm' | 'y' | 'y2' | 'ym' | 'm2';
export type PairSumName = 'yy' | 'ym' | 'my' | 'mm';
type Later<D extends DimensionCode> = D extends 'pa' ? Exclude<DimensionCode, 'pa'>
	: D extends 'pp' ? 'sa' | 'tt' | 'cc' | 'kq' | 'pk'
	: D extends 'sa' ? 'tt' | 'cc' | 'kq' | 'pk'
	: D extends 'tt' ? 'cc' | 'kq' | 'pk'
	: D extends 'cc' ? 'kq' | 'pk'
	: D extends 'kq' ? 'pk'
	: never;
export type PairCode = { [D in DimensionCode]: `${D}_${Later<D>}` }[DimensionCode];

export type EstimateSumsColumn =
	| 'responses'
	| `${IndexKey}_n`
	| `${DimensionCode}_${DimensionSumName}`
	| `${PairCode}_${PairSumName}`;

/** The answer counts of one reference criterion: pa1_v1 … pa1_v5, pa1_na. */
export type CriterionSumsColumn = `${Lowercase<DimensionCode>}${number}_${'v1' | 'v2' | 'v3' | 'v4' | 'v5' | 'na'}`;

export type EstimateSumsTable = SumsKey & { [C in EstimateSumsColumn]: number } & { [C in CriterionSumsColumn]: number };

/** Responses per local day under the full key: the dashboard's per-day chart under any filter. */
export interface DailyCountsTable {
	day: string;
	agency_id: number;
	counter_id: number;
	procedure_field_id: number | null;
	channel: Channel | null;
	source: ResponseSource;
	excluded: boolean;
	verified: boolean;
	responses: number;
}

export interface OfficialTable {
	id: Generated<number>;
	agency_id: number;
	code: string;
	name: string;
	unit_id: number | null;
	active: Generated<boolean>;
	created_at: CreatedAt;
}

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type OptionalTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export interface DossierTable {
	/** bigserial, parsed as a number. */
	id: Generated<number>;
	agency_id: number;
	code: string;
	procedure_code: string;
	procedure_name: string;
	procedure_field_id: number;
	channel: Channel;
	unit_id: number;
	counter_id: number | null;
	received_at: Timestamp;
	due_at: OptionalTimestamp;
	returned_at: OptionalTimestamp;
	/** +84 and nine digits. */
	phone: string | null;
	email: string | null;
	/** SHA-256 (hex) of the invitation code; the code itself is derived, never stored. */
	invitation_hash: string;
	/** When the follow-up messages were queued (the contact then moves to the outbox). */
	follow_up_at: OptionalTimestamp;
	/** The plan's register flags (migration 009): NULL when the register never said. */
	synced_national: boolean | null;
	digitised: boolean | null;
	full_online_service: boolean | null;
	paid_online: boolean | null;
	fee_required: boolean | null;
	created_at: CreatedAt;
	updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface DossierOfficialTable {
	dossier_id: number;
	official_id: number;
}

export interface AppSecretTable {
	name: string;
	value: Buffer | Uint8Array;
	created_at: CreatedAt;
}

export interface InvitationFailureTable {
	device_hash: string;
	hour: Timestamp;
	failures: number;
}

export type OutboxChannel = 'email' | 'sms';
export type OutboxState = 'pending' | 'sending' | 'sent' | 'failed';

export interface OutboxTable {
	id: Generated<number>;
	agency_id: number | null;
	topic: string;
	channel: OutboxChannel;
	idempotency_key: string;
	/** Email address or phone number; deleted once delivered, or after 30 days. */
	recipient: string | null;
	subject: string | null;
	body: string;
	state: Generated<OutboxState>;
	attempts: Generated<number>;
	next_attempt_at: ColumnType<Date, Date | string | undefined, Date | string>;
	locked_until: OptionalTimestamp;
	last_error: string | null;
	created_at: CreatedAt;
	sent_at: OptionalTimestamp;
}

/** A calendar date (Postgres date), read as 'YYYY-MM-DD' text (db/connect.ts keeps dates as text). */
type DateText = ColumnType<string, string, string>;

export interface PlanTable {
	id: Generated<number>;
	agency_id: number;
	year: number;
	number: Generated<string>;
	title: string;
	issued_on: ColumnType<string | null, string | null | undefined, string | null>;
	signer: Generated<string>;
	created_at: CreatedAt;
	updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export type PlanCriterionKind = 'par' | 'sipas';
export type TargetDirection = 'at_least' | 'at_most';
export type PlanMeasure = 'on_time' | 'synced' | 'digitised' | 'full_online' | 'paid_online';

export interface PlanCriterionTable {
	id: Generated<number>;
	plan_id: number;
	code: string;
	kind: PlanCriterionKind;
	title: string;
	target_text: Generated<string>;
	target_percent: Numeric | null;
	target_direction: TargetDirection | null;
	measure: PlanMeasure | null;
	dimension_key: string | null;
	time_frame: Generated<string>;
	position: Generated<number>;
}

export interface PlanCriterionUnitTable {
	criterion_id: number;
	unit_id: number;
	role: 'lead' | 'support';
}

export type PlanTaskStatus = 'open' | 'in_progress' | 'done';

export interface PlanTaskTable {
	id: Generated<number>;
	criterion_id: number;
	title: string;
	unit_id: number | null;
	owner_user_id: number | null;
	due_on: DateText;
	status: Generated<PlanTaskStatus>;
	done_on: ColumnType<string | null, string | null | undefined, string | null>;
	note: Generated<string>;
	created_at: CreatedAt;
	updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface PlanTaskEvidenceTable {
	id: Generated<number>;
	task_id: number;
	file_name: string;
	content_type: string;
	size: number;
	content: Buffer | Uint8Array;
	uploaded_by: number | null;
	uploaded_at: CreatedAt;
}

/** An official SIPAS result as published (migration 011): percents, overall and any dimensions. */
export interface OfficialResultTable {
	id: Generated<number>;
	agency_id: number;
	year: number;
	scope: string;
	overall: Numeric | null;
	dimensions: ColumnType<Record<string, number>, string, string>;
	source: string | null;
	created_at: CreatedAt;
}

/**
 * The dossier register counted per month of return and cell (migration 012, sums/register-months.ts):
 * the frame of SIPAS.md §7 and the response rate of §8 without counting every dossier.
 */
export interface RegisterMonthsTable {
	agency_id: number;
	/** The first day of the Asia/Ho_Chi_Minh month of returned_at. */
	month: ColumnType<string, string, string>;
	unit_id: number;
	counter_id: number | null;
	procedure_field_id: number;
	channel: Channel;
	dossiers: number;
	/** Of those, the dossiers with a folded response (the unfolded ones are a report's tail). */
	responded: number;
}
