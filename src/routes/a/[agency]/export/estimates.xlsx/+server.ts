import { downloadEstimates } from '$lib/server/export/downloads';
import type { RequestHandler } from './$types';

/** The dashboard's table of the period (indices and dimensions) as XLSX, numbers as percents. */
export const GET: RequestHandler = (event) => downloadEstimates(event, 'xlsx');
