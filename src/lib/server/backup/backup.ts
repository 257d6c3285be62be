import { spawn } from 'node:child_process';
import { createReadStream, existsSync, readdirSync, renameSync } from 'node:fs';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

/**
 * Backups of either database, for `npm run backup` and `npm run restore` (scripts/backup.ts,
 * scripts/restore.ts; README "Backups"):
 *
 * - a Postgres server: pg_dump's custom format (a consistent snapshot, taken while the app runs),
 *   restored by pg_restore piped into one psql transaction, so a restore that fails leaves the
 *   database as it was. The Debian/Ubuntu package postgresql-client provides the three; pg_dump must
 *   be of the server's major version or newer.
 * - the embedded PGlite: its own dump of the data folder (dumpDataDir, a gzipped tarball), loaded
 *   into an empty folder (loadDataDir). PGlite is one process at a time: stop the app first.
 *
 * A restore refuses to write over data unless told to replace it: the Postgres database is then
 * emptied in the same transaction as the restore, the PGlite folder moved aside (kept).
 */

export type BackupKind = 'postgres' | 'pglite';

export interface BackupTarget {
	/** postgres://… of the server; absent: PGlite in dataDir. */
	url?: string;
	dataDir: string;
}

export interface BackupResult {
	kind: BackupKind;
	file: string;
	bytes: number;
}

/** pg_dump's custom format starts with these bytes; PGlite's tarball is gzip (1f 8b). */
const PG_DUMP_MAGIC = 'PGDMP';

export class BackupError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'BackupError';
	}
}

/**
 * PGlite keeps postmaster.pid in its folder while it is open (removed at close): a folder with one
 * is the running app's, or one that was not closed (the app was killed). Opening it from a second
 * process could corrupt it, so that takes `force`, for the second case only.
 */
function refuseOpenFolder(dataDir: string, force: boolean | undefined): void {
	if (!force && existsSync(`${dataDir}/postmaster.pid`)) {
		throw new BackupError(
			`${dataDir} (DATA_DIR) is open: stop the app first (PGlite allows one process at a time). If no app is running (it was killed), add --force.`
		);
	}
}

export async function backupDatabase(target: BackupTarget, file: string, options: { force?: boolean } = {}): Promise<BackupResult> {
	if (!target.url) refuseOpenFolder(target.dataDir, options.force);
	await mkdir(dirname(file), { recursive: true });
	if (target.url) {
		const { url, env } = connection(target.url);
		await run('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--file=${file}`, `--dbname=${url}`], env);
	} else {
		if (!existsSync(`${target.dataDir}/PG_VERSION`)) throw new BackupError(`No PGlite database in ${target.dataDir} (DATA_DIR).`);
		const pglite = await PGlite.create(target.dataDir);
		try {
			await pglite.exec('checkpoint');
			const dump = await pglite.dumpDataDir('gzip');
			await writeFile(file, new Uint8Array(await dump.arrayBuffer()));
		} finally {
			await pglite.close();
		}
	}
	return { kind: target.url ? 'postgres' : 'pglite', file, bytes: (await stat(file)).size };
}

export interface RestoreResult {
	kind: BackupKind;
	/** PGlite with replace: where the folder that was there now is. */
	movedAside?: string;
}

export async function restoreDatabase(target: BackupTarget, file: string, options: { replace?: boolean; force?: boolean } = {}): Promise<RestoreResult> {
	if (!existsSync(file)) throw new BackupError(`No such file: ${file}`);
	const kind = await kindOfFile(file);
	const wanted: BackupKind = target.url ? 'postgres' : 'pglite';
	if (kind !== wanted) {
		throw new BackupError(
			kind === 'pglite'
				? `${file} is a backup of the embedded PGlite; unset DATABASE_URL to restore it into DATA_DIR.`
				: `${file} is a pg_dump of a Postgres server; set DATABASE_URL to the server's database to restore it.`
		);
	}
	if (!target.url) refuseOpenFolder(target.dataDir, options.force);
	return target.url ? restorePostgres(target.url, file, options.replace ?? false) : restorePGlite(target.dataDir, file, options.replace ?? false);
}

async function restorePostgres(databaseUrl: string, file: string, replace: boolean): Promise<RestoreResult> {
	const { url, env } = connection(databaseUrl);
	const client = new pg.Client({ connectionString: databaseUrl });
	await client.connect();
	let tables: number;
	try {
		const { rows } = await client.query<{ n: string }>(`select count(*) as n from pg_tables where schemaname = 'public'`);
		tables = Number(rows[0]!.n);
	} finally {
		await client.end();
	}
	if (tables > 0 && !replace) {
		throw new BackupError(`The database holds ${tables} tables already. Restore into an empty database, or add --replace to replace its data (stop the app first).`);
	}
	// pg_restore writes the dump as SQL and psql runs it in one transaction, after emptying the
	// schema when replacing. The transaction is committed only once pg_restore has written all of
	// it without error: a dump that breaks halfway ends psql's session uncommitted, rolled back.
	const psql = spawn('psql', ['--no-psqlrc', '--quiet', '--set=ON_ERROR_STOP=1', `--dbname=${url}`], { env, stdio: ['pipe', 'ignore', 'pipe'] });
	const restore = spawn('pg_restore', ['--no-owner', '--no-privileges', '--file=-', file], { env, stdio: ['ignore', 'pipe', 'pipe'] });
	const applied = exited('psql', psql);
	const dumped = exited('pg_restore', restore);
	// psql stopped at an error: pg_restore would wait forever to write the rest.
	applied.catch(() => restore.kill());
	psql.stdin.on('error', () => {}); // psql stopped at an error: its exit says why
	psql.stdin.write(`begin;\n${replace ? 'drop schema public cascade;\ncreate schema public;\n' : ''}`);
	restore.stdout.pipe(psql.stdin, { end: false });
	const wrote = await dumped.then(
		() => true,
		(error: unknown) => error
	);
	psql.stdin.end(wrote === true ? 'commit;\n' : undefined);
	await applied;
	if (wrote !== true) throw wrote;
	return { kind: 'postgres' };
}

async function restorePGlite(dataDir: string, file: string, replace: boolean): Promise<RestoreResult> {
	let movedAside: string | undefined;
	if (existsSync(dataDir) && readdirSync(dataDir).length > 0) {
		if (!replace) throw new BackupError(`${dataDir} (DATA_DIR) is not empty. Restore into an empty folder, or add --replace to move it aside (stop the app first).`);
		movedAside = `${dataDir.replace(/\/+$/, '')}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
		renameSync(dataDir, movedAside);
	}
	await mkdir(dataDir, { recursive: true });
	const pglite = await PGlite.create(dataDir, { loadDataDir: new Blob([new Uint8Array(await readFile(file))]) });
	try {
		await pglite.query('select 1');
	} finally {
		await pglite.close();
	}
	return { kind: 'pglite', movedAside };
}

async function kindOfFile(file: string): Promise<BackupKind> {
	const head = await new Promise<Buffer>((resolve, reject) => {
		const chunks: Buffer[] = [];
		createReadStream(file, { start: 0, end: 4 })
			.on('data', (chunk) => chunks.push(chunk as Buffer))
			.on('end', () => resolve(Buffer.concat(chunks)))
			.on('error', reject);
	});
	if (head.subarray(0, 5).toString('latin1') === PG_DUMP_MAGIC) return 'postgres';
	if (head[0] === 0x1f && head[1] === 0x8b) return 'pglite';
	throw new BackupError(`${file} is neither a pg_dump (custom format) nor a PGlite backup.`);
}

/** The URL without its password, which goes to the tools in PGPASSWORD (not on a command line `ps` shows). */
function connection(databaseUrl: string): { url: string; env: NodeJS.ProcessEnv } {
	const parsed = new URL(databaseUrl);
	const password = decodeURIComponent(parsed.password);
	parsed.password = '';
	return { url: parsed.toString(), env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) } };
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
	return exited(command, spawn(command, args, { env, stdio: ['ignore', 'ignore', 'pipe'] }));
}

function exited(command: string, child: ReturnType<typeof spawn>): Promise<void> {
	let stderr = '';
	child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
	return new Promise((resolve, reject) => {
		child.on('error', (error: NodeJS.ErrnoException) =>
			reject(
				new BackupError(
					error.code === 'ENOENT' ? `${command} is not installed (Debian/Ubuntu: apt-get install postgresql-client).` : `${command}: ${error.message}`
				)
			)
		);
		child.on('close', (code) => (code === 0 ? resolve() : reject(new BackupError(`${command} failed (exit ${code}): ${stderr.trim()}`))));
	});
}
