import { sql, type Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../db/schema';
import { storableText } from '../db/limits';
import { resolveScope } from '../scope/resolve-scope';

/**
 * The comments citizens left, newest first, with the answers beside them, for staff to read and
 * moderate. Every query is scoped by the agency id.
 *
 * A response given through a dossier's invitation is pseudonymous (README "Privacy"): its dossier
 * is shown only when the citizen ticked "Tôi muốn được liên hệ lại về góp ý này" (wants_contact),
 * so staff can find the dossier and call back. Without the tick nothing here says it is linked.
 */

export const COMMENTS_PER_PAGE = 20;
export const SEARCH_MAX = 100;
export const COMMENT_STATES = ['all', 'counted', 'flagged'] as const;
export type CommentState = (typeof COMMENT_STATES)[number];

export interface CommentQuery {
	q: string;
	counter: string;
	state: CommentState;
	page: number;
}

const querySchema = z.object({
	q: z.string().max(SEARCH_MAX).refine(storableText, { message: 'dashboard.comments.error.searchCharacter' }).default(''),
	counter: z.union([z.literal(''), z.string().regex(/^[a-z0-9][a-z0-9-]{1,39}$/)]).default(''),
	state: z.enum(COMMENT_STATES).default('all'),
	page: z.string().regex(/^[1-9]\d{0,5}$/).transform(Number).default(1)
});

export type CommentQueryProblem =
	| 'dashboard.comments.error.search'
	| 'dashboard.comments.error.searchCharacter'
	| 'dashboard.comments.error.counter'
	| 'dashboard.comments.error.state'
	| 'dashboard.comments.error.page';

const PROBLEM: Record<keyof CommentQuery, CommentQueryProblem> = {
	q: 'dashboard.comments.error.search',
	counter: 'dashboard.comments.error.counter',
	state: 'dashboard.comments.error.state',
	page: 'dashboard.comments.error.page'
};

/** The list's query string: search text, counter code, which responses, page. */
export function parseCommentQuery(params: URLSearchParams): { ok: true; query: CommentQuery } | { ok: false; query: CommentQuery; problems: CommentQueryProblem[] } {
	const raw = {
		q: (params.get('q') ?? '').trim(),
		counter: (params.get('counter') ?? '').trim(),
		state: params.get('state') || undefined,
		page: params.get('page') || undefined
	};
	const parsed = querySchema.safeParse(raw);
	if (parsed.success) return { ok: true, query: parsed.data };
	const problems = [
		...new Set(
			parsed.error.issues.map((issue) =>
				issue.message === 'dashboard.comments.error.searchCharacter' ? issue.message : PROBLEM[issue.path[0] as keyof CommentQuery]
			)
		)
	];
	// The list is still shown, unfiltered by a search Postgres could not run (a NUL character).
	const q = storableText(raw.q) ? raw.q.slice(0, SEARCH_MAX) : '';
	return { ok: false, query: { q, counter: '', state: 'all', page: 1 }, problems };
}

/** A search text as an ILIKE pattern that matches it literally: % and _ (and \) escaped. */
export function containsPattern(text: string): string {
	return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export interface CommentAnswer {
	key: string;
	/** 1–5, or null for "Không áp dụng". */
	value: number | null;
}

export interface CommentRow {
	id: number;
	submittedAt: Date;
	counterCode: string;
	counterName: string;
	comment: string;
	flaggedSpam: boolean;
	flaggedMisuse: boolean;
	/** The dossier's code when the citizen asked to be contacted about this comment, else null. */
	contactDossier: string | null;
	answers: CommentAnswer[];
}

export interface CommentPage {
	rows: CommentRow[];
	total: number;
	page: number;
	pages: number;
}

/** A page of the list. A counter code that is not the agency's finds nothing, like one that does not exist. */
export async function listComments(db: Kysely<Database>, agencyId: number, query: CommentQuery): Promise<CommentPage> {
	const scoped = await resolveScope(db, agencyId, { counterCode: query.counter || undefined });
	if (!scoped.ok) return { total: 0, page: 1, pages: 1, rows: [] };
	const { counterId } = scoped.scope;
	let base = db
		.selectFrom('responses as r')
		.innerJoin('counters as c', 'c.id', 'r.counter_id')
		.where('r.agency_id', '=', agencyId)
		.where('r.comment', 'is not', null)
		.where(sql<boolean>`btrim(r.comment) <> ''`);
	if (query.q) base = base.where(sql<boolean>`r.comment ilike ${containsPattern(query.q)} escape '\\'`);
	if (counterId !== undefined) base = base.where('r.counter_id', '=', counterId);
	if (query.state === 'counted') base = base.where('r.flagged_spam', '=', false).where('r.flagged_misuse', '=', false);
	if (query.state === 'flagged') base = base.where((eb) => eb.or([eb('r.flagged_spam', '=', true), eb('r.flagged_misuse', '=', true)]));

	const { total } = await base.select((eb) => eb.fn.countAll<number | string>().as('total')).executeTakeFirstOrThrow();
	const count = Number(total);
	const pages = Math.max(1, Math.ceil(count / COMMENTS_PER_PAGE));
	const page = Math.min(query.page, pages);
	const responses = await base
		// Only with the citizen's permission: the join itself carries the condition.
		.leftJoin('dossiers as d', (join) => join.onRef('d.id', '=', 'r.dossier_id').onRef('d.agency_id', '=', 'r.agency_id').on('r.wants_contact', '=', true))
		.select([
			'r.id',
			'r.submitted_at',
			'r.comment',
			'r.flagged_spam',
			'r.flagged_misuse',
			'c.code as counter_code',
			'c.name as counter_name',
			'd.code as contact_dossier'
		])
		.orderBy('r.submitted_at', 'desc')
		.orderBy('r.id', 'desc')
		.limit(COMMENTS_PER_PAGE)
		.offset((page - 1) * COMMENTS_PER_PAGE)
		.execute();

	const answers = await answersOf(db, agencyId, responses.map((r) => r.id));
	return {
		total: count,
		page,
		pages,
		rows: responses.map((r) => ({
			id: r.id,
			submittedAt: r.submitted_at,
			counterCode: r.counter_code,
			counterName: r.counter_name,
			comment: r.comment ?? '',
			flaggedSpam: r.flagged_spam,
			flaggedMisuse: r.flagged_misuse,
			contactDossier: r.contact_dossier ?? null,
			answers: answers.get(r.id) ?? []
		}))
	};
}

/** The answers of some responses of the agency, in questionnaire order. */
async function answersOf(db: Kysely<Database>, agencyId: number, ids: number[]): Promise<Map<number, CommentAnswer[]>> {
	const byResponse = new Map<number, CommentAnswer[]>();
	if (ids.length === 0) return byResponse;
	const rows = await db
		.selectFrom('answers as a')
		.innerJoin('responses as r', 'r.id', 'a.response_id')
		.innerJoin('criteria as cr', 'cr.id', 'a.criterion_id')
		.select(['a.response_id', 'cr.key', 'a.value'])
		.where('r.agency_id', '=', agencyId)
		.where('a.response_id', 'in', ids)
		.orderBy('a.response_id')
		.orderBy('cr.position')
		.execute();
	for (const row of rows) {
		const list = byResponse.get(row.response_id) ?? byResponse.set(row.response_id, []).get(row.response_id)!;
		list.push({ key: row.key, value: row.value });
	}
	return byResponse;
}
