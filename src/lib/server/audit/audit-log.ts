import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { auditChanges, auditSubject, type FieldChange } from './diff';

/** The audit log of one agency, newest first, a page at a time. */
export const AUDIT_PAGE_SIZE = 50;

export interface AuditEntry {
	id: number;
	at: Date;
	actor: string;
	action: string;
	entity: string;
	entityId: string | null;
	subject: string | null;
	/** Who created the API token an entry is about (token entries record it), else null. */
	createdBy: string | null;
	changes: FieldChange[];
}

export async function listAuditEntries(
	db: Kysely<Database>,
	agencyId: number,
	page: number,
	pageSize = AUDIT_PAGE_SIZE
): Promise<{ entries: AuditEntry[]; total: number; page: number; pages: number }> {
	const { total } = await db
		.selectFrom('audit_log')
		.select((eb) => eb.fn.countAll<number>().as('total'))
		.where('agency_id', '=', agencyId)
		.executeTakeFirstOrThrow();
	const pages = Math.max(1, Math.ceil(Number(total) / pageSize));
	const current = Math.min(Math.max(1, Math.floor(page) || 1), pages);
	const rows = await db
		.selectFrom('audit_log')
		.select(['id', 'at', 'actor', 'action', 'entity', 'entity_id', 'before', 'after'])
		.where('agency_id', '=', agencyId)
		.orderBy('at', 'desc')
		.orderBy('id', 'desc')
		.limit(pageSize)
		.offset((current - 1) * pageSize)
		.execute();
	return {
		total: Number(total),
		page: current,
		pages,
		entries: rows.map((r) => ({
			id: r.id,
			at: r.at,
			actor: r.actor,
			action: r.action,
			entity: r.entity,
			entityId: r.entity_id,
			subject: auditSubject(r.before, r.after),
			createdBy: r.entity === 'api_token' ? createdBy(r.after) ?? createdBy(r.before) : null,
			changes: auditChanges(r.before, r.after)
		}))
	};
}

function createdBy(value: unknown): string | null {
	const creator = value && typeof value === 'object' ? (value as Record<string, unknown>).created_by : null;
	return typeof creator === 'string' ? creator : null;
}
