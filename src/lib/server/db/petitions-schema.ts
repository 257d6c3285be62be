import type { ColumnType, Generated } from 'kysely';
import type { AlertMode, AlertRole, AlertRule, PetitionCategory, PetitionSource, PetitionState } from '../../domain/enums';
import type { OutboxChannel } from './schema';

/**
 * The petition and alert tables (migrations/2026-12-03_008_petitions.ts), kept apart from
 * schema.ts so the two evolve without touching each other; Database extends this.
 */
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type OptionalTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export interface PetitionTables {
	petition_deadlines: { agency_id: number; category: PetitionCategory; working_days: number };
	calendar_days: { agency_id: number; day: string; kind: 'holiday' | 'working'; name: string };
	petitions: PetitionTable;
	petition_notes: {
		id: Generated<number>;
		petition_id: number;
		user_id: number | null;
		author: string;
		body: string;
		created_at: CreatedAt;
	};
	petition_attachments: {
		id: Generated<number>;
		petition_id: number;
		filename: string;
		content_type: 'image/jpeg' | 'image/png' | 'application/pdf';
		size: number;
		data: Buffer | Uint8Array;
		created_at: CreatedAt;
	};
	petition_submission_counts: { agency_id: number; device_hash: string; hour: Timestamp; submissions: number };
	petition_lookup_failures: { device_hash: string; hour: Timestamp; failures: number };
	alert_recipients: {
		id: Generated<number>;
		agency_id: number;
		name: string;
		channel: OutboxChannel;
		address: string;
		role: AlertRole;
		unit_id: number | null;
		official_id: number | null;
		mode: Generated<AlertMode>;
		active: Generated<boolean>;
		created_at: CreatedAt;
	};
	alert_rules: { agency_id: number; rule: AlertRule; enabled: boolean };
	alerts: {
		id: Generated<number>;
		agency_id: number;
		recipient_id: number;
		rule: AlertRule | 'digest';
		dedupe_key: string;
		text: string;
		digest: boolean;
		queued_at: OptionalTimestamp;
		created_at: Timestamp;
	};
	alert_marks: { name: string; value: number };
}

export interface PetitionTable {
	/** bigserial, parsed as a number. */
	id: Generated<number>;
	agency_id: number;
	code: string;
	category: PetitionCategory;
	source: PetitionSource;
	body: string;
	contact_name: string | null;
	/** +84 and nine digits; deleted with the email some time after the case ends (privacy). */
	phone: string | null;
	email: string | null;
	response_id: number | null;
	dossier_id: number | null;
	counter_id: number | null;
	unit_id: number | null;
	official_id: number | null;
	state: Generated<PetitionState>;
	received_at: Timestamp;
	/** 'yyyy-mm-dd', the last working day to answer. */
	due_on: string;
	assigned_at: OptionalTimestamp;
	answer: string | null;
	answered_at: OptionalTimestamp;
	closed_at: OptionalTimestamp;
	decline_reason: string | null;
	published_answer: string | null;
	published_at: OptionalTimestamp;
	secret_hash: string;
	citizen_satisfied: boolean | null;
	feedback_at: OptionalTimestamp;
	flagged_flood: Generated<boolean>;
	submission_id: string | null;
	created_by: number | null;
	created_at: CreatedAt;
	updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}
