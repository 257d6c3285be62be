// Playwright's webServer command: starts the built app (scripts/serve.js → build/index.js) on a
// fresh, empty database of the kind playwright.config.ts chose (E2E_DATABASE):
//
//   postgres — a server answered: the database E2E_DATABASE_NAME is dropped and made again on it,
//              and the app gets DATABASE_URL, as in production.
//   pglite   — no server answered: the app runs on its embedded PGlite, exactly as `npm start` does
//              (no DATABASE_URL; DATA_DIR = a fresh folder of this checkout, E2E_RUN_DIR/pglite).
//
// Playwright starts the webServer before globalSetup, so the database is made here, before the app
// migrates and seeds it.
//
// How the specs read and write what the app stored, on PGlite (decided in issue 14):
//   PGlite is one database session inside one process, and the specs run in Playwright's worker
//   processes, so they cannot open the data folder while the app has it. Considered:
//   - @electric-sql/pglite-socket here, serving one PGlite over the Postgres protocol, and the app
//     on DATABASE_URL=postgres://… to it. Rejected: the app would run its `pg` pool code, not its
//     PGlite code, so the run would no longer test the embedded path it stands in for; and the
//     package (0.2.17, the latest) pins @electric-sql/pglite 0.5.14 exactly (we use ^0.5.17) and
//     requires seven extension packages as peers.
//   - a test-only route in the app: test code in the product. Rejected.
//   - Chosen: this script is the app's process. Before importing the app it wraps PGlite.create,
//     so it receives the app's own PGlite instance when src/lib/server/db/connect.ts creates it,
//     and serves that instance to tests/e2e/db.ts as JSON over a socket (shared-pglite.mjs). The
//     app's connect.ts and PGliteDialect run unchanged. The one thing added around the app's
//     database is a turn-taking lock: the app and each spec client hold the session from a query
//     until they are out of any transaction, so no one's statement lands in another's transaction.
//     It is test harness, in tests/ only; nothing in src/ knows about it.
//   Postgres-only behaviour (database-down.spec.ts takes the server's database away) is skipped on
//   PGlite with a reason.
//
// Env (set by playwright.config.ts): E2E_DATABASE, E2E_ADMIN_DATABASE_URL, E2E_DATABASE_NAME,
// E2E_RUN_DIR, E2E_PGLITE_SOCKET, PORT, FLOOD_FLAG_PER_HOUR, FLOOD_BLOCK_PER_HOUR.
import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
if (!existsSync(`${root}build/index.js`)) {
	console.error('build/index.js is missing: run `npx vite build` before the e2e tests.');
	process.exit(1);
}

const kind = process.env.E2E_DATABASE;
const name = process.env.E2E_DATABASE_NAME ?? 'hailong_e2e';
const runDir = process.env.E2E_RUN_DIR;
if ((kind !== 'postgres' && kind !== 'pglite') || !runDir) {
	console.error('start-server.mjs is started by playwright.config.ts (E2E_DATABASE and E2E_RUN_DIR unset).');
	process.exit(1);
}
if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) {
	console.error(`E2E_DATABASE_NAME must be a plain lower-case identifier, got ${JSON.stringify(name)}`);
	process.exit(1);
}
process.env.SEED_DEMO = '0';
process.env.PORT ||= '4173';

// Run a snapshot of the build, so that a `vite build` started during the run (by someone else in
// the same checkout) cannot swap the files under the running server. The layout is kept
// (snapshot/scripts/serve.js imports ../build/index.js), and node_modules still resolves from the
// checkout's node_modules further up.
rmSync(runDir, { recursive: true, force: true });
const snapshot = `${runDir}/app/`;
mkdirSync(`${snapshot}scripts`, { recursive: true });
cpSync(`${root}build`, `${snapshot}build`, { recursive: true });
cpSync(`${root}scripts/serve.js`, `${snapshot}scripts/serve.js`);
// Inside node_modules Node does not look further up for "type": "module".
writeFileSync(`${snapshot}package.json`, JSON.stringify({ private: true, type: 'module' }));

if (kind === 'postgres') {
	const { default: pg } = await import('pg');
	const adminUrl = process.env.E2E_ADMIN_DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/postgres';
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
	console.log(`e2e: fresh Postgres database ${name}; starting the app on port ${process.env.PORT}`);
} else {
	const socket = process.env.E2E_PGLITE_SOCKET;
	if (!socket) {
		console.error('E2E_PGLITE_SOCKET is unset (playwright.config.ts sets it).');
		process.exit(1);
	}
	const dataDir = `${runDir}/pglite`;
	delete process.env.DATABASE_URL;
	process.env.DATA_DIR = dataDir;

	const { PGlite } = await import('@electric-sql/pglite');
	const { SessionTurns, serveToSpecs } = await import('./shared-pglite.mjs');
	// The app imports the same module (adapter-node leaves dependencies external and both resolve
	// to this checkout's node_modules), so this is the class the app creates its database with.
	const create = PGlite.create;
	/** @type {typeof PGlite.create} */
	const wrapped = async function (...args) {
		const instance = await create.apply(PGlite, /** @type {any} */ (args));
		// PGlite.create also makes a throwaway instance for initdb; only the app's folder counts.
		if (instance.dataDir !== dataDir) return instance;
		const turns = new SessionTurns(instance);
		const query = instance.query.bind(instance);
		const exec = instance.exec.bind(instance);
		const transaction = instance.transaction.bind(instance);
		instance.query = (...a) => turns.run('app', () => query(...a));
		instance.exec = (...a) => turns.run('app', () => exec(...a));
		instance.transaction = (...a) => turns.run('app', () => transaction(...a));
		serveToSpecs({ socket, turns, query: (sql, params) => query(sql, params) });
		return instance;
	};
	PGlite.create = wrapped;
	console.log(`e2e: the app on its embedded PGlite in ${dataDir} (fresh); specs reach it at ${socket}; port ${process.env.PORT}`);
}

await import(`${snapshot}scripts/serve.js`);
