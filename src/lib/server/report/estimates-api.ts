import type { Kysely } from 'kysely';
import { z } from 'zod';
import { CHANNELS, RESPONSE_SOURCES } from '../../domain/enums';
import { DIMENSION_KEYS, type DimensionKey, type IndexKey } from '../../sipas';
import type { Database } from '../db/schema';
import { FIRST_REPORT_YEAR, inReportYears, LAST_REPORT_YEAR, monthsBetween } from '../../sipas/calendar';
import { DEFAULT_MINIMUM_CELL } from '../../sipas';
import {
	cellForKey,
	estimateMonths,
	estimateMonthsWeighted,
	weightedCellForKey,
	type DualPeriodEstimate,
	type WeightingOptions,
	loadJudging,
	plainCell,
	type EstimateCell,
	type EstimateOptions,
	type PeriodEstimate,
	type PeriodKind
} from '../estimates';
import { resolveScope, type UnknownInScope } from '../scope/resolve-scope';
import type { Scope } from '../scope/scope';

/**
 * GET /api/v1/agencies/{agency}/estimates: the query string, checked with Zod, and the JSON
 * answer (README "Report API"). Kept out of the route so that the rules are plain functions.
 */

/** The longest series one request may ask for: five years of months. */
export const MAX_MONTHS = 60;

const month = z
	.string()
	.regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month written YYYY-MM, e.g. 2024-07')
	.refine(inReportYears, `must be a month from ${FIRST_REPORT_YEAR}-01 to ${LAST_REPORT_YEAR}-12`);
const id = z
	.string()
	.regex(/^[1-9]\d{0,8}$/, 'must be a positive whole number (an id)')
	.transform(Number);

const querySchema = z
	.object({
		from: month,
		to: month,
		period: z.enum(['month', 'quarter', 'ytd', 'rolling3'], { error: 'must be one of month, quarter, ytd, rolling3' }).default('month'),
		unit: id.optional(),
		counter: z.string().regex(/^[a-z0-9][a-z0-9-]{1,39}$/, 'must be a counter code such as vp-01').optional(),
		procedure_field: id.optional(),
		channel: z.enum(CHANNELS, { error: `must be one of ${CHANNELS.join(', ')}` }).optional(),
		source: z.enum(RESPONSE_SOURCES, { error: `must be ${RESPONSE_SOURCES.join(' or ')}` }).optional(),
		// Responses through a dossier's invitation only (1), or only the others (0); all when absent.
		verified: z
			.enum(['0', '1', 'true', 'false'], { error: 'must be 1 or 0' })
			.optional()
			.transform((v) => (v === undefined ? undefined : v === '1' || v === 'true')),
		weighting: z.enum(['none', 'register'], { error: 'must be none or register' }).default('none'),
		include_excluded: z
			.enum(['0', '1', 'true', 'false'], { error: 'must be 1 or 0' })
			.optional()
			.transform((v) => v === '1' || v === 'true')
	})
	.strict();

export type EstimatesQuery = z.output<typeof querySchema>;

/** The query string, or a message saying what is wrong with it. */
export function parseEstimatesQuery(params: URLSearchParams): { ok: true; query: EstimatesQuery } | { ok: false; message: string } {
	const repeated = [...new Set(params.keys())].filter((key) => params.getAll(key).length > 1);
	if (repeated.length) return { ok: false, message: `give each parameter once (repeated: ${repeated.join(', ')})` };
	const parsed = querySchema.safeParse(Object.fromEntries(params));
	if (!parsed.success) {
		const message = parsed.error.issues
			.map((issue) => (issue.code === 'unrecognized_keys' ? `unknown parameter ${issue.keys.join(', ')}` : `${issue.path.join('.')}: ${issue.message}`))
			.join('; ');
		return { ok: false, message };
	}
	// Only once both are months: Zod runs an object's refinements even when a field failed, and
	// the month arithmetic throws on '2024-13' (a 500 where a 400 is documented).
	const { from, to } = parsed.data;
	if (from > to) return { ok: false, message: 'from: must not be after to' };
	if (monthsBetween(from, to).length > MAX_MONTHS) return { ok: false, message: `to: must be at most ${MAX_MONTHS} months from from (both included)` };
	return { ok: true, query: parsed.data };
}

const UNKNOWN_MESSAGE: Record<UnknownInScope, (query: EstimatesQuery) => string> = {
	unit: (query) => `unit: this agency has no unit ${query.unit}`,
	counter: (query) => `counter: this agency has no counter ${query.counter}`,
	procedureField: (query) => `procedure_field: this agency has no procedure field ${query.procedure_field}`
};

/**
 * The scope of a query inside the agency (resolveScope). Unit, counter and procedure field must
 * belong to the agency: an id of another agency's reads as unknown, like one that does not exist.
 * The message names the first unknown one.
 */
export async function scopeOfQuery(db: Kysely<Database>, agencyId: number, query: EstimatesQuery): Promise<{ ok: true; scope: Scope } | { ok: false; message: string }> {
	const resolved = await resolveScope(db, agencyId, {
		unitId: query.unit,
		counterCode: query.counter,
		procedureFieldId: query.procedure_field,
		channel: query.channel,
		source: query.source,
		verified: query.verified,
		includeExcluded: query.include_excluded
	});
	return resolved.ok ? { ok: true, scope: resolved.scope } : { ok: false, message: UNKNOWN_MESSAGE[resolved.unknown[0]!](query) };
}

/** The API's CELL: exactly the eight fields of an EstimateCell (plainCell). */
export type ApiCell = EstimateCell;

export interface ApiPeriod {
	period: string;
	dimensions: Record<string, ApiCell>;
	overall: ApiCell;
	service: ApiCell;
	policy: ApiCell;
}

export function apiPeriod(estimate: PeriodEstimate): ApiPeriod {
	const cell = (key: DimensionKey | IndexKey) => plainCell(cellForKey(estimate, key));
	return {
		period: estimate.period.label,
		dimensions: Object.fromEntries(DIMENSION_KEYS.map((key) => [key, cell(key)])),
		overall: cell('overall'),
		service: cell('service'),
		policy: cell('policy')
	};
}

/** A weighted CELL (weighting=register): the eight fields, estimate and interval weighted, n unweighted, and deff. */
export type ApiWeightedCell = EstimateCell & { deff: number | null };

export interface ApiWeightedPeriod {
	period: string;
	dimensions: Record<string, ApiWeightedCell>;
	overall: ApiWeightedCell;
	service: ApiWeightedCell;
	policy: ApiWeightedCell;
	frame_dossiers: number;
	coverage: number | null;
	residual_responses: number;
	response_rate: number | null;
}

/** One period of weighting=register (SIPAS.md §7): weighted cells with deff, and what the weighting rests on. */
export function apiWeightedPeriod(estimate: DualPeriodEstimate): ApiWeightedPeriod {
	const cell = (key: DimensionKey | IndexKey): ApiWeightedCell => {
		const weighted = weightedCellForKey(estimate.weighted, key);
		return { ...plainCell(weighted), deff: weighted.deff };
	};
	const w = estimate.weighting;
	return {
		period: estimate.unweighted.period.label,
		dimensions: Object.fromEntries(DIMENSION_KEYS.map((key) => [key, cell(key)])),
		overall: cell('overall'),
		service: cell('service'),
		policy: cell('policy'),
		frame_dossiers: w.frame_dossiers,
		coverage: w.coverage,
		residual_responses: w.residual_responses,
		response_rate: w.response_rate.rate
	};
}

/** The whole answer for an agency whose access is already checked. */
export async function estimatesResponse(
	db: Kysely<Database>,
	agency: { id: number; code: string },
	params: URLSearchParams,
	options: EstimateOptions & Partial<WeightingOptions>
): Promise<{ status: 200; body: { agency: string; weighting?: 'register'; periods: (ApiPeriod | ApiWeightedPeriod)[] } } | { status: 400; body: { error: string } }> {
	const parsed = parseEstimatesQuery(params);
	if (!parsed.ok) return { status: 400, body: { error: parsed.message } };
	const [scoped, judging] = await Promise.all([scopeOfQuery(db, agency.id, parsed.query), loadJudging(db, agency.id, options)]);
	if (!scoped.ok) return { status: 400, body: { error: scoped.message } };
	const { from, to, period, weighting } = parsed.query;
	if (weighting === 'register') {
		const minimumCell = options.minimumCell ?? DEFAULT_MINIMUM_CELL;
		const estimates = await estimateMonthsWeighted(db, scoped.scope, from, to, period as PeriodKind, judging, { minimumCell });
		return { status: 200, body: { agency: agency.code, weighting, periods: estimates.map(apiWeightedPeriod) } };
	}
	const estimates = await estimateMonths(db, scoped.scope, from, to, period as PeriodKind, judging);
	// weighting=none answers exactly as before the parameter existed.
	return { status: 200, body: { agency: agency.code, periods: estimates.map(apiPeriod) } };
}
