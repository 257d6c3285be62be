import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { PaperResponse } from './rows';
import { NA_CODE, SKIPPED } from './values';

/**
 * Writes valid paper questionnaires with set-based statements: each batch of responses is one
 * INSERT … SELECT FROM unnest(arrays), and its answers one more, so 100,000 rows take a few dozen
 * statements rather than millions.
 */
export interface StoreTarget {
	agencyId: number;
	surveyVersionId: number;
	/** criteria.id for each position of PaperResponse.answers. */
	criterionIds: readonly number[];
}

/** Rows per statement: large enough to amortise a round trip, small enough for modest parameter arrays. */
const BATCH = 5000;

/** The first key of the advisory lock that lets one import at a time run per agency. */
const IMPORT_LOCK = 0x1d0c;

/**
 * Stores the responses inside the caller's transaction and returns the ids of those inserted.
 * A row whose external_id the agency already has is skipped (responses_agency_external_id_key).
 * Imports of one agency take turns, so the same file uploaded twice at once is stored once and
 * the second upload reports its rows as already imported.
 */
export async function storePaperResponses(trx: Kysely<Database>, target: StoreTarget, responses: readonly PaperResponse[]): Promise<number[]> {
	await sql`select pg_advisory_xact_lock(${IMPORT_LOCK}, ${target.agencyId})`.execute(trx);
	const inserted: number[] = [];
	for (let start = 0; start < responses.length; start += BATCH) {
		const batch = responses.slice(start, start + BATCH);
		const submissionIds = batch.map(() => randomUUID());
		const { rows } = await sql<{ id: number; submission_id: string }>`
			insert into responses (agency_id, survey_version_id, source, counter_id, submission_id, submitted_at, channel,
				respondent_type, gender, age_group, ethnicity, procedure_field_id, dossier_code, comment, external_id)
			select ${target.agencyId}::int, ${target.surveyVersionId}::int, 'paper', u.*
			from unnest(
				${batch.map((r) => r.counterId)}::int[],
				${submissionIds}::uuid[],
				${batch.map((r) => r.submittedAt.toISOString())}::timestamptz[],
				${batch.map((r) => r.channel)}::text[],
				${batch.map((r) => r.respondentType)}::text[],
				${batch.map((r) => r.gender)}::text[],
				${batch.map((r) => r.ageGroup)}::text[],
				${batch.map((r) => r.ethnicity)}::text[],
				${batch.map((r) => r.procedureFieldId)}::int[],
				${batch.map((r) => r.dossierCode)}::text[],
				${batch.map((r) => r.comment)}::text[],
				${batch.map((r) => r.externalId)}::text[]
			) as u
			on conflict (agency_id, external_id) where external_id is not null do nothing
			returning id, submission_id`.execute(trx);
		if (rows.length === 0) continue;

		const idBySubmission = new Map(rows.map((r) => [r.submission_id, r.id]));
		const responseIds: number[] = [];
		const criterionIds: number[] = [];
		const values: (number | null)[] = [];
		batch.forEach((response, i) => {
			const id = idBySubmission.get(submissionIds[i]!);
			if (id === undefined) return; // already imported
			inserted.push(id);
			const answers = response.answers;
			for (let c = 0; c < answers.length; c++) {
				const code = answers[c]!;
				if (code === SKIPPED) continue; // a skipped statement has no row
				responseIds.push(id);
				criterionIds.push(target.criterionIds[c]!);
				values.push(code === NA_CODE ? null : code); // N/A is NULL, never a number
			}
		});
		if (responseIds.length) {
			await sql`
				insert into answers (response_id, criterion_id, value)
				select * from unnest(${responseIds}::bigint[], ${criterionIds}::int[], ${values}::smallint[])`.execute(trx);
		}
	}
	return inserted;
}

/** How many of these external ids the agency has already (for a check-only run, which stores nothing). */
export async function countKnownExternalIds(db: Kysely<Database>, agencyId: number, externalIds: readonly string[]): Promise<number> {
	if (externalIds.length === 0) return 0;
	const { rows } = await sql<{ known: number }>`
		select count(*)::int as known from responses
		where agency_id = ${agencyId} and external_id = any(${externalIds}::text[])`.execute(db);
	return rows[0]!.known;
}
