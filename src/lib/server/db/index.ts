import { appConfig } from '../config';
import { openPGlite, postgresHandle, type DatabaseHandle } from './connect';
import { startDatabase, type DatabaseLifecycle, type DatabaseState } from './lifecycle';

/**
 * The app's one database handle, opened at start-up by hooks.server.ts `init`; everything
 * server-side reaches the database through `db()`. Requests are served once `databaseState()` is
 * 'ready' (hooks.server.ts answers 503 before).
 */
let lifecycle: DatabaseLifecycle | undefined;

/**
 * Opens the database — a Postgres pool that connects on demand, or the PGlite folder — and prepares
 * it in the background, trying again while a server cannot be reached.
 */
export async function openDatabase(prepare: (handle: DatabaseHandle, signal: AbortSignal) => Promise<void>): Promise<DatabaseLifecycle> {
	if (lifecycle) return lifecycle;
	const c = appConfig();
	const handle = c.DATABASE_URL
		? postgresHandle({ url: c.DATABASE_URL, poolSize: c.DB_POOL_SIZE, preparedStatements: c.DB_PREPARED_STATEMENTS })
		: await openPGlite(c.DATA_DIR);
	lifecycle = startDatabase(handle, (signal) => prepare(handle, signal));
	return lifecycle;
}

export function databaseState(): DatabaseState {
	return lifecycle?.state() ?? 'starting';
}

export function db(): DatabaseHandle['db'] {
	if (!lifecycle) throw new Error('Database not opened: hooks.server.ts init must run first');
	return lifecycle.handle.db;
}
