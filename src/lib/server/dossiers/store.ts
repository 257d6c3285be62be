import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { deriveInvitationCode, hashInvitationCode } from '../invitations/code';
import type { DossierInput } from './fields';

/**
 * Writing the register with set-based statements (one INSERT … SELECT FROM unnest per batch), so
 * 100,000 dossiers take a few dozen statements. Idempotent by (agency, dossier code): a dossier
 * seen again is updated — a later export fills returned_at — and keeps its invitation.
 */
const BATCH = 5000;
/** The first key of the advisory lock that lets one register write at a time run per agency. */
const REGISTER_LOCK = 0x1d0d;

export interface StoredDossiers {
	ids: number[];
	created: number;
	updated: number;
}

export async function lockRegister(trx: Kysely<Database>, agencyId: number): Promise<void> {
	await sql`select pg_advisory_xact_lock(${REGISTER_LOCK}, ${agencyId})`.execute(trx);
}

/**
 * The same lock without waiting: false while a register write of the agency runs. The folder
 * uses it (sums/register-months.ts) so that it never waits for, nor deadlocks with, an import.
 */
export async function tryLockRegister(trx: Kysely<Database>, agencyId: number): Promise<boolean> {
	const { rows } = await sql<{ locked: boolean }>`select pg_try_advisory_xact_lock(${REGISTER_LOCK}, ${agencyId}) as locked`.execute(trx);
	return rows[0]?.locked ?? false;
}

/** Stores the dossiers inside the caller's transaction (which holds lockRegister). */
export async function upsertDossiers(trx: Kysely<Database>, agencyId: number, secret: Uint8Array, dossiers: readonly DossierInput[], now: Date): Promise<StoredDossiers> {
	const stored: StoredDossiers = { ids: [], created: 0, updated: 0 };
	const officialIds = await upsertOfficials(trx, agencyId, dossiers);
	for (let start = 0; start < dossiers.length; start += BATCH) {
		const batch = dossiers.slice(start, start + BATCH);
		const iso = (d: Date | null) => (d ? d.toISOString() : null);
		const { rows } = await sql<{ id: number; code: string; created: boolean }>`
			insert into dossiers (agency_id, code, procedure_code, procedure_name, procedure_field_id, channel, unit_id, counter_id,
				received_at, due_at, returned_at, phone, email, invitation_hash,
				synced_national, digitised, full_online_service, paid_online, fee_required, updated_at)
			select ${agencyId}::int, u.*, ${now}::timestamptz
			from unnest(
				${batch.map((d) => d.code)}::text[],
				${batch.map((d) => d.procedureCode)}::text[],
				${batch.map((d) => d.procedureName)}::text[],
				${batch.map((d) => d.procedureFieldId)}::int[],
				${batch.map((d) => d.channel)}::text[],
				${batch.map((d) => d.unitId)}::int[],
				${batch.map((d) => d.counterId)}::int[],
				${batch.map((d) => iso(d.receivedAt))}::timestamptz[],
				${batch.map((d) => iso(d.dueAt))}::timestamptz[],
				${batch.map((d) => iso(d.returnedAt))}::timestamptz[],
				${batch.map((d) => d.phone)}::text[],
				${batch.map((d) => d.email)}::text[],
				${batch.map((d) => hashInvitationCode(deriveInvitationCode(secret, agencyId, d.code)))}::text[],
				${batch.map((d) => d.flags?.synced_national ?? null)}::boolean[],
				${batch.map((d) => d.flags?.digitised ?? null)}::boolean[],
				${batch.map((d) => d.flags?.full_online_service ?? null)}::boolean[],
				${batch.map((d) => d.flags?.paid_online ?? null)}::boolean[],
				${batch.map((d) => d.flags?.fee_required ?? null)}::boolean[]
			) as u
			on conflict (agency_id, code) do update set
				procedure_code = excluded.procedure_code,
				procedure_name = excluded.procedure_name,
				procedure_field_id = excluded.procedure_field_id,
				channel = excluded.channel,
				unit_id = excluded.unit_id,
				counter_id = excluded.counter_id,
				received_at = excluded.received_at,
				due_at = excluded.due_at,
				-- A result once returned stays returned, even if a later export leaves it out.
				returned_at = coalesce(excluded.returned_at, dossiers.returned_at),
				-- Contact details are kept only until the follow-up is queued (they then live in the outbox).
				phone = case when dossiers.follow_up_at is null then coalesce(excluded.phone, dossiers.phone) end,
				email = case when dossiers.follow_up_at is null then coalesce(excluded.email, dossiers.email) end,
				-- A flag the new export leaves empty keeps what an earlier one said.
				synced_national = coalesce(excluded.synced_national, dossiers.synced_national),
				digitised = coalesce(excluded.digitised, dossiers.digitised),
				full_online_service = coalesce(excluded.full_online_service, dossiers.full_online_service),
				paid_online = coalesce(excluded.paid_online, dossiers.paid_online),
				fee_required = coalesce(excluded.fee_required, dossiers.fee_required),
				updated_at = excluded.updated_at
			returning id, code, (xmax = 0) as created`.execute(trx);
		const idByCode = new Map(rows.map((r) => [r.code, Number(r.id)]));
		for (const row of rows) row.created ? stored.created++ : stored.updated++;
		stored.ids.push(...rows.map((r) => Number(r.id)));

		// Handling officials: a dossier that lists them gets exactly that list; one that lists none keeps its own.
		const listed = batch.filter((d) => d.officials.length);
		if (listed.length) {
			const dossierIds = listed.map((d) => idByCode.get(d.code)!);
			await sql`delete from dossier_officials where dossier_id = any(${dossierIds}::bigint[])`.execute(trx);
			const pairs = listed.flatMap((d) => d.officials.map((o) => [idByCode.get(d.code)!, officialIds.get(o.code)!] as const));
			await sql`
				insert into dossier_officials (dossier_id, official_id)
				select * from unnest(${pairs.map((p) => p[0])}::bigint[], ${pairs.map((p) => p[1])}::int[])`.execute(trx);
		}
	}
	return stored;
}

/** Officials named by the dossiers, created when new (with the first dossier's unit); code → id. */
async function upsertOfficials(trx: Kysely<Database>, agencyId: number, dossiers: readonly DossierInput[]): Promise<Map<string, number>> {
	const named = new Map<string, { name: string; unitId: number }>();
	for (const d of dossiers) for (const o of d.officials) if (!named.has(o.code)) named.set(o.code, { name: o.name, unitId: d.unitId });
	if (named.size === 0) return new Map();
	const codes = [...named.keys()];
	await sql`
		insert into officials (agency_id, code, name, unit_id)
		select ${agencyId}::int, * from unnest(${codes}::text[], ${codes.map((c) => named.get(c)!.name)}::text[], ${codes.map((c) => named.get(c)!.unitId)}::int[])
		on conflict (agency_id, code) do nothing`.execute(trx);
	const rows = await trx.selectFrom('officials').select(['id', 'code']).where('agency_id', '=', agencyId).where(sql<boolean>`code = any(${codes}::text[])`).execute();
	return new Map(rows.map((r) => [r.code, r.id]));
}

/** How many of these codes the agency has already (for a check-only run). */
export async function countKnownDossiers(db: Kysely<Database>, agencyId: number, codes: readonly string[]): Promise<number> {
	if (codes.length === 0) return 0;
	const { rows } = await sql<{ known: number }>`
		select count(*)::int as known from dossiers where agency_id = ${agencyId} and code = any(${codes}::text[])`.execute(db);
	return rows[0]!.known;
}
