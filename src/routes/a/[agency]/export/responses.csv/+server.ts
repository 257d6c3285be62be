import { downloadResponses } from '$lib/server/export/downloads';
import type { RequestHandler } from './$types';

/** Raw responses of the dashboard's filters as CSV, streamed: ?…filters…[&sep=semicolon]. */
export const GET: RequestHandler = (event) => downloadResponses(event, 'csv');
