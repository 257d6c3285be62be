/**
 * Synthetic responses for the report benchmark, written by set-based SQL in one transaction (no
 * per-row round trips): responses spread evenly over 2024–2025 in Asia/Ho_Chi_Minh time across the
 * agency's counters, procedure fields, channels and sources, 1% flagged; each answers the 28
 * criteria with ~4% skipped and ~10% "Không áp dụng", with a satisfaction that differs by counter.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../src/lib/server/db/schema';

/** 00:00 on 1 January 2024 in Asia/Ho_Chi_Minh; the data ends 731 days later (end of 2025). */
export const FIRST_MONTH = '2024-01';
export const LAST_MONTH = '2025-12';
const START = '2023-12-31T17:00:00Z';
const DAYS = 731;

export async function generateResponses(db: Kysely<Database>, agencyId: number, count: number): Promise<{ responses: number; answers: number }> {
	return db.transaction().execute(async (trx) => {
		// A bulk load, as pg_restore --disable-triggers does it: every key below is taken from the
		// agency's own rows, so the foreign-key triggers (one query per answer) are skipped.
		await sql`set local session_replication_role = replica`.execute(trx);
		await sql`set local max_parallel_workers_per_gather = 0`.execute(trx);
		await sql`select setseed(0.2024)`.execute(trx);

		// Realistic spread, which sets the size of the sums tables: a citizen answers at the counter
		// (mostly in person, online through the QR code, a tenth on paper), and each counter serves
		// mostly its unit's own procedure field.
		const responses = await sql`
			with refs as (
				select
					(select array_agg(id order by id) from counters where agency_id = ${agencyId}) as counters,
					(select array_agg(id order by id) from procedure_fields where agency_id = ${agencyId}) as fields,
					(select id from survey_versions where agency_id = ${agencyId} and active) as version
			),
			drawn as (
				select floor(random() * cardinality(refs.counters))::int as counter, random() as field,
					${START}::timestamptz + random() * interval '${sql.raw(String(DAYS))} days' as submitted_at, refs.*
				from refs, generate_series(1, ${count})
			)
			insert into responses (agency_id, counter_id, survey_version_id, submission_id, submitted_at, source, channel,
				procedure_field_id, flagged_spam, flagged_misuse)
			select ${agencyId},
				counters[1 + counter],
				version,
				gen_random_uuid(),
				submitted_at,
				case when random() < 0.1 then 'paper' else 'online' end,
				(array['in_person', 'in_person', 'in_person', 'in_person', 'in_person', 'in_person', 'in_person', 'in_person', 'online', 'postal'])[1 + floor(random() * 10)::int],
				case when field < 0.1 then null
					when field < 0.85 then fields[1 + counter % cardinality(fields)]
					else fields[1 + floor(random() * cardinality(fields))::int] end,
				random() < 0.005,
				random() < 0.005
			from drawn
			-- In the order they would arrive, as in a real database: ids follow time.
			order by submitted_at`.execute(trx);

		// Counter quality: the share of 4–5 answers goes from about 68% to 88% across counters.
		const answers = await sql`
			insert into answers (response_id, criterion_id, value)
			select response_id, criterion_id,
				case when u < 0.14 then null
					when v < 0.68 + 0.2 * ((counter_id % 7) / 6.0) then 4 + floor(w * 2)::int
					else 1 + floor(w * 3)::int end
			from (
				select r.id as response_id, r.counter_id, c.id as criterion_id, random() as u, random() as v, random() as w
				from responses r
				cross join lateral (select id from criteria where survey_version_id = r.survey_version_id) as c
				where r.agency_id = ${agencyId}
			) as drawn
			where u >= 0.04
			-- Response by response, as submissions write them: the primary key fills from left to right.
			order by response_id, criterion_id`.execute(trx);
		return { responses: Number(responses.numAffectedRows ?? 0), answers: Number(answers.numAffectedRows ?? 0) };
	});
}
