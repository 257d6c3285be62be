import { Migrator, NO_MIGRATIONS, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrationProvider } from '../../migrations/index';
import { ALERT_MODES, ALERT_ROLES, ALERT_RULES, PETITION_CATEGORIES, PETITION_SOURCES, PETITION_STATES } from '../../src/lib/domain/enums';
import { AGE_GROUPS, API_TOKEN_ROLES, CHANNELS, ETHNICITIES, GENDERS, RESPONDENT_TYPES, RESPONSE_SOURCES, ROLES } from '../../src/lib/domain/enums';
import { DIMENSIONS } from '../../src/lib/sipas/dimensions';
import type { Database, SumsKey } from '../../src/lib/server/db/schema';
import { EXTRA_LANGUAGES, FORM_LANGUAGES, KIOSK_REFUSALS } from '../../src/lib/server/db/kiosk-schema';
import { databaseKinds, emptyDatabase, type TestDatabase } from './helpers/databases';

/**
 * Every column of the typed Database interface, listed once: the type makes the list exhaustive
 * (a column missing here or not in the interface is a type error), the test makes it match the
 * live schema that the migrations build.
 */
const SUMS_KEY: Record<keyof SumsKey, true> = {
	grain: true, period_start: true, agency_id: true, counter_id: true, procedure_field_id: true, channel: true, source: true, excluded: true, verified: true
};

const COLUMNS: { [T in keyof Database]: Record<keyof Database[T], true> } = {
	agencies: { id: true, code: true, name_vi: true, name_en: true, public_results: true, created_at: true },
	units: { id: true, agency_id: true, name: true },
	procedure_fields: { id: true, agency_id: true, name: true },
	counters: { id: true, agency_id: true, unit_id: true, code: true, name: true, name_en: true, active: true, created_at: true },
	dimensions: { key: true, position: true, kind: true, name_vi: true, name_en: true },
	survey_versions: { id: true, agency_id: true, number: true, active: true, lead_in_vi: true, lead_in_en: true, created_at: true },
	criteria: { id: true, survey_version_id: true, dimension_key: true, key: true, position: true, text_vi: true, text_en: true },
	responses: {
		id: true, agency_id: true, counter_id: true, survey_version_id: true, submission_id: true, submitted_at: true,
		source: true, channel: true, respondent_type: true, gender: true, age_group: true, ethnicity: true,
		procedure_field_id: true, dossier_code: true, comment: true, flagged_misuse: true, flagged_spam: true, external_id: true,
		dossier_id: true, wants_contact: true, folded: true, kiosk_id: true
	},
	answers: { response_id: true, criterion_id: true, value: true },
	baselines: { agency_id: true, dimension_key: true, year: true, percent: true },
	targets: { agency_id: true, dimension_key: true, year: true, percent: true },
	flood_keys: { day: true, key: true },
	submission_counts: { counter_id: true, device_hash: true, hour: true, slot: true, submissions: true },
	users: { id: true, agency_id: true, email: true, name: true, role: true, password_hash: true, active: true, created_at: true, password_changed_at: true },
	sessions: { token_hash: true, user_id: true, created_at: true, last_seen_at: true },
	sign_in_failures: { subject: true, window_start: true, failures: true },
	api_tokens: { id: true, agency_id: true, name: true, role: true, token_hash: true, created_by: true, created_at: true, last_used_at: true, revoked_at: true },
	audit_log: { id: true, at: true, agency_id: true, user_id: true, actor: true, action: true, entity: true, entity_id: true, before: true, after: true },
	estimate_sums: estimateSumsColumns(),
	daily_counts: {
		day: true, agency_id: true, counter_id: true, procedure_field_id: true, channel: true, source: true, excluded: true, verified: true, responses: true
	},
	register_months: {
		agency_id: true, month: true, unit_id: true, counter_id: true, procedure_field_id: true, channel: true, dossiers: true, responded: true
	},
	officials: { id: true, agency_id: true, code: true, name: true, unit_id: true, active: true, created_at: true },
	dossiers: {
		id: true, agency_id: true, code: true, procedure_code: true, procedure_name: true, procedure_field_id: true, channel: true,
		unit_id: true, counter_id: true, received_at: true, due_at: true, returned_at: true, phone: true, email: true,
		invitation_hash: true, follow_up_at: true, created_at: true, updated_at: true,
		synced_national: true, digitised: true, full_online_service: true, paid_online: true, fee_required: true
	},
	dossier_officials: { dossier_id: true, official_id: true },
	app_secrets: { name: true, value: true, created_at: true },
	invitation_failures: { device_hash: true, hour: true, failures: true },
	outbox: {
		id: true, agency_id: true, topic: true, channel: true, idempotency_key: true, recipient: true, subject: true, body: true,
		state: true, attempts: true, next_attempt_at: true, locked_until: true, last_error: true, created_at: true, sent_at: true
	},
	kiosks: {
		id: true, agency_id: true, counter_id: true, name: true, enrolment_hash: true, enrolment_expires_at: true, credential_hash: true,
		enrolled_at: true, revoked_at: true, last_contact_at: true, queue_size: true, created_at: true
	},
	kiosk_refusals: { kiosk_id: true, submission_id: true, reason: true, at: true },
	survey_translations: { survey_version_id: true, language: true, key: true, text: true },
	audio_clips: { survey_version_id: true, language: true, key: true, mime: true, data: true, created_at: true },
	// Petitions and alerts (migration 008).
	petition_deadlines: { agency_id: true, category: true, working_days: true },
	calendar_days: { agency_id: true, day: true, kind: true, name: true },
	petitions: {
		id: true, agency_id: true, code: true, category: true, source: true, body: true, contact_name: true, phone: true, email: true,
		response_id: true, dossier_id: true, counter_id: true, unit_id: true, official_id: true, state: true, received_at: true, due_on: true,
		assigned_at: true, answer: true, answered_at: true, closed_at: true, decline_reason: true, published_answer: true, published_at: true,
		secret_hash: true, citizen_satisfied: true, feedback_at: true, flagged_flood: true, submission_id: true, created_by: true,
		created_at: true, updated_at: true
	},
	petition_notes: { id: true, petition_id: true, user_id: true, author: true, body: true, created_at: true },
	petition_attachments: { id: true, petition_id: true, filename: true, content_type: true, size: true, data: true, created_at: true },
	petition_submission_counts: { agency_id: true, device_hash: true, hour: true, submissions: true },
	petition_lookup_failures: { device_hash: true, hour: true, failures: true },
	alert_recipients: {
		id: true, agency_id: true, name: true, channel: true, address: true, role: true, unit_id: true, official_id: true, mode: true,
		active: true, created_at: true
	},
	alert_rules: { agency_id: true, rule: true, enabled: true },
	alerts: { id: true, agency_id: true, recipient_id: true, rule: true, dedupe_key: true, text: true, digest: true, queued_at: true, created_at: true },
	alert_marks: { name: true, value: true },
	plans: { id: true, agency_id: true, year: true, number: true, title: true, issued_on: true, signer: true, created_at: true, updated_at: true },
	plan_criteria: {
		id: true, plan_id: true, code: true, kind: true, title: true, target_text: true, target_percent: true, target_direction: true,
		measure: true, dimension_key: true, time_frame: true, position: true
	},
	plan_criterion_units: { criterion_id: true, unit_id: true, role: true },
	plan_tasks: {
		id: true, criterion_id: true, title: true, unit_id: true, owner_user_id: true, due_on: true, status: true, done_on: true, note: true,
		created_at: true, updated_at: true
	},
	plan_task_evidence: { id: true, task_id: true, file_name: true, content_type: true, size: true, content: true, uploaded_by: true, uploaded_at: true },
	official_results: { id: true, agency_id: true, year: true, scope: true, overall: true, dimensions: true, source: true, created_at: true }
};

/** The wide sums table's columns, spelled out from the codes as the migration does. */
function estimateSumsColumns(): Record<keyof Database['estimate_sums'], true> {
	const codes = ['pa', 'pp', 'sa', 'tt', 'cc', 'kq', 'pk'];
	const names = ['responses', 'overall_n', 'service_n', 'policy_n'];
	for (const d of codes) for (const s of ['n', 'm', 'y', 'y2', 'ym', 'm2']) names.push(`${d}_${s}`);
	codes.forEach((a, i) => codes.slice(i + 1).forEach((b) => ['yy', 'ym', 'my', 'mm'].forEach((s) => names.push(`${a}_${b}_${s}`))));
	const criteria = { pa: 3, pp: 3, sa: 4, tt: 5, cc: 6, kq: 3, pk: 4 };
	for (const [d, count] of Object.entries(criteria)) {
		for (let i = 1; i <= count; i++) for (const v of ['v1', 'v2', 'v3', 'v4', 'v5', 'na']) names.push(`${d}${i}_${v}`);
	}
	return { ...SUMS_KEY, ...Object.fromEntries(names.map((n) => [n, true])) } as Record<keyof Database['estimate_sums'], true>;
}

/** Each checked text column and the one list its CHECK constraint must allow, no more, no less. */
const CHECKED_VALUES: [table: keyof Database, column: string, values: readonly string[]][] = [
	['responses', 'channel', CHANNELS],
	['responses', 'source', RESPONSE_SOURCES],
	['responses', 'respondent_type', RESPONDENT_TYPES],
	['responses', 'gender', GENDERS],
	['responses', 'age_group', AGE_GROUPS],
	['responses', 'ethnicity', ETHNICITIES],
	['users', 'role', ROLES],
	// admin and staff remain allowed only on tokens revoked by migration 004.
	['api_tokens', 'role', [...API_TOKEN_ROLES, 'admin', 'staff']],
	['dimensions', 'kind', [...new Set(DIMENSIONS.map((d) => d.kind))]],
	['kiosk_refusals', 'reason', KIOSK_REFUSALS],
	['survey_translations', 'language', EXTRA_LANGUAGES],
	['audio_clips', 'language', FORM_LANGUAGES],
	['petitions', 'category', PETITION_CATEGORIES],
	['petitions', 'source', PETITION_SOURCES],
	['petitions', 'state', PETITION_STATES],
	['petition_deadlines', 'category', PETITION_CATEGORIES],
	['alert_rules', 'rule', ALERT_RULES],
	['alert_recipients', 'role', ALERT_ROLES],
	['alert_recipients', 'mode', ALERT_MODES]
];

/**
 * The values a column's "column in (…)" CHECK allows, read back from the catalogue, where
 * Postgres keeps it as "(column = ANY (ARRAY['a'::text, 'b'::text]))".
 */
async function allowedValues(database: TestDatabase, table: string, column: string): Promise<string[]> {
	const { rows } = await sql<{ definition: string }>`
		select pg_get_constraintdef(oid) as definition from pg_constraint
		where contype = 'c' and conrelid = ${table}::regclass`.execute(database.db);
	const list = rows.map((r) => r.definition).find((d) => d.includes(`(${column} = ANY (ARRAY[`));
	return [...(list?.matchAll(/'([^']*)'::text/g) ?? [])].map((m) => m[1]!).sort();
}

async function liveColumns(database: TestDatabase): Promise<Record<string, string[]>> {
	const tables = await database.db.introspection.getTables();
	return Object.fromEntries(tables.map((t) => [t.name, t.columns.map((c) => c.name).sort()]));
}

describe.each(await databaseKinds())('migrations on %s', (kind) => {
	let database: TestDatabase;
	beforeAll(async () => {
		database = await emptyDatabase(kind);
	});
	afterAll(() => database?.drop());

	it('go up, down and up again, and the typed interface matches the live schema', async () => {
		const migrator = new Migrator({ db: database.db, provider: migrationProvider });
		const expected = Object.fromEntries(Object.entries(COLUMNS).map(([table, columns]) => [table, Object.keys(columns).sort()]));

		const up = await migrator.migrateToLatest();
		expect(up.error).toBeUndefined();
		expect(await liveColumns(database)).toEqual(expected);

		const down = await migrator.migrateTo(NO_MIGRATIONS);
		expect(down.error).toBeUndefined();
		expect(await liveColumns(database)).toEqual({});

		const again = await migrator.migrateToLatest();
		expect(again.error).toBeUndefined();
		expect(await liveColumns(database)).toEqual(expected);
	});

	it('allows in each checked column exactly the values of its shared list', async () => {
		for (const [table, column, values] of CHECKED_VALUES) {
			expect(await allowedValues(database, table, column), `${table}.${column}`).toEqual([...values].sort());
		}
	});

	it('refuses values the model forbids', async () => {
		const db = database.db;
		await expect(sql`insert into agencies (code, name_vi, name_en) values ('Bad Code!', 'x', 'x')`.execute(db)).rejects.toThrow();
		await expect(sql`insert into dimensions (key, position, kind, name_vi, name_en) values ('x', 99, 'other', 'x', 'x')`.execute(db)).rejects.toThrow();
	});
});
