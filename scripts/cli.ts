import { parseArgs } from 'node:util';
import { parseConfig } from '../src/lib/server/config-schema';
import { connectDatabase, migrateToLatest, type DatabaseHandle } from '../src/lib/server/db/connect';
import { withStartLock } from '../src/lib/server/db/start-lock';
import { seedReference } from '../src/lib/server/seed/reference';

/**
 * Opens the configured database (DATABASE_URL or PGlite in DATA_DIR) for a command, prepared as
 * the app prepares it at start (migrations, reference data), so commands work before a first start.
 */
export async function withDatabase<T>(work: (handle: DatabaseHandle) => Promise<T>): Promise<T> {
	const config = parseConfig(process.env);
	const handle = await connectDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR });
	try {
		// In turn with app processes starting on the same server (db/start-lock.ts).
		await withStartLock(handle, async (db) => {
			await migrateToLatest(db);
			await seedReference(db);
		});
		return await work(handle);
	} finally {
		await handle.close();
	}
}

type OptionSpecs = NonNullable<NonNullable<Parameters<typeof parseArgs>[0]>['options']>;

export function options<T extends OptionSpecs>(spec: T, usage: string) {
	try {
		return parseArgs({ options: spec, allowPositionals: true, strict: true });
	} catch (error) {
		fail(`${(error as Error).message}\n\n${usage}`);
	}
}

export function fail(message: string): never {
	console.error(message);
	process.exit(2);
}
