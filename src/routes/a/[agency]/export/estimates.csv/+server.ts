import { downloadEstimates } from '$lib/server/export/downloads';
import type { RequestHandler } from './$types';

/** The dashboard's table of the period (indices and dimensions) as CSV: ?…filters…[&sep=semicolon]. */
export const GET: RequestHandler = (event) => downloadEstimates(event, 'csv');
