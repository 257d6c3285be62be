import { sql, type Kysely } from 'kysely';
import type { Channel } from '../../domain/enums';
import type { Database } from '../db/schema';

/**
 * Reading the register for staff pages. Nothing here says whether or how a dossier was rated:
 * that would tell staff which response is whose (README "Privacy").
 */
export interface DossierRow {
	id: number;
	code: string;
	procedureCode: string;
	procedureName: string;
	channel: Channel;
	receivedAt: Date;
	returnedAt: Date | null;
}

/** Dossiers received on one day (Asia/Ho_Chi_Minh, 'yyyy-mm-dd'), in order of receipt. */
export async function dossiersOfDay(db: Kysely<Database>, agencyId: number, day: string): Promise<DossierRow[]> {
	return db
		.selectFrom('dossiers')
		.select(['id', 'code', 'procedure_code as procedureCode', 'procedure_name as procedureName', 'channel', 'received_at as receivedAt', 'returned_at as returnedAt'])
		.where('agency_id', '=', agencyId)
		.where(sql<boolean>`(received_at at time zone 'Asia/Ho_Chi_Minh')::date = ${day}::date`)
		.orderBy('received_at')
		.orderBy('code')
		.execute();
}

/** The latest day with a received dossier, and how many dossiers the agency has. */
export async function registerSummary(db: Kysely<Database>, agencyId: number): Promise<{ total: number; latestDay: string | null }> {
	const { rows } = await sql<{ total: number; latest_day: string | null }>`
		select count(*)::int as total, to_char(max(received_at at time zone 'Asia/Ho_Chi_Minh'), 'YYYY-MM-DD') as latest_day
		from dossiers where agency_id = ${agencyId}`.execute(db);
	return { total: rows[0]?.total ?? 0, latestDay: rows[0]?.latest_day ?? null };
}

/** One dossier of this agency by its code (another agency's code is not found). */
export async function findDossier(db: Kysely<Database>, agencyId: number, code: string) {
	return db
		.selectFrom('dossiers')
		.select(['id', 'code', 'procedure_name as procedureName', 'received_at as receivedAt'])
		.where('agency_id', '=', agencyId)
		.where('code', '=', code)
		.executeTakeFirst();
}
