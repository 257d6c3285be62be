import type { Kysely } from 'kysely';
import type { Config } from '../config-schema';
import type { Database } from '../db/schema';
import { forgetOldContacts } from '../dossiers/follow-up';
import { deliverDue } from './deliver';
import { forgetOldRecipients } from './enqueue';
import { transportsFromConfig } from './transports';

/**
 * The outbox worker each app process starts (hooks.server.ts init): every OUTBOX_POLL_SECONDS it
 * sends what is due and deletes contact details past their retention period. Several processes may
 * run it at once (see deliver.ts). OUTBOX_WORKER=0 turns it off.
 */
export function startOutboxWorker(db: Kysely<Database>, config: Config, log = console.error): () => void {
	if (config.OUTBOX_WORKER === false) return () => {};
	const transports = transportsFromConfig(config);
	let running = false;
	const tick = async () => {
		if (running) return;
		running = true;
		try {
			await deliverDue(db, { transports, maxAttempts: config.OUTBOX_MAX_ATTEMPTS, quietHours: config.OUTBOX_QUIET_HOURS !== false });
			await forgetOldRecipients(db, config.CONTACT_RETENTION_DAYS);
			await forgetOldContacts(db, config.CONTACT_RETENTION_DAYS);
		} catch (error) {
			log(JSON.stringify({ level: 'error', event: 'outbox_round_failed', error: String(error) }));
		} finally {
			running = false;
		}
	};
	const timer = setInterval(tick, config.OUTBOX_POLL_SECONDS * 1000);
	timer.unref();
	void tick();
	return () => clearInterval(timer);
}
