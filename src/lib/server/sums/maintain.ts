/**
 * The sums feature: estimate_sums and daily_counts, the pre-aggregated sums every estimate is read
 * from instead of raw answers (README.md beside this file). A submission only stores its response,
 * unfolded; the folder (folder.ts) adds unfolded responses to the sums in batches; reports read the
 * folded sums plus the unfolded tail (read-sums.ts), so they are exact the moment a response is
 * accepted. This file changes the sums of given responses inside a caller's transaction:
 * applyToSums (fold / unfold) and reflagResponses (moderation).
 */
import { CompiledQuery, sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { foldSumsQuery } from './write-sums';
import { foldableNow, foldResponded } from './register-months';

/** The fold statement's SQL text per sign, the same for every call (only the ids are a parameter). */
const foldText = new Map<1 | -1, string>();

async function runFold(trx: Kysely<Database>, ids: number[], sign: 1 | -1): Promise<void> {
	// No JIT for this statement (its transaction only): its ~300 aggregates cost the planner enough
	// to be compiled at every batch, and compiling took longer than running it (10,000 responses in
	// batches of 300: 19 s with JIT, 2.6 s without). The rebuild does the same.
	await sql`set local jit = off`.execute(trx);
	let text = foldText.get(sign);
	// Built once: the folder should not assemble 40 KB of SQL for every batch.
	if (!text) foldText.set(sign, (text = foldSumsQuery(sql`r.id = any(${ids}::bigint[])`, sign).compile(trx).sql));
	await trx.executeQuery(CompiledQuery.raw(text, [ids]));
	if (sign === -1) await deleteEmptiedRows(trx, ids);
}

/**
 * Folds (sign 1) the given responses into the sums — those not folded yet — and marks them folded;
 * or unfolds (sign −1) those folded: takes their contribution away and marks them unfolded, for
 * the folder to add again. Inside the caller's transaction, after the answers are stored: the sums
 * and the folded flags never disagree, whatever commits or rolls back. The responses are locked
 * first, so two callers cannot fold one response twice. Returns how many changed.
 */
export async function applyToSums(trx: Kysely<Database>, responseIds: readonly number[], sign: 1 | -1): Promise<number> {
	if (responseIds.length === 0) return 0;
	// One array parameter, whatever the count: an import folds 100,000 responses at once.
	const { rows: locked } = await sql<{ id: number; agency_id: number; linked: boolean }>`
		select id, agency_id, dossier_id is not null as linked from responses
		where id = any(${[...responseIds]}::bigint[]) and folded = ${sign === -1}
		order by id for update`.execute(trx);
	// Responses with a dossier also count in register_months (its responded), and wait while their
	// agency's register is being written (register-months.ts).
	const { ids, linked } = await foldableNow(trx, locked);
	if (ids.length === 0) return 0;
	await runFold(trx, ids, sign);
	await sql`update responses set folded = ${sign === 1} where id = any(${ids}::bigint[])`.execute(trx);
	if (linked) await foldResponded(trx, ids, sign);
	return ids.length;
}

/** Deletes the sums rows of these responses' agencies and periods that no longer count anything. */
async function deleteEmptiedRows(trx: Kysely<Database>, ids: number[]): Promise<void> {
	await sql`
		with touched as (
			select distinct r.agency_id, local.day, date_trunc('month', local.day::timestamp)::date as month
			from responses r
			cross join lateral (select (r.submitted_at at time zone 'Asia/Ho_Chi_Minh')::date as day) as local
			where r.id = any(${ids}::bigint[])
		),
		sums as (
			delete from estimate_sums s using touched t
			where s.agency_id = t.agency_id and s.responses = 0
				and ((s.grain = 'day' and s.period_start = t.day) or (s.grain in ('month', 'cell') and s.period_start = t.month))
		)
		delete from daily_counts s using touched t
		where s.agency_id = t.agency_id and s.day = t.day and s.responses = 0`.execute(trx);
}

export interface ResponseFlags {
	spam: boolean;
	misuse: boolean;
}

export interface Reflagged {
	id: number;
	agencyId: number;
	before: ResponseFlags;
	after: ResponseFlags;
}

/**
 * Sets the spam and/or misuse flags of responses (comment moderation: flag as spam, restore). A
 * folded response whose "excluded" changes moves between the included and the excluded sums:
 * subtract under the old key, update the flags, add under the new key, in the caller's
 * transaction; an unfolded one just changes its flags (the folder adds it under the new key). The
 * rows are locked first, so two moderators, or a moderator and the folder, never count it twice.
 *
 * The caller scopes `ids` to the agency it is allowed to moderate. Returns the responses whose
 * flags changed, with their flags before and after (for the audit log); the others are untouched.
 */
export async function reflagResponses(
	trx: Kysely<Database>,
	ids: readonly number[],
	flags: { spam?: boolean; misuse?: boolean }
): Promise<Reflagged[]> {
	if (ids.length === 0 || (flags.spam === undefined && flags.misuse === undefined)) return [];
	const rows = await trx
		.selectFrom('responses')
		.select(['id', 'agency_id', 'flagged_spam', 'flagged_misuse', 'folded'])
		.where('id', 'in', [...ids])
		.orderBy('id')
		.forUpdate()
		.execute();

	const changed = rows
		.map((row) => {
			const before = { spam: row.flagged_spam, misuse: row.flagged_misuse };
			const after = { spam: flags.spam ?? before.spam, misuse: flags.misuse ?? before.misuse };
			return { id: row.id, agencyId: row.agency_id, before, after, folded: row.folded };
		})
		.filter((r) => r.before.spam !== r.after.spam || r.before.misuse !== r.after.misuse);
	if (changed.length === 0) return [];

	// Only a change of "excluded" (spam or misuse) moves a folded response to another sums row.
	const moved = changed.filter((r) => r.folded && isExcluded(r.before) !== isExcluded(r.after)).map((r) => r.id);
	if (moved.length) await runFold(trx, moved, -1);
	await trx
		.updateTable('responses')
		.set({
			...(flags.spam === undefined ? {} : { flagged_spam: flags.spam }),
			...(flags.misuse === undefined ? {} : { flagged_misuse: flags.misuse })
		})
		.where('id', 'in', changed.map((r) => r.id))
		.execute();
	if (moved.length) await runFold(trx, moved, 1);
	return changed.map(({ id, agencyId, before, after }) => ({ id, agencyId, before, after }));
}

const isExcluded = (flags: ResponseFlags) => flags.spam || flags.misuse;
