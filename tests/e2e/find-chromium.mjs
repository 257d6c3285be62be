// Finds the Chromium the end-to-end tests drive, the usual ways, in this order:
//   1. CHROMIUM_PATH, when set (it must then be an executable file: no silent fallback);
//   2. the system's Chromium or Chrome: chromium, chromium-browser, google-chrome(-stable), chrome
//      on the PATH, then the usual install folders (macOS applications, snap, Windows);
//   3. Playwright's own downloaded Chromium (`npx playwright install chromium`), if it is there.
// Where none exists, ensureChromium() tries Playwright's download once, bounded by a timeout, and
// if that fails too it stops the run with one line saying what to install. The browser tests are
// never skipped for want of a browser.
//
// Used by playwright.config.ts, and as the first step of `npm test` and `npm run test:e2e`
// (`node tests/e2e/find-chromium.mjs`), so that a missing browser stops the run at once, not
// after the type check, the unit and integration tests and the build.
import { spawn } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';

const NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'chrome'];
const PATHS = [
	'/Applications/Chromium.app/Contents/MacOS/Chromium',
	'/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
	'/snap/bin/chromium',
	'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
	'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe'
];
/** The whole download (Chromium and its headless shell, a few hundred MB) may take this long. */
const INSTALL_TIMEOUT_MS = 10 * 60_000;

/** @param {string} path */
function executable(path) {
	try {
		if (!statSync(path).isFile()) return false;
		if (process.platform !== 'win32') accessSync(path, constants.X_OK);
		return true;
	} catch {
		return false;
	}
}

function playwrightChromium() {
	try {
		const path = chromium.executablePath();
		return path && executable(path) ? path : undefined;
	} catch {
		return undefined;
	}
}

/**
 * The Chromium to use, or undefined when there is none; throws when CHROMIUM_PATH names something
 * that cannot be run.
 * @returns {string | undefined}
 */
export function findChromium() {
	const configured = process.env.CHROMIUM_PATH;
	if (configured) {
		if (executable(configured)) return configured;
		throw new Error(`CHROMIUM_PATH=${configured} is not an executable file: point it at Chromium or Chrome, or unset it.`);
	}
	const suffixes = process.platform === 'win32' ? ['.exe', ''] : [''];
	for (const name of NAMES) {
		for (const folder of (process.env.PATH ?? '').split(delimiter).filter(Boolean)) {
			for (const suffix of suffixes) {
				const path = join(folder, name + suffix);
				if (executable(path)) return path;
			}
		}
	}
	return PATHS.find(executable) ?? playwrightChromium();
}

/**
 * findChromium(), else Playwright's download of its Chromium (network needed). Rejects with one
 * line saying what to install when both fail.
 * @param {{ log?: (line: string) => void }} [options]
 * @returns {Promise<string>}
 */
export async function ensureChromium({ log = (line) => console.error(line) } = {}) {
	const found = findChromium();
	if (found) return found;
	log(`e2e: no Chromium or Chrome found; trying \`npx playwright install chromium\` (at most ${INSTALL_TIMEOUT_MS / 60_000} min)…`);
	const { code, stderr, timedOut } = await runInstall(log);
	const installed = playwrightChromium();
	if (code === 0 && installed) return installed;
	const reason = timedOut ? `no answer within ${INSTALL_TIMEOUT_MS / 60_000} min` : (firstErrorLine(stderr) ?? `exit code ${code}`);
	throw new Error(
		`No Chromium for the end-to-end tests, and Playwright's download failed (${reason}). ` +
			'Install Chromium or Chrome (Debian/Ubuntu: `sudo apt-get install chromium`; macOS: `brew install --cask chromium`), ' +
			'or run `npx playwright install chromium` where the network allows it, or set CHROMIUM_PATH to a Chromium or Chrome executable.'
	);
}

/**
 * `playwright install chromium`, its progress passed on line by line until it reports a failure
 * (the stack trace after that is left out: the caller says it in one line).
 * @param {(line: string) => void} log
 * @returns {Promise<{ code: number | null; stderr: string; timedOut: boolean }>}
 */
function runInstall(log) {
	const cli = createRequire(import.meta.url).resolve('@playwright/test/cli');
	const child = spawn(process.execPath, [cli, 'install', 'chromium'], {
		cwd: fileURLToPath(new URL('../../', import.meta.url)),
		stdio: ['ignore', 'pipe', 'pipe'],
		// Its own process group, so that a timeout also ends the download process it starts.
		detached: process.platform !== 'win32'
	});
	let stderr = '';
	let failed = false;
	let pending = '';
	child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
	child.stdout.setEncoding('utf8').on('data', (chunk) => {
		const lines = (pending + chunk).split('\n');
		pending = lines.pop() ?? '';
		for (const line of lines) {
			if (/^Failed to install|^Error:/.test(line)) failed = true;
			if (!failed && line.trim()) log(`  ${line.trim()}`);
		}
	});
	let timedOut = false;
	const timer = setTimeout(() => {
		timedOut = true;
		try {
			if (process.platform !== 'win32' && child.pid) process.kill(-child.pid, 'SIGTERM');
			else child.kill();
		} catch {
			child.kill();
		}
	}, INSTALL_TIMEOUT_MS);
	return new Promise((resolve) => {
		child.on('close', (code) => {
			clearTimeout(timer);
			resolve({ code, stderr, timedOut });
		});
		child.on('error', (error) => {
			clearTimeout(timer);
			resolve({ code: null, stderr: `Error: ${error.message}`, timedOut });
		});
	});
}

/** @param {string | null | undefined} text */
function firstErrorLine(text) {
	const lines = (text ?? '').split('\n').map((l) => l.trim());
	return lines.find((l) => /^Error: (?!Failed to install|Failed to download)/.test(l))?.replace(/^Error: /, '') ?? lines.find(Boolean);
}

// As a script: print the Chromium found (or downloaded), else the one line, and exit 1.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
	try {
		console.log(`e2e: Chromium ${await ensureChromium()}`);
	} catch (error) {
		console.error(`e2e: ${error instanceof Error ? error.message : error}`);
		process.exit(1);
	}
}
