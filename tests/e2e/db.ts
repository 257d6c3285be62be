import pg from 'pg';
import { e2eDatabaseUrl } from './settings';

/** Reads what the app stored, straight from the e2e database. One short connection per call. */
export async function query<T extends Record<string, unknown> = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
	const client = new pg.Client({ connectionString: e2eDatabaseUrl() });
	await client.connect();
	try {
		const result = await client.query(text, params);
		return result.rows as T[];
	} finally {
		await client.end();
	}
}

export interface StoredResponse {
	id: string;
	submission_id: string;
	counter: string;
	survey_version_id: number;
	channel: string | null;
	respondent_type: string | null;
	gender: string | null;
	age_group: string | null;
	ethnicity: string | null;
	procedure_field: string | null;
	dossier_code: string | null;
	comment: string | null;
	flagged_misuse: boolean;
	source: string;
}

const responseColumns = `r.id::text as id, r.submission_id::text as submission_id, c.code as counter, r.survey_version_id,
	r.channel, r.respondent_type, r.gender, r.age_group, r.ethnicity, pf.name as procedure_field, r.dossier_code,
	r.comment, r.flagged_misuse, r.source`;

/** Every response stored for a counter, oldest first. */
export function responsesFor(counterCode: string): Promise<StoredResponse[]> {
	return query<StoredResponse & Record<string, unknown>>(
		`select ${responseColumns}
		 from responses r join counters c on c.id = r.counter_id left join procedure_fields pf on pf.id = r.procedure_field_id
		 where c.code = $1 order by r.id`,
		[counterCode]
	);
}

export async function countResponses(counterCode: string): Promise<number> {
	const [row] = await query<{ n: number }>(
		`select count(*)::int as n from responses r join counters c on c.id = r.counter_id where c.code = $1`,
		[counterCode]
	);
	return row!.n;
}

export async function responsesWithSubmissionId(submissionId: string): Promise<number> {
	const [row] = await query<{ n: number }>(`select count(*)::int as n from responses where submission_id = $1`, [submissionId]);
	return row!.n;
}

/** A response's answers as { criterion key: value }, value null meaning "Không áp dụng". */
export async function answersOf(responseId: string): Promise<Record<string, number | null>> {
	const rows = await query<{ key: string; value: number | null }>(
		`select cr.key, a.value from answers a join criteria cr on cr.id = a.criterion_id where a.response_id = $1 order by cr.position`,
		[responseId]
	);
	return Object.fromEntries(rows.map((r) => [r.key, r.value]));
}

/** The id of the active survey version (the seeded version 1). */
export async function activeSurveyVersion(): Promise<number> {
	const [row] = await query<{ id: number }>(`select id from survey_versions where active order by id limit 1`);
	return row!.id;
}

/**
 * A counter of the seeded agency for one spec's own use (the seeded counters belong to other
 * specs' counts). Deactivate it after the spec, so that the home page lists the seeded ones only.
 */
export async function addCounter(code: string, name: string, nameEn: string | null = null): Promise<void> {
	await query(
		`insert into counters (agency_id, unit_id, code, name)
		 select u.agency_id, u.id, $1, $2 from units u join agencies a on a.id = u.agency_id
		 where a.code = 'sct-gialai' order by u.id limit 1`,
		[code, name]
	);
	if (nameEn !== null) await query(`update counters set name_en = $2 where code = $1`, [code, nameEn]);
}

export async function deactivateCounter(code: string): Promise<void> {
	await query(`update counters set active = false where code = $1`, [code]);
}
