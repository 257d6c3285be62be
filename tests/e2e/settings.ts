import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Settings shared by playwright.config.ts, the server start script (through the environment) and
 * the specs. One port, one throwaway database, and flood limits the flood spec relies on.
 */
export const PORT = Number(process.env.E2E_PORT ?? 4173);
export const BASE_URL = `http://localhost:${PORT}`;
/** Where the app sends email in the e2e run: an SMTP server a spec starts when it needs one (petitions.spec.ts). */
export const SMTP_PORT = Number(process.env.E2E_SMTP_PORT ?? PORT + 10_000);

/** The Postgres server's admin database; the integration tests' TEST_DATABASE_URL serves too. */
export const ADMIN_DATABASE_URL =
	process.env.E2E_ADMIN_DATABASE_URL || process.env.TEST_DATABASE_URL || 'postgres://root@127.0.0.1:5432/postgres';
export const DATABASE_NAME = process.env.E2E_DATABASE_NAME ?? 'hailong_e2e';

/** The admin URL with the e2e database in place of the admin database. */
export function e2eDatabaseUrl(): string {
	const url = new URL(ADMIN_DATABASE_URL);
	url.pathname = `/${DATABASE_NAME}`;
	return url.toString();
}

export type E2eDatabase = 'postgres' | 'pglite';

/**
 * What the app runs on in this run: a Postgres server when one answers, else its embedded PGlite.
 * playwright.config.ts decides once and puts it in E2E_DATABASE, which the workers inherit.
 */
export function e2eDatabase(): E2eDatabase {
	const kind = process.env.E2E_DATABASE;
	if (kind === 'postgres' || kind === 'pglite') return kind;
	throw new Error(`E2E_DATABASE must be postgres or pglite (playwright.config.ts sets it), got ${JSON.stringify(kind)}`);
}

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** This run's files (a snapshot of the build, the PGlite data folder), in this checkout. */
export const RUN_DIR = join(ROOT, 'node_modules', '.cache', 'hai-long-e2e', DATABASE_NAME);

/**
 * On PGlite, the specs reach the app's database through this socket (see start-server.mjs). A
 * socket path must be short (about 100 bytes), so it is in the temporary folder, named after this
 * checkout and the database name so that two checkouts or two runs never share one.
 */
export const PGLITE_SOCKET = (() => {
	const id = createHash('sha256').update(`${ROOT}\0${DATABASE_NAME}`).digest('hex').slice(0, 16);
	return process.platform === 'win32' ? `\\\\.\\pipe\\hai-long-e2e-${id}` : join(tmpdir(), `hai-long-e2e-${id}.sock`);
})();

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
