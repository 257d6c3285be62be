// Playwright's webServer command: makes a fresh, empty Postgres database for this run, then starts
// the built app (scripts/serve.js → build/index.js) on it. Playwright starts the webServer before
// globalSetup, so the database is made here, before the app migrates and seeds it.
//
// Env (set by playwright.config.ts): E2E_ADMIN_DATABASE_URL, E2E_DATABASE_NAME, PORT,
// FLOOD_FLAG_PER_HOUR, FLOOD_BLOCK_PER_HOUR.
import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const root = fileURLToPath(new URL('../../', import.meta.url));
if (!existsSync(`${root}build/index.js`)) {
	console.error('build/index.js is missing: run `npx vite build` before the e2e tests.');
	process.exit(1);
}

const adminUrl = process.env.E2E_ADMIN_DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/postgres';
const name = process.env.E2E_DATABASE_NAME ?? 'hailong_e2e';
if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) {
	console.error(`E2E_DATABASE_NAME must be a plain lower-case identifier, got ${JSON.stringify(name)}`);
	process.exit(1);
}

const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
try {
	// FORCE ends connections a previous run may have left open (Postgres 13+).
	await admin.query(`drop database if exists "${name}" with (force)`);
	await admin.query(`create database "${name}" encoding 'UTF8' template template0`);
} finally {
	await admin.end();
}

const url = new URL(adminUrl);
url.pathname = `/${name}`;
process.env.DATABASE_URL = url.toString();
process.env.SEED_DEMO = '0';
process.env.PORT ||= '4173';
console.log(`e2e: fresh database ${name}; starting the app on port ${process.env.PORT}`);

// Run a snapshot of the build, so that a `vite build` started during the run (by someone else in
// the same checkout) cannot swap the files under the running server. The layout is kept
// (snapshot/scripts/serve.js imports ../build/index.js), and node_modules still resolves from the
// checkout's node_modules further up.
const snapshot = `${root}node_modules/.cache/hai-long-e2e/`;
rmSync(snapshot, { recursive: true, force: true });
mkdirSync(`${snapshot}scripts`, { recursive: true });
cpSync(`${root}build`, `${snapshot}build`, { recursive: true });
cpSync(`${root}scripts/serve.js`, `${snapshot}scripts/serve.js`);
// Inside node_modules Node does not look further up for "type": "module".
writeFileSync(`${snapshot}package.json`, JSON.stringify({ private: true, type: 'module' }));

await import(`${snapshot}scripts/serve.js`);
