import type { Kysely } from 'kysely';
import type { Config } from '../config-schema';
import type { Database } from '../db/schema';
import { queuePlanReminders } from './reminders';

/**
 * Queues the plan's reminders every PLAN_REMINDER_MINUTES (hooks.server.ts init starts it beside
 * the outbox worker). Several processes may run it: the outbox's idempotency keys queue each
 * reminder once. PLAN_REMINDERS=0 turns it off.
 */
export function startPlanReminders(db: Kysely<Database>, config: Config, log = console.error): () => void {
	if (config.PLAN_REMINDERS === false) return () => {};
	const origin = config.PUBLIC_ORIGIN ?? process.env.ORIGIN?.replace(/\/+$/, '') ?? `http://localhost:${config.PORT}`;
	let running = false;
	const tick = async () => {
		if (running) return;
		running = true;
		try {
			await queuePlanReminders(db, { origin });
		} catch (error) {
			log(JSON.stringify({ level: 'error', event: 'plan_reminders_failed', error: String(error) }));
		} finally {
			running = false;
		}
	};
	const timer = setInterval(tick, config.PLAN_REMINDER_MINUTES * 60_000);
	timer.unref();
	void tick();
	return () => clearInterval(timer);
}
