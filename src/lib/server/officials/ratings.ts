import { sql, type Kysely } from 'kysely';
import { accumulateResponse, emptySums, type DimensionKey, type EstimationSums, type ResponseCounts } from '../../sipas';
import { addMonths, type MonthKey } from '../../sipas/calendar';
import { audit } from '../audit/audit';
import type { Principal } from '../auth/principal';
import type { Database } from '../db/schema';
import { estimateSet } from '../estimates/cells';
import { goalsForYear } from '../goals/load-goals';
import { loadJudging, type EstimateOptions } from '../estimates';
import { rankingsOf, type Ranking } from '../report/ranking';

/**
 * Ratings by official (issue 11, SIPAS.md §9): each official's estimate per dimension and overall
 * for a month, from the verified responses (those that came through a dossier's invitation) of
 * the dossiers the official handled — a dossier with two officials counts for both — shrunk
 * towards the common level and ranked. For administrators and leaders only (capability
 * officials:read), every view audited; an official is listed only with at least `minimum`
 * responses in the month, and nothing here names a dossier, a response or a comment.
 *
 * Unlike every report, this reads raw answers: verified responses have no key of their own in the
 * pre-aggregated sums, and the officials of a dossier are not a sums key either. That is
 * acceptable here — a small page (one agency, one month, verified responses only), read rarely
 * and by few, each read audited — and it must not spread to the main report, which never scans
 * raw answers.
 */

export interface OfficialsRatings {
	month: MonthKey;
	minimum: number;
	/** Officials listed (at least `minimum` responses), by name. */
	listed: { id: number; name: string; code: string; responses: number }[];
	/** Officials with some verified responses but fewer than `minimum`: counted, not named. */
	hidden: number;
	rankings: Record<'overall' | DimensionKey, Ranking> | null;
}

interface Row {
	official_id: number;
	response_id: number;
	dimension_key: string;
	m: number;
	y: number;
}

/** Per official, per verified response, per dimension: answered (m) and satisfied (y). */
async function verifiedCounts(db: Kysely<Database>, agencyId: number, month: MonthKey): Promise<Row[]> {
	const next = addMonths(month, 1);
	const { rows } = await sql<Row>`
		select o.official_id, r.id as response_id, c.dimension_key,
			count(*) filter (where a.value between 1 and 5)::int as m,
			count(*) filter (where a.value in (4, 5))::int as y
		from responses r
		join dossier_officials o on o.dossier_id = r.dossier_id
		join answers a on a.response_id = r.id
		join criteria c on c.id = a.criterion_id
		where r.agency_id = ${agencyId}
			and r.dossier_id is not null
			and not r.flagged_spam and not r.flagged_misuse
			and r.submitted_at >= (${`${month}-01`}::date)::timestamp at time zone 'Asia/Ho_Chi_Minh'
			and r.submitted_at < (${`${next}-01`}::date)::timestamp at time zone 'Asia/Ho_Chi_Minh'
		group by 1, 2, 3`.execute(db);
	return rows;
}

/** The month's ratings; the caller has checked officials:read. The view itself is audited here. */
export async function officialsRatings(
	db: Kysely<Database>,
	actor: Principal,
	agencyId: number,
	month: MonthKey,
	options: EstimateOptions & { minimumOfficialResponses: number }
): Promise<OfficialsRatings> {
	const [rows, judging, officials] = await Promise.all([
		verifiedCounts(db, agencyId, month),
		loadJudging(db, agencyId, options),
		db.selectFrom('officials').select(['id', 'name', 'code']).where('agency_id', '=', agencyId).execute()
	]);
	// Each official's responses, and every verified response once (the common level counts a
	// dossier with two officials once).
	const byOfficial = new Map<number, Map<number, Record<string, { y: number; m: number }>>>();
	const all = new Map<number, Record<string, { y: number; m: number }>>();
	for (const row of rows) {
		let responses = byOfficial.get(row.official_id);
		if (!responses) byOfficial.set(row.official_id, (responses = new Map()));
		const counts = responses.get(row.response_id) ?? {};
		if (row.m > 0) counts[row.dimension_key] = { y: row.y, m: row.m };
		responses.set(row.response_id, counts);
		all.set(row.response_id, counts);
	}
	const sumsOf = (responses: Iterable<ResponseCounts>): EstimationSums => {
		const sums = emptySums();
		for (const counts of responses) accumulateResponse(sums, counts);
		return sums;
	};
	const minimum = options.minimumOfficialResponses;
	const names = new Map(officials.map((o) => [o.id, o]));
	const listed = [...byOfficial]
		.filter(([, responses]) => responses.size >= minimum)
		.map(([id, responses]) => ({ id, name: names.get(id)?.name ?? String(id), code: names.get(id)?.code ?? '', responses: responses.size, sums: sumsOf(responses.values()) }))
		.sort((a, b) => a.name.localeCompare(b.name, 'vi'));
	const goals = goalsForYear(judging.goals, Number(month.slice(0, 4)));
	const scope = estimateSet(sumsOf(all.values()), goals, options.minimumSample);
	const groups = listed.map((o) => ({ id: o.id, code: o.code, name: o.name, n: o.responses, ...estimateSet(o.sums, goals, options.minimumSample) }));

	await audit(db, actor, { agencyId, action: 'officials_ratings.view', entity: 'officials_ratings', entityId: month, after: { month, listed: listed.length } });
	return {
		month,
		minimum,
		listed: listed.map(({ id, name, code, responses }) => ({ id, name, code, responses })),
		hidden: byOfficial.size - listed.length,
		rankings: listed.length ? rankingsOf(groups, scope) : null
	};
}
