import { downloadResponses } from '$lib/server/export/downloads';
import type { RequestHandler } from './$types';

/** Raw responses of the dashboard's filters as one XLSX sheet, up to XLSX_MAX_ROWS (beyond: the CSV). */
export const GET: RequestHandler = (event) => downloadResponses(event, 'xlsx');
