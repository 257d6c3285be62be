/**
 * Settings shared by playwright.config.ts, the server start script (through the environment) and
 * the specs. One port, one throwaway database, and flood limits the flood spec relies on.
 */
export const PORT = Number(process.env.E2E_PORT ?? 4173);
export const BASE_URL = `http://localhost:${PORT}`;

export const ADMIN_DATABASE_URL = process.env.E2E_ADMIN_DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/postgres';
export const DATABASE_NAME = process.env.E2E_DATABASE_NAME ?? 'hailong_e2e';

/** The admin URL with the e2e database in place of the admin database. */
export function e2eDatabaseUrl(): string {
	const url = new URL(ADMIN_DATABASE_URL);
	url.pathname = `/${DATABASE_NAME}`;
	return url.toString();
}

/**
 * Submissions per device (IP + user agent) per counter per hour. Every spec shares one device, so
 * each spec that stores responses uses its own counter and stays far below FLAG; the flood spec
 * (counter kcxt-01) goes past both.
 */
export const FLOOD_FLAG_PER_HOUR = 12;
export const FLOOD_BLOCK_PER_HOUR = 16;

/** The same browser identity for every page and for page.request, so they count as one device. */
export const USER_AGENT =
	'Mozilla/5.0 (Linux; Android 13; Pixel 5) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Mobile Safari/537.36 HaiLongE2E';
