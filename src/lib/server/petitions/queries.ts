import { sql, type Kysely } from 'kysely';
import type { PetitionCategory, PetitionState } from '../../domain/enums';
import type { Database } from '../db/schema';
import { PETITION_CODE } from './secret';

/**
 * Reading cases for staff pages, always inside one agency. "Open" is received or assigned;
 * overdue is open after its due day (Asia/Ho_Chi_Minh); due soon is open and due within the
 * next two working days (computed by the caller with the agency's calendar).
 */
export interface PetitionFilter {
	state?: PetitionState | 'open' | 'overdue';
	category?: PetitionCategory;
	today: string;
	limit?: number;
}

export async function listPetitions(db: Kysely<Database>, agencyId: number, filter: PetitionFilter) {
	let query = db
		.selectFrom('petitions')
		.leftJoin('units', 'units.id', 'petitions.unit_id')
		.leftJoin('officials', 'officials.id', 'petitions.official_id')
		.select([
			'petitions.code',
			'petitions.category',
			'petitions.source',
			'petitions.state',
			'petitions.received_at as receivedAt',
			'petitions.due_on as dueOn',
			'petitions.answered_at as answeredAt',
			'petitions.flagged_flood as flaggedFlood',
			'units.name as unitName',
			'officials.name as officialName',
			sql<string>`left(petitions.body, 160)`.as('excerpt')
		])
		.where('petitions.agency_id', '=', agencyId);
	if (filter.state === 'open') query = query.where('petitions.state', 'in', ['received', 'assigned']);
	else if (filter.state === 'overdue') query = query.where('petitions.state', 'in', ['received', 'assigned']).where('petitions.due_on', '<', filter.today);
	else if (filter.state) query = query.where('petitions.state', '=', filter.state);
	if (filter.category) query = query.where('petitions.category', '=', filter.category);
	return query.orderBy('petitions.due_on').orderBy('petitions.id').limit(filter.limit ?? 500).execute();
}

export async function getPetition(db: Kysely<Database>, agencyId: number, code: string) {
	if (!PETITION_CODE.test(code)) return undefined;
	const petition = await db
		.selectFrom('petitions')
		.leftJoin('units', 'units.id', 'petitions.unit_id')
		.leftJoin('officials', 'officials.id', 'petitions.official_id')
		.leftJoin('counters', 'counters.id', 'petitions.counter_id')
		.leftJoin('dossiers', 'dossiers.id', 'petitions.dossier_id')
		.selectAll('petitions')
		.select(['units.name as unitName', 'officials.name as officialName', 'counters.name as counterName', 'dossiers.code as dossierCode'])
		.where('petitions.agency_id', '=', agencyId)
		.where('petitions.code', '=', code)
		.executeTakeFirst();
	if (!petition) return undefined;
	const [notes, attachments] = await Promise.all([
		db.selectFrom('petition_notes').select(['id', 'author', 'body', 'created_at as createdAt']).where('petition_id', '=', petition.id).orderBy('id').execute(),
		db.selectFrom('petition_attachments').select(['id', 'filename', 'content_type as contentType', 'size']).where('petition_id', '=', petition.id).orderBy('id').execute()
	]);
	return { ...petition, notes, attachments };
}

/** One attachment of one of this agency's cases (another agency's answers undefined, as unknown). */
export async function getAttachment(db: Kysely<Database>, agencyId: number, code: string, id: number) {
	if (!PETITION_CODE.test(code)) return undefined;
	return db
		.selectFrom('petition_attachments')
		.innerJoin('petitions', 'petitions.id', 'petition_attachments.petition_id')
		.select(['petition_attachments.filename', 'petition_attachments.content_type as contentType', 'petition_attachments.data'])
		.where('petitions.agency_id', '=', agencyId)
		.where('petitions.code', '=', code)
		.where('petition_attachments.id', '=', id)
		.executeTakeFirst();
}

/** Published answers of an agency, newest first, without anything that names the citizen. */
export async function publishedAnswers(db: Kysely<Database>, agencyId: number, limit = 50) {
	return db
		.selectFrom('petitions')
		.select(['code', 'category', 'received_at as receivedAt', 'answered_at as answeredAt', 'published_answer as answer', 'published_at as publishedAt'])
		.where('agency_id', '=', agencyId)
		.where('published_at', 'is not', null)
		.orderBy('published_at', 'desc')
		.limit(limit)
		.execute();
}

/** The due day of a case just opened, to tell the citizen on the page that answers the form. */
export async function dueDayOf(db: Kysely<Database>, code: string): Promise<string> {
	const petition = await db.selectFrom('petitions').select('due_on').where('code', '=', code).executeTakeFirstOrThrow();
	return petition.due_on;
}
