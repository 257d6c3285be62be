// npm run restore -- FILE              — restores a backup of `npm run backup` into an empty database
// npm run restore -- FILE --replace    — … over the database's data (stop the app first)
// DATABASE_URL set: into that Postgres database, in one transaction (a failed restore changes
// nothing; --replace empties it in the same transaction). Unset: into DATA_DIR (PGlite), which must
// be empty; --replace moves the folder there aside (kept, named …before-restore-<time>). A folder the
// app has open is refused (--force: it was left open by a killed app).
// The app migrates the restored database to its own version at its next start.
import { parseConfig } from '../src/lib/server/config-schema';
import { BackupError, restoreDatabase } from '../src/lib/server/backup/backup';
import { fail, options } from './cli';

const usage = 'npm run restore -- FILE [--replace] [--force]';
const { values, positionals } = options({ replace: { type: 'boolean' }, force: { type: 'boolean' } }, usage);
if (positionals.length !== 1) fail(usage);
const config = parseConfig(process.env);

try {
	const result = await restoreDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR }, positionals[0]!, { replace: values.replace, force: values.force });
	if (result.movedAside) console.log(`Thư mục cũ đã được dời sang ${result.movedAside}. / The previous folder is now ${result.movedAside}.`);
	console.log(`Đã khôi phục (${result.kind}) từ ${positionals[0]}. / Restored from ${positionals[0]}.`);
} catch (error) {
	if (error instanceof BackupError) fail(error.message);
	throw error;
}
