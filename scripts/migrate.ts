// npm run db:migrate            — applies every pending migration
// npm run db:migrate -- --down  — reverts the latest one
// Uses DATABASE_URL when set, else the embedded PGlite in DATA_DIR (stop the app first: PGlite
// allows one process at a time).
import { Migrator } from 'kysely';
import { migrationProvider } from '../migrations/index';
import { parseConfig } from '../src/lib/server/config-schema';
import { connectDatabase } from '../src/lib/server/db/connect';

const config = parseConfig(process.env);
const handle = await connectDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR });
const migrator = new Migrator({ db: handle.db, provider: migrationProvider, allowUnorderedMigrations: true }); // as db/connect.ts
const down = process.argv.includes('--down');
const { error, results } = down ? await migrator.migrateDown() : await migrator.migrateToLatest();
for (const r of results ?? []) console.log(`${r.status === 'Success' ? '✔' : '✘'} ${r.direction} ${r.migrationName} (${r.status})`);
if (!results?.length) console.log(`Nothing to do (${handle.kind}: ${handle.location}).`);
await handle.close();
if (error) {
	console.error(error);
	process.exit(1);
}
