import { PETITION_CATEGORIES, PETITION_STATES } from '$lib/domain/enums';
import { localDayKey } from '$lib/sipas/calendar';
import { can } from '$lib/server/auth/principal';
import { db } from '$lib/server/db';
import { publicOrigin } from '$lib/server/counters/posters/origin';
import { loadCalendar } from '$lib/server/petitions/calendar';
import { requirePetitions } from '$lib/server/petitions/pages';
import { listPetitions } from '$lib/server/petitions/queries';
import { workingDaysBetween } from '$lib/server/petitions/working-days';
import type { PageServerLoad } from './$types';

const FILTERS = ['open', 'overdue', ...PETITION_STATES] as const;

export const load: PageServerLoad = async (event) => {
	const { principal, agency } = await requirePetitions(event);
	const stateParam = event.url.searchParams.get('state') ?? 'open';
	const categoryParam = event.url.searchParams.get('category') ?? '';
	const state = stateParam === 'all' ? undefined : (FILTERS as readonly string[]).includes(stateParam) ? (stateParam as (typeof FILTERS)[number]) : 'open';
	const category = (PETITION_CATEGORIES as readonly string[]).includes(categoryParam) ? (categoryParam as (typeof PETITION_CATEGORIES)[number]) : undefined;
	const today = localDayKey(new Date());
	const [rows, calendar] = await Promise.all([listPetitions(db(), agency.id, { state, category, today }), loadCalendar(db(), agency.id)]);
	return {
		filter: { state: stateParam === 'all' ? 'all' : (state ?? 'all'), category: category ?? '' },
		canHandle: can(principal, 'petitions:handle'),
		publicForm: `${publicOrigin(event.url)}/y/${agency.code}`,
		petitions: rows.map((p) => {
			const open = p.state === 'received' || p.state === 'assigned';
			return {
				...p,
				overdue: open && p.dueOn < today,
				dueSoon: open && p.dueOn >= today && workingDaysBetween(today, p.dueOn, calendar) <= 2
			};
		})
	};
};
