import { sql, type Kysely } from 'kysely';
import type { Database } from './schema';

/** Whether the database answers a trivial query within `timeoutMs` (for /healthz). */
export async function databaseAnswers(db: Kysely<Database>, timeoutMs = 2000): Promise<boolean> {
	let timer: NodeJS.Timeout | undefined;
	try {
		await Promise.race([
			sql`select 1`.execute(db),
			new Promise((_, reject) => {
				timer = setTimeout(() => reject(new Error('timeout')), timeoutMs);
				timer.unref();
			})
		]);
		return true;
	} catch {
		return false;
	} finally {
		clearTimeout(timer);
	}
}
