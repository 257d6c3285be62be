import type { Kysely } from 'kysely';
import type { Principal } from '../auth/principal';
import type { Database } from '../db/schema';
import { createNamed, listNamed, renameNamed } from '../units/named-table';

/** An agency's procedure fields (lĩnh vực TTHC): the optional choice citizens make in the survey. */
export const listProcedureFields = (db: Kysely<Database>, agencyId: number) => listNamed(db, 'procedure_fields', agencyId);
export const createProcedureField = (db: Kysely<Database>, actor: Principal, agencyId: number, raw: unknown) =>
	createNamed(db, actor, 'procedure_fields', agencyId, raw);
export const renameProcedureField = (db: Kysely<Database>, actor: Principal, agencyId: number, id: number, raw: unknown) =>
	renameNamed(db, actor, 'procedure_fields', agencyId, id, raw);
