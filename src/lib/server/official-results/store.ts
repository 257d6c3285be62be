import { sql, type Kysely } from 'kysely';
import { audit } from '../audit/audit';
import type { Principal } from '../auth/principal';
import type { Database } from '../db/schema';
import { done, notFound, validate, type Outcome } from '../http/outcome';
import { officialResultForm } from './schema';

/**
 * Official SIPAS results as published (by the Ministry of Home Affairs, or the province), recorded
 * by an administrator to be shown beside the platform's year estimate; and the agency's switch for
 * its public results page. Every change is audited in its own transaction.
 */

export interface OfficialResult {
	id: number;
	year: number;
	scope: string;
	/** Percents as published (83.84), not proportions. */
	overall: number | null;
	dimensions: Record<string, number>;
	source: string | null;
}

export async function listOfficialResults(db: Kysely<Database>, agencyId: number, year?: number): Promise<OfficialResult[]> {
	let query = db
		.selectFrom('official_results')
		.select(['id', 'year', 'scope', 'overall', 'dimensions', 'source'])
		.where('agency_id', '=', agencyId);
	if (year !== undefined) query = query.where('year', '=', year);
	const rows = await query.orderBy('year', 'desc').orderBy('scope').execute();
	return rows.map((r) => ({
		id: r.id,
		year: r.year,
		scope: r.scope,
		overall: r.overall === null ? null : Number(r.overall),
		dimensions: Object.fromEntries(Object.entries(typeof r.dimensions === 'string' ? JSON.parse(r.dimensions) : r.dimensions).map(([k, v]) => [k, Number(v)])),
		source: r.source
	}));
}

/** Records a result; the same year and scope again replaces the earlier figures. */
export async function recordOfficialResult(db: Kysely<Database>, actor: Principal, agencyId: number, raw: unknown): Promise<Outcome<{ id: number }>> {
	const input = validate(officialResultForm, raw);
	if (!input.ok) return input;
	const { year, scope, overall, dimensions, source } = input.value;
	return db.transaction().execute(async (trx) => {
		const before = await trx
			.selectFrom('official_results')
			.select(['overall', 'dimensions', 'source'])
			.where('agency_id', '=', agencyId)
			.where('year', '=', year)
			.where('scope', '=', scope)
			.executeTakeFirst();
		const row = await trx
			.insertInto('official_results')
			.values({ agency_id: agencyId, year, scope, overall, dimensions: JSON.stringify(dimensions), source })
			.onConflict((c) =>
				c.constraint('official_results_agency_year_scope_key').doUpdateSet({
					overall: sql`excluded.overall`,
					dimensions: sql`excluded.dimensions`,
					source: sql`excluded.source`
				})
			)
			.returning('id')
			.executeTakeFirstOrThrow();
		await audit(trx, actor, { agencyId, action: 'official_result.record', entity: 'official_result', entityId: row.id, before: before ?? undefined, after: { year, scope, overall, dimensions, source } });
		return done(row);
	});
}

export async function deleteOfficialResult(db: Kysely<Database>, actor: Principal, agencyId: number, id: number): Promise<Outcome> {
	return db.transaction().execute(async (trx) => {
		const row = await trx
			.deleteFrom('official_results')
			.where('agency_id', '=', agencyId)
			.where('id', '=', id)
			.returning(['year', 'scope', 'overall', 'dimensions', 'source'])
			.executeTakeFirst();
		if (!row) return notFound;
		await audit(trx, actor, { agencyId, action: 'official_result.delete', entity: 'official_result', entityId: id, before: row });
		return done();
	});
}

/** Whether /p/{agency} is public. */
export async function publicResultsOn(db: Kysely<Database>, agencyId: number): Promise<boolean> {
	const row = await db.selectFrom('agencies').select('public_results').where('id', '=', agencyId).executeTakeFirst();
	return row?.public_results ?? false;
}

/** Turns the public results page on or off, audited. */
export async function setPublicResults(db: Kysely<Database>, actor: Principal, agencyId: number, on: boolean): Promise<Outcome> {
	return db.transaction().execute(async (trx) => {
		const before = await trx.selectFrom('agencies').select('public_results').where('id', '=', agencyId).forUpdate().executeTakeFirstOrThrow();
		if (before.public_results === on) return done();
		await trx.updateTable('agencies').set({ public_results: on }).where('id', '=', agencyId).execute();
		await audit(trx, actor, { agencyId, action: on ? 'public_results.on' : 'public_results.off', entity: 'agency', entityId: agencyId, before, after: { public_results: on } });
		return done();
	});
}
