import { defineConfig } from '@playwright/test';
import pg from 'pg';
import { ensureChromium } from './tests/e2e/find-chromium.mjs';
import {
	ADMIN_DATABASE_URL,
	BASE_URL,
	DATABASE_NAME,
	FLOOD_BLOCK_PER_HOUR,
	FLOOD_FLAG_PER_HOUR,
	PGLITE_SOCKET,
	PORT,
	RUN_DIR,
	SMTP_PORT,
	USER_AGENT
} from './tests/e2e/settings';

/**
 * End-to-end tests of the citizen survey on a phone-sized Chromium against the built app on a
 * fresh database (made by tests/e2e/start-server.mjs): a Postgres database when the server at
 * ADMIN_DATABASE_URL answers, else the app's embedded PGlite. Build first: `npx vite build`.
 *
 * Both choices are made once, in Playwright's main process, and handed to the workers (which load
 * this file too) through the environment: E2E_DATABASE and CHROMIUM_PATH.
 */
const worker = process.env.TEST_WORKER_INDEX !== undefined;

if (!process.env.E2E_DATABASE) process.env.E2E_DATABASE = await chooseDatabase();
if (process.env.E2E_DATABASE !== 'postgres' && process.env.E2E_DATABASE !== 'pglite') {
	throw new Error(`E2E_DATABASE must be postgres or pglite, got ${JSON.stringify(process.env.E2E_DATABASE)}`);
}
if (process.env.REQUIRE_POSTGRES === '1' && process.env.E2E_DATABASE !== 'postgres') {
	throw new Error('REQUIRE_POSTGRES=1 but E2E_DATABASE=pglite');
}
if (!worker) {
	// One line saying what to install, not a stack trace.
	process.env.CHROMIUM_PATH = await ensureChromium().catch((error: Error) => {
		console.error(`e2e: ${error.message}`);
		process.exit(1);
	});
}

/** Postgres if the server answers; else PGlite, said once, unless REQUIRE_POSTGRES=1 (as in CI). */
async function chooseDatabase(): Promise<'postgres' | 'pglite'> {
	const client = new pg.Client({ connectionString: ADMIN_DATABASE_URL, connectionTimeoutMillis: 3000 });
	try {
		await client.connect();
		await client.end();
		return 'postgres';
	} catch (error) {
		const reason = error instanceof Error ? error.message || error.name : String(error);
		if (process.env.REQUIRE_POSTGRES === '1') throw new Error(`REQUIRE_POSTGRES=1 but Postgres at ${ADMIN_DATABASE_URL} is unreachable (${reason})`);
		if (!worker) {
			console.warn(
				`e2e: Postgres at ${ADMIN_DATABASE_URL} unreachable (${reason}): the app runs on its embedded PGlite and the Postgres runs are skipped ` +
					'(database-down.spec.ts too). To run them, start Postgres there or set E2E_ADMIN_DATABASE_URL (or TEST_DATABASE_URL) to a server that allows CREATE DATABASE.'
			);
		}
		return 'pglite';
	}
}

export default defineConfig({
	testDir: 'tests/e2e',
	outputDir: 'test-results',
	fullyParallel: false,
	workers: 1,
	forbidOnly: !!process.env.CI,
	retries: 0,
	timeout: 60_000,
	expect: { timeout: 10_000 },
	reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : 'list',
	use: {
		baseURL: BASE_URL,
		browserName: 'chromium',
		headless: true,
		// A cheap phone: 360 × 740 CSS px, touch.
		viewport: { width: 360, height: 740 },
		deviceScaleFactor: 2,
		isMobile: true,
		hasTouch: true,
		userAgent: USER_AGENT,
		locale: 'vi-VN',
		timezoneId: 'Asia/Ho_Chi_Minh',
		trace: 'retain-on-failure',
		screenshot: 'only-on-failure',
		launchOptions: {
			executablePath: process.env.CHROMIUM_PATH,
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-quic',
				'--no-first-run',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync'
			]
		}
	},
	projects: [{ name: 'phone-chromium' }],
	webServer: {
		command: 'node tests/e2e/start-server.mjs',
		url: `http://127.0.0.1:${PORT}/healthz`,
		reuseExistingServer: false,
		timeout: 120_000,
		stdout: 'pipe',
		stderr: 'pipe',
		env: {
			E2E_DATABASE: process.env.E2E_DATABASE,
			E2E_ADMIN_DATABASE_URL: ADMIN_DATABASE_URL,
			E2E_DATABASE_NAME: DATABASE_NAME,
			E2E_RUN_DIR: RUN_DIR,
			E2E_PGLITE_SOCKET: PGLITE_SOCKET,
			PORT: String(PORT),
			ORIGIN: BASE_URL,
			SEED_DEMO: '0',
			FLOOD_FLAG_PER_HOUR: String(FLOOD_FLAG_PER_HOUR),
			FLOOD_BLOCK_PER_HOUR: String(FLOOD_BLOCK_PER_HOUR),
			// Email goes to the SMTP server petitions.spec.ts starts (refused and retried while none listens).
			SMTP_HOST: '127.0.0.1',
			SMTP_PORT: String(SMTP_PORT),
			SMTP_FROM: 'Hài Lòng <khaosat@e2e.test>',
			OUTBOX_POLL_SECONDS: '1',
			OUTBOX_QUIET_HOURS: '0'
		}
	}
});
