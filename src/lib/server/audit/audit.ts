import type { Kysely } from 'kysely';
import type { Principal } from '../auth/principal';
import type { Database } from '../db/schema';

/**
 * Every change an administrator makes, written in the same transaction as the change itself:
 * who, when, what, and the row before and after.
 */
export async function audit(
	trx: Kysely<Database>,
	actor: Principal | { kind: 'system'; label: string },
	entry: { agencyId: number | null; action: string; entity: string; entityId?: string | number | null; before?: unknown; after?: unknown }
): Promise<void> {
	await trx
		.insertInto('audit_log')
		.values({
			agency_id: entry.agencyId,
			user_id: actor.kind === 'user' ? actor.id : null,
			actor: actor.label,
			action: entry.action,
			entity: entry.entity,
			entity_id: entry.entityId == null ? null : String(entry.entityId),
			before: entry.before === undefined ? null : JSON.stringify(entry.before),
			after: entry.after === undefined ? null : JSON.stringify(entry.after)
		})
		.execute();
}
