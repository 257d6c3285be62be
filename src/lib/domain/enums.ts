/**
 * The closed lists of values the database stores, each written once. Validation, the paper import,
 * the dashboard filters, the report API, the typed schema, roles and the forms all read them from
 * here, so a value cannot be accepted in one place and refused in another. Each list matches a
 * CHECK constraint of migrations/ (tests/integration/migrations.test.ts holds them together);
 * changing one means a migration too.
 *
 * Pure: no server or framework import, so components import these lists as well. The order is
 * the order forms offer the values in.
 */

/** How the citizen came to the counter's service (responses.channel). */
export const CHANNELS = ['in_person', 'online', 'postal'] as const;
export type Channel = (typeof CHANNELS)[number];

/** How the response reached us: the online form (or the JSON API), or a paper questionnaire imported later. */
export const RESPONSE_SOURCES = ['online', 'paper'] as const;
export type ResponseSource = (typeof RESPONSE_SOURCES)[number];

// The optional profile questions of a response.
export const RESPONDENT_TYPES = ['individual', 'organisation'] as const;
export type RespondentType = (typeof RESPONDENT_TYPES)[number];
export const GENDERS = ['female', 'male', 'other'] as const;
export type Gender = (typeof GENDERS)[number];
export const AGE_GROUPS = ['under_30', '30_44', '45_59', '60_plus'] as const;
export type AgeGroup = (typeof AGE_GROUPS)[number];
export const ETHNICITIES = ['kinh', 'jrai', 'bahnar', 'other'] as const;
export type Ethnicity = (typeof ETHNICITIES)[number];

/** The roles inside one agency, most rights first; also the roles an API token may hold. */
export const AGENCY_ROLES = ['admin', 'staff', 'leader'] as const;
export type AgencyRole = (typeof AGENCY_ROLES)[number];

/** Every role: a province administrator belongs to no agency and acts on all of them. */
export const ROLES = ['province_admin', ...AGENCY_ROLES] as const;
export type Role = (typeof ROLES)[number];

/**
 * What an API token may be (migrations/…_004_token_roles.ts): `leader` reads reports,
 * `integration` writes the dossier register. Older tokens of other roles were revoked.
 */
export const API_TOKEN_ROLES = ['leader', 'integration'] as const;
export type ApiTokenRole = (typeof API_TOKEN_ROLES)[number];

/** What a petition (phản ánh, kiến nghị) is about; each has its own deadline in working days. */
export const PETITION_CATEGORIES = ['procedures', 'regulations', 'official_attitude', 'results', 'other'] as const;
export type PetitionCategory = (typeof PETITION_CATEGORIES)[number];

/** Where a petition came from: the survey, the public form, or staff entering one received otherwise. */
export const PETITION_SOURCES = ['survey', 'public_form', 'paper', 'phone', 'counter'] as const;
export type PetitionSource = (typeof PETITION_SOURCES)[number];
/** The sources staff may enter by hand. */
export const STAFF_PETITION_SOURCES = ['paper', 'phone', 'counter'] as const;

/** A petition's life: received → assigned → answered → closed, or declined with a reason. */
export const PETITION_STATES = ['received', 'assigned', 'answered', 'closed', 'declined'] as const;
export type PetitionState = (typeof PETITION_STATES)[number];

/** Alert rules an agency may turn off, who receives alerts, and how. */
export const ALERT_RULES = ['very_dissatisfied', 'attitude_case', 'deadline', 'dimension_below'] as const;
export type AlertRule = (typeof ALERT_RULES)[number];
export const ALERT_ROLES = ['agency_leader', 'unit_leader', 'official'] as const;
export type AlertRole = (typeof ALERT_ROLES)[number];
export const ALERT_MODES = ['immediate', 'digest'] as const;
export type AlertMode = (typeof ALERT_MODES)[number];
