/**
 * The sums feature: estimate_sums and criterion_sums, the pre-aggregated sums every estimate is read
 * from instead of raw answers (README.md beside this file). It writes them — applyToSums and
 * reflagResponses here, inside the transaction that writes or re-flags responses; rebuildSums
 * (rebuild.ts); the SQL of both (write-sums.ts, rendered in sql/) — and reads them by scope and
 * period (read-sums.ts); columns.ts is their one column list. It judges nothing (estimates/ does),
 * and a response never changes without its sums in the same transaction.
 */
import { CompiledQuery, sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { upsertSumsQuery } from './write-sums';

/** The upsert's SQL text, the same for every call (only the sign and the ids are parameters). */
let upsertText: string | undefined;

/**
 * Keeps estimate_sums and criterion_sums in step with responses (see migrations/…_003).
 * Adds (sign = 1) or takes away (sign = −1) the contribution of the given responses, computed
 * from their stored answers, at day and month grain, under each response's key (its day and month
 * in Asia/Ho_Chi_Minh, counter, procedure field, channel, source, and whether it is excluded).
 *
 * Call it inside the transaction that writes or re-flags the responses, after their answers are
 * stored (sign 1) or before their key changes (sign −1): the sums then never disagree with the
 * responses, whatever commits or rolls back. Rows emptied by a subtraction are deleted, so the
 * tables hold exactly what a rebuild would.
 */
export async function applyToSums(trx: Kysely<Database>, responseIds: readonly number[], sign: 1 | -1): Promise<void> {
	if (responseIds.length === 0) return;
	const ids = [...responseIds];
	// Built once, not per submission: the hot path should not assemble 17 KB of SQL each time.
	upsertText ??= upsertSumsQuery(sql`r.id = any(${ids}::bigint[])`, sign).compile(trx).sql;
	await trx.executeQuery(CompiledQuery.raw(upsertText, [sign, ids]));
	if (sign === -1) await deleteEmptiedRows(trx, ids);
}

/** Deletes the sums rows of these responses' agencies and periods that no longer count anything. */
async function deleteEmptiedRows(trx: Kysely<Database>, ids: number[]): Promise<void> {
	await sql`
		with touched as (
			select distinct r.agency_id, g.grain, g.period_start
			from responses r
			cross join lateral (select (r.submitted_at at time zone 'Asia/Ho_Chi_Minh')::date as day) as local
			cross join lateral (values ('day', local.day), ('month', date_trunc('month', local.day::timestamp)::date)) as g (grain, period_start)
			where r.id = any(${ids}::bigint[])
		),
		estimates as (
			delete from estimate_sums s using touched t
			where s.agency_id = t.agency_id and s.grain = t.grain and s.period_start = t.period_start and s.responses = 0
		)
		delete from criterion_sums s using touched t
		where s.agency_id = t.agency_id and s.grain = t.grain and s.period_start = t.period_start
			and s.v1 + s.v2 + s.v3 + s.v4 + s.v5 + s.na = 0`.execute(trx);
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
 * Sets the spam and/or misuse flags of responses (comment moderation: flag as spam, restore) and
 * moves their contribution between the included and the excluded sums: subtract under the old
 * key, update the flags, add under the new key — all in the caller's transaction. The rows are
 * locked first, so two moderators flagging the same response cannot subtract it twice.
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
		.select(['id', 'agency_id', 'flagged_spam', 'flagged_misuse'])
		.where('id', 'in', [...ids])
		.orderBy('id')
		.forUpdate()
		.execute();

	const changed: Reflagged[] = rows
		.map((row) => {
			const before = { spam: row.flagged_spam, misuse: row.flagged_misuse };
			const after = { spam: flags.spam ?? before.spam, misuse: flags.misuse ?? before.misuse };
			return { id: row.id, agencyId: row.agency_id, before, after };
		})
		.filter((r) => r.before.spam !== r.after.spam || r.before.misuse !== r.after.misuse);
	if (changed.length === 0) return [];

	// Only a change of "excluded" (spam or misuse) moves a response to another sums row.
	const moved = changed.filter((r) => isExcluded(r.before) !== isExcluded(r.after)).map((r) => r.id);
	await applyToSums(trx, moved, -1);
	await trx
		.updateTable('responses')
		.set({
			...(flags.spam === undefined ? {} : { flagged_spam: flags.spam }),
			...(flags.misuse === undefined ? {} : { flagged_misuse: flags.misuse })
		})
		.where('id', 'in', changed.map((r) => r.id))
		.execute();
	await applyToSums(trx, moved, 1);
	return changed;
}

const isExcluded = (flags: ResponseFlags) => flags.spam || flags.misuse;
