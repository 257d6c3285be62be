import { listPublicCounters } from '$lib/server/counters/public-counters';
import { db } from '$lib/server/db';
import type { PageServerLoad } from './$types';

/** Every agency with its active counters, for citizens who answer without scanning. */
export const load: PageServerLoad = async ({ locals }) => ({ agencies: await listPublicCounters(db(), locals.locale) });
