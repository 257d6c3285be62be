import { sql, type Kysely, type RawBuilder } from 'kysely';
import { DIMENSION_KEYS } from '../../sipas';
import type { Database } from '../db/schema';
import { dimensionOfCriterion, type ResolvedPeriod } from '../estimates';
import type { Scope } from '../scope/scope';

/**
 * The raw responses of a dashboard scope and period, one record per response with its answers,
 * read in keyset batches (submitted_at, id) so an export of a million responses holds one batch
 * in memory at a time. This reads the responses table on purpose: an export is the raw data, not
 * an estimate.
 *
 * Values are the stored codes (channel in_person, source paper, …), as the API and the paper
 * import write them; answers 1–5, 'NA' for "Không áp dụng", empty for a skipped statement.
 *
 * dossier_code is the code a citizen typed on a counter's survey or a paper form; for a response
 * given through a dossier's invitation (pseudonymous, README "Privacy") it is the dossier's code
 * only when the citizen ticked "Tôi muốn được liên hệ lại về góp ý này" (wants_contact), and empty
 * otherwise, so an export never tells which dossier a response came from without that permission.
 */

export const FIXED_COLUMNS = [
	'id',
	'submitted_at',
	'counter',
	'unit',
	'procedure_field',
	'channel',
	'source',
	'respondent_type',
	'gender',
	'age_group',
	'ethnicity',
	'dossier_code',
	'flagged_spam',
	'flagged_misuse'
] as const;

export interface RawResponseRow {
	id: number;
	submittedAt: Date;
	/** 'yyyy-mm-dd HH:MM:SS' in Asia/Ho_Chi_Minh. */
	submittedLocal: string;
	counter: string;
	unit: string;
	procedureField: string | null;
	channel: string | null;
	source: string;
	respondentType: string | null;
	gender: string | null;
	ageGroup: string | null;
	ethnicity: string | null;
	dossierCode: string | null;
	flaggedSpam: boolean;
	flaggedMisuse: boolean;
	comment: string | null;
	/** By criterion key: 1–5, or null for N/A; a key that is absent was skipped. */
	answers: Map<string, number | null>;
}

/** Every criterion key of the agency's questionnaires, in questionnaire order (PA1 … PK4). */
export async function criterionKeys(db: Kysely<Database>, agencyId: number): Promise<string[]> {
	const rows = await db
		.selectFrom('criteria')
		.innerJoin('survey_versions', 'survey_versions.id', 'criteria.survey_version_id')
		.select('criteria.key')
		.distinct()
		.where('survey_versions.agency_id', '=', agencyId)
		.execute();
	const order = (key: string) => {
		const dimension = dimensionOfCriterion(key);
		return (dimension ? DIMENSION_KEYS.indexOf(dimension) : DIMENSION_KEYS.length) * 1000 + Number(key.slice(2));
	};
	return rows.map((r) => r.key).sort((a, b) => order(a) - order(b) || a.localeCompare(b));
}

/** The responses of a scope and period: the same rules as the estimates' (SIPAS.md §4). */
function responseConditions(scope: Scope, period: ResolvedPeriod): RawBuilder<unknown> {
	const conditions = [
		sql`r.agency_id = ${scope.agencyId}`,
		// Local days: from 00:00 of the first day to 00:00 after the last, Asia/Ho_Chi_Minh.
		sql`r.submitted_at >= (${period.first}::date::timestamp at time zone 'Asia/Ho_Chi_Minh')`,
		sql`r.submitted_at < ((${period.last}::date + 1)::timestamp at time zone 'Asia/Ho_Chi_Minh')`
	];
	if (scope.unitId !== undefined) conditions.push(sql`c.unit_id = ${scope.unitId}`);
	if (scope.counterId !== undefined) conditions.push(sql`r.counter_id = ${scope.counterId}`);
	if (scope.procedureFieldId !== undefined) conditions.push(sql`r.procedure_field_id = ${scope.procedureFieldId}`);
	if (scope.channel !== undefined) conditions.push(sql`r.channel = ${scope.channel}`);
	if (scope.source !== undefined) conditions.push(sql`r.source = ${scope.source}`);
	if (scope.verified !== undefined) conditions.push(scope.verified ? sql`r.dossier_id is not null` : sql`r.dossier_id is null`);
	if (!scope.includeExcluded) conditions.push(sql`not (r.flagged_spam or r.flagged_misuse)`);
	return sql.join(conditions, sql` and `);
}

export async function countRawResponses(db: Kysely<Database>, scope: Scope, period: ResolvedPeriod): Promise<number> {
	const { rows } = await sql<{ n: number | string }>`
		select count(*) as n from responses r join counters c on c.id = r.counter_id
		where ${responseConditions(scope, period)}`.execute(db);
	return Number(rows[0]?.n ?? 0);
}

export const BATCH_SIZE = 2000;

/** The responses in batches, oldest first. */
export async function* rawResponseBatches(
	db: Kysely<Database>,
	scope: Scope,
	period: ResolvedPeriod,
	batchSize = BATCH_SIZE
): AsyncGenerator<RawResponseRow[]> {
	// The keyset's time travels as Postgres text: a JS Date would drop the microseconds and
	// return the batch's last row again.
	let after: { at: string; id: number } | null = null;
	for (;;) {
		const keyset: RawBuilder<unknown> = after ? sql`and (r.submitted_at, r.id) > (${after.at}::timestamptz, ${after.id}::bigint)` : sql``;
		const { rows } = await sql<{
			id: number | string;
			submitted_at: Date;
			keyset_at: string;
			submitted_local: string;
			counter: string;
			unit: string;
			procedure_field: string | null;
			channel: string | null;
			source: string;
			respondent_type: string | null;
			gender: string | null;
			age_group: string | null;
			ethnicity: string | null;
			dossier_code: string | null;
			flagged_spam: boolean;
			flagged_misuse: boolean;
			comment: string | null;
		}>`
			select r.id, r.submitted_at, r.submitted_at::text as keyset_at,
				to_char(r.submitted_at at time zone 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD HH24:MI:SS') as submitted_local,
				c.code as counter, u.name as unit, pf.name as procedure_field, r.channel, r.source,
				r.respondent_type, r.gender, r.age_group, r.ethnicity, coalesce(d.code, r.dossier_code) as dossier_code,
				r.flagged_spam, r.flagged_misuse, r.comment
			from responses r
			join counters c on c.id = r.counter_id
			join units u on u.id = c.unit_id
			left join procedure_fields pf on pf.id = r.procedure_field_id
			left join dossiers d on d.id = r.dossier_id and d.agency_id = r.agency_id and r.wants_contact
			where ${responseConditions(scope, period)} ${keyset}
			order by r.submitted_at, r.id
			limit ${batchSize}`.execute(db);
		if (rows.length === 0) return;

		const ids = rows.map((r) => Number(r.id));
		const answers = await sql<{ response_id: number | string; key: string; value: number | null }>`
			select a.response_id, cr.key, a.value
			from answers a join criteria cr on cr.id = a.criterion_id
			where a.response_id = any(${ids}::bigint[])`.execute(db);
		const byResponse = new Map<number, Map<string, number | null>>();
		for (const a of answers.rows) {
			const id = Number(a.response_id);
			(byResponse.get(id) ?? byResponse.set(id, new Map()).get(id)!).set(a.key, a.value === null ? null : Number(a.value));
		}

		yield rows.map((r) => ({
			id: Number(r.id),
			submittedAt: new Date(r.submitted_at),
			submittedLocal: r.submitted_local,
			counter: r.counter,
			unit: r.unit,
			procedureField: r.procedure_field,
			channel: r.channel,
			source: r.source,
			respondentType: r.respondent_type,
			gender: r.gender,
			ageGroup: r.age_group,
			ethnicity: r.ethnicity,
			dossierCode: r.dossier_code,
			flaggedSpam: r.flagged_spam,
			flaggedMisuse: r.flagged_misuse,
			comment: r.comment,
			answers: byResponse.get(Number(r.id)) ?? new Map()
		}));
		if (rows.length < batchSize) return;
		const last = rows.at(-1)!;
		after = { at: last.keyset_at, id: Number(last.id) };
	}
}

/** An answer as an export writes it: the number, 'NA', or nothing for a skipped statement. */
export function answerCell(answers: Map<string, number | null>, key: string): number | 'NA' | null {
	if (!answers.has(key)) return null;
	return answers.get(key) ?? 'NA';
}

/** The header of a raw export: fixed columns, one per criterion key, then the comment. */
export function rawHeader(keys: readonly string[]): string[] {
	return [...FIXED_COLUMNS, ...keys, 'comment'];
}

/** A record's values in header order. */
export function rawValues(row: RawResponseRow, keys: readonly string[]): (string | number | boolean | null)[] {
	return [
		row.id,
		row.submittedLocal,
		row.counter,
		row.unit,
		row.procedureField,
		row.channel,
		row.source,
		row.respondentType,
		row.gender,
		row.ageGroup,
		row.ethnicity,
		row.dossierCode,
		row.flaggedSpam,
		row.flaggedMisuse,
		...keys.map((key) => answerCell(row.answers, key)),
		row.comment
	];
}
