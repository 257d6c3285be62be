import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { APP_LOCKS } from '../db/start-lock';
import { applyToSums } from './maintain';

/**
 * The folder: adds stored, unfolded responses to the sums in batches, off the submission path.
 *
 * One batch is one transaction: take the folder's advisory lock (so one batch runs at a time
 * across every app process on the database; another process finding it taken skips its turn),
 * lock up to `batchSize` unfolded responses (FOR UPDATE SKIP LOCKED: one a moderator holds waits
 * for the next batch), add them to the sums and mark them folded. A crash or an error anywhere in
 * the batch rolls all of it back: the responses stay unfolded and the next batch folds them, so
 * nothing is lost or counted twice. Reports never wait for it: they add the unfolded tail
 * themselves (read-sums.ts).
 */

/** The folder's advisory lock: (namespace, id) as db/start-lock.ts lists them. */
export const FOLDER_LOCK = sql`${sql.lit(APP_LOCKS)}, ${sql.lit(2)}`;

export interface FoldOptions {
	batchSize?: number;
	/** Test hook: runs after the sums are written, before the batch commits (a crash there rolls back). */
	beforeCommit?: (ids: readonly number[]) => void | Promise<void>;
}

/** Folds one batch; returns how many responses it folded (0: nothing to do, or another process folds). */
export async function foldBatch(db: Kysely<Database>, options: FoldOptions = {}): Promise<number> {
	const batchSize = options.batchSize ?? 2000;
	return db.transaction().execute(async (trx) => {
		const { rows } = await sql<{ locked: boolean }>`select pg_try_advisory_xact_lock(${FOLDER_LOCK}) as locked`.execute(trx);
		if (!rows[0]?.locked) return 0;
		const batch = await trx
			.selectFrom('responses')
			.select('id')
			.where('folded', '=', false)
			.orderBy('id')
			.limit(batchSize)
			.forUpdate()
			.skipLocked()
			.execute();
		if (batch.length === 0) return 0;
		const folded = await applyToSums(
			trx,
			batch.map((row) => row.id),
			1
		);
		await options.beforeCommit?.(batch.map((row) => row.id));
		return folded;
	});
}

/** Folds until nothing is left (the CLI, tests, the benchmark); returns how many it folded. */
export async function foldAll(db: Kysely<Database>, options: FoldOptions = {}): Promise<number> {
	let total = 0;
	for (;;) {
		const folded = await foldBatch(db, options);
		if (folded === 0) return total;
		total += folded;
	}
}

/** Seconds since the oldest unfolded response was submitted; 0 when everything is folded. */
export async function folderLagSeconds(db: Kysely<Database>): Promise<number> {
	const { rows } = await sql<{ lag: number | string | null }>`
		select extract(epoch from now() - min(submitted_at)) as lag from responses where not folded`.execute(db);
	const lag = rows[0]?.lag;
	return lag === null || lag === undefined ? 0 : Math.max(0, Number(lag));
}

/** This process's folder, once started: what nudgeFolder wakes. */
let current: Folder | undefined;

/** Wakes this process's folder, if it runs one (after a submission or an import is stored). */
export function nudgeFolder(): void {
	current?.nudge();
}

export interface Folder {
	/** Asks for a batch soon (after a submission); batches never overlap within a process. */
	nudge(): void;
	stop(): void;
}

/**
 * The folder each app process runs (hooks.server.ts): a round every `intervalMs` (responses of
 * other processes, of a crashed batch), and soon after this process accepts a response. A round
 * folds batch after batch until nothing is left. Errors (the database away) are logged and the
 * next round tries again, waiting longer after each failure up to a minute.
 */
export function startFolder(
	db: Kysely<Database>,
	options: { intervalMs: number; batchSize: number; log?: (line: string) => void }
): Folder {
	const log = options.log ?? console.error;
	let running = false;
	let again = false;
	let failures = 0;
	let stopped = false;
	let soon: ReturnType<typeof setTimeout> | undefined;

	const round = async () => {
		if (stopped) return;
		if (running) {
			again = true;
			return;
		}
		running = true;
		try {
			do {
				again = false;
				while (!stopped && (await foldBatch(db, { batchSize: options.batchSize })) > 0);
			} while (again && !stopped);
			failures = 0;
		} catch (error) {
			failures += 1;
			log(JSON.stringify({ level: 'error', event: 'sums_fold_failed', attempt: failures, error: String(error) }));
		} finally {
			running = false;
		}
	};

	const tick = () => {
		// Back off while failing: 1, 2, 4 … rounds skipped, at most a minute's worth.
		const skip = Math.min(2 ** failures - 1, Math.ceil(60_000 / options.intervalMs));
		if (skipped < skip) {
			skipped += 1;
			return;
		}
		skipped = 0;
		void round();
	};
	let skipped = 0;
	const timer = setInterval(tick, options.intervalMs);
	timer.unref();
	void round();
	const folder: Folder = {
		nudge() {
			if (stopped || soon || failures > 0) return;
			// A short delay gathers the submissions of a busy moment into one batch (fewer, larger batches).
			soon = setTimeout(() => {
				soon = undefined;
				void round();
			}, 250);
			soon.unref();
		},
		stop() {
			stopped = true;
			clearInterval(timer);
			if (soon) clearTimeout(soon);
			if (current === folder) current = undefined;
		}
	};
	current = folder;
	return folder;
}
