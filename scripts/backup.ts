// npm run backup                     — backs up the database to backups/hailong-<kind>-<time>.<ext>
// npm run backup -- --out FILE       — … to FILE
// DATABASE_URL set: pg_dump of the server (custom format), taken while the app runs. Unset: PGlite's
// dump of DATA_DIR (a .tar.gz; stop the app first, PGlite allows one process at a time: a folder
// still open is refused, and --force is for one left open by a killed app).
// README "Backups" says how to restore, and how to keep them.
import { parseConfig } from '../src/lib/server/config-schema';
import { backupDatabase, BackupError } from '../src/lib/server/backup/backup';
import { fail, options } from './cli';

const { values } = options({ out: { type: 'string' }, force: { type: 'boolean' } }, 'npm run backup [-- --out FILE] [--force]');
const config = parseConfig(process.env);
const kind = config.DATABASE_URL ? 'postgres' : 'pglite';
const stamp = new Date().toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
const file = values.out ?? `backups/hailong-${kind}-${stamp}.${kind === 'postgres' ? 'pgdump' : 'tar.gz'}`;

try {
	const result = await backupDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR }, file, { force: values.force });
	console.log(`Đã sao lưu (${result.kind}) vào ${result.file}: ${(result.bytes / 1024).toFixed(0)} KB. / Backed up to ${result.file}.`);
} catch (error) {
	if (error instanceof BackupError) fail(error.message);
	throw error;
}
