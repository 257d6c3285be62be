import { appConfig } from '../config';
import { connectDatabase, type DatabaseHandle } from './connect';

/**
 * The app's one database handle, opened at start-up by hooks.server.ts `init`; everything
 * server-side reaches the database through `db()`.
 */
let handle: DatabaseHandle | undefined;

export async function openDatabase(): Promise<DatabaseHandle> {
	const c = appConfig();
	handle ??= await connectDatabase({ url: c.DATABASE_URL, dataDir: c.DATA_DIR, poolSize: c.DB_POOL_SIZE });
	return handle;
}

export function db(): DatabaseHandle['db'] {
	if (!handle) throw new Error('Database not opened: hooks.server.ts init must run first');
	return handle.db;
}
