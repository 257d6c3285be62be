import type { Kysely } from 'kysely';
import type { AgencyRef } from '../../auth/guard';
import type { Database } from '../../db/schema';
import type { PosterContent } from '../../../posters/poster';
import { posterContent } from './content';
import { qrSvg, surveyUrl } from './qr';

/**
 * The poster of a counter of this agency, or of all its active counters. A poster always names
 * the agency in Vietnamese: it hangs at a Vietnamese counter whatever language its printer reads.
 */
export interface CounterPoster {
	id: number;
	code: string;
	active: boolean;
	content: PosterContent;
	qrSvg: string;
}

async function postersOf(db: Kysely<Database>, agency: AgencyRef, origin: string, counterId?: number): Promise<CounterPoster[]> {
	let query = db
		.selectFrom('counters')
		.innerJoin('units', 'units.id', 'counters.unit_id')
		.select(['counters.id', 'counters.code', 'counters.name', 'counters.active', 'units.name as unitName'])
		.where('counters.agency_id', '=', agency.id);
	query = counterId === undefined ? query.where('counters.active', '=', true) : query.where('counters.id', '=', counterId);
	const counters = await query.orderBy('units.name').orderBy('counters.name').execute();
	return Promise.all(
		counters.map(async (c) => {
			const url = surveyUrl(origin, c.code);
			return {
				id: c.id,
				code: c.code,
				active: c.active,
				content: posterContent({ agencyName: agency.name_vi, counterName: c.name, unitName: c.unitName, url }),
				qrSvg: await qrSvg(url)
			};
		})
	);
}

export async function counterPoster(db: Kysely<Database>, agency: AgencyRef, origin: string, counterId: number): Promise<CounterPoster | undefined> {
	return (await postersOf(db, agency, origin, counterId))[0];
}

export function activeCounterPosters(db: Kysely<Database>, agency: AgencyRef, origin: string): Promise<CounterPoster[]> {
	return postersOf(db, agency, origin);
}
