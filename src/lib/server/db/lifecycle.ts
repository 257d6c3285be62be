import type { DatabaseHandle } from './connect';
import { describeError, isDatabaseUnavailable } from './errors';

/**
 * `starting`: preparing the database (migrations, reference and demo data) for the first time;
 * `waiting`: the database could not be reached, trying again; `ready`: serving; `stopping`: closed
 * or closing.
 */
export type DatabaseState = 'starting' | 'waiting' | 'ready' | 'stopping';

export interface DatabaseLifecycle {
	readonly handle: DatabaseHandle;
	state(): DatabaseState;
	/** Resolves when the database is prepared; rejects when preparing failed for good. */
	readonly ready: Promise<void>;
	/** Stops preparing (at the next step), then closes the pool or PGlite. */
	stop(): Promise<void>;
}

export interface LifecycleOptions {
	/** First wait before trying again, doubled each time up to maxDelayMs. */
	firstDelayMs?: number;
	maxDelayMs?: number;
	/** Where "waiting for the database" lines go (JSON, one per attempt). */
	warn?: (line: string) => void;
}

/** Thrown into a preparation step when the app is stopping; not an error worth reporting. */
export class Stopping extends Error {
	constructor() {
		super('stopping');
		this.name = 'Stopping';
	}
}

/**
 * Prepares the database in the background and keeps trying while it cannot be reached, so the
 * app starts (and answers /healthz with 503) while its database server is down or its database
 * not created yet. Preparing must be safe to run again after an interruption (migrations and
 * seeds are). Any other error — a failing migration, a wrong password — rejects `ready`.
 */
export function startDatabase(
	handle: DatabaseHandle,
	prepare: (signal: AbortSignal) => Promise<void>,
	options: LifecycleOptions = {}
): DatabaseLifecycle {
	const firstDelay = options.firstDelayMs ?? 250;
	const maxDelay = options.maxDelayMs ?? 5000;
	const warn = options.warn ?? ((line) => console.error(line));
	const stopping = new AbortController();
	let state: DatabaseState = 'starting';
	let wake: (() => void) | undefined;

	const ready = (async () => {
		// Begin on the next turn of the event loop: init returns first and the HTTP server starts
		// listening, so its line comes before the preparation's, and the start-up summary is last.
		await new Promise((resolve) => setImmediate(resolve));
		for (let attempt = 1, delay = firstDelay; ; attempt++, delay = Math.min(delay * 2, maxDelay)) {
			try {
				await prepare(stopping.signal);
				if (stopping.signal.aborted) throw new Stopping();
				state = 'ready';
				return;
			} catch (error) {
				if (stopping.signal.aborted) throw new Stopping();
				if (!isDatabaseUnavailable(error)) throw error;
				state = 'waiting';
				warn(
					JSON.stringify({
						time: new Date().toISOString(),
						level: 'warn',
						event: 'database_unavailable_at_start',
						database: handle.location,
						attempt,
						retry_in_ms: delay,
						error: describeError(error)
					})
				);
				await new Promise<void>((resolve) => {
					const timer = setTimeout(resolve, delay);
					wake = () => {
						clearTimeout(timer);
						resolve();
					};
				});
				wake = undefined;
			}
		}
	})();
	// Whoever starts the lifecycle decides what a failure means; no unhandled rejection meanwhile.
	ready.catch(() => {});

	let closed: Promise<void> | undefined;
	return {
		handle,
		state: () => state,
		ready,
		stop() {
			closed ??= (async () => {
				state = 'stopping';
				stopping.abort();
				wake?.();
				// Let the current step notice the signal and roll back before the connection goes.
				await ready.catch(() => {});
				await handle.close();
			})();
			return closed;
		}
	};
}
