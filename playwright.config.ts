import { defineConfig } from '@playwright/test';
import {
	ADMIN_DATABASE_URL,
	BASE_URL,
	DATABASE_NAME,
	FLOOD_BLOCK_PER_HOUR,
	FLOOD_FLAG_PER_HOUR,
	PORT,
	USER_AGENT
} from './tests/e2e/settings';

/**
 * End-to-end tests of the citizen survey on a phone-sized Chromium against the built app and a
 * fresh Postgres database (made by tests/e2e/start-server.mjs). Build first: `npx vite build`.
 */
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
			executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
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
			E2E_ADMIN_DATABASE_URL: ADMIN_DATABASE_URL,
			E2E_DATABASE_NAME: DATABASE_NAME,
			PORT: String(PORT),
			ORIGIN: BASE_URL,
			SEED_DEMO: '0',
			FLOOD_FLAG_PER_HOUR: String(FLOOD_FLAG_PER_HOUR),
			FLOOD_BLOCK_PER_HOUR: String(FLOOD_BLOCK_PER_HOUR)
		}
	}
});
