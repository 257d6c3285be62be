import type { Kysely } from 'kysely';
import { audit } from '../audit/audit';
import type { Principal } from '../auth/principal';
import type { Database } from '../db/schema';
import { invitationSecret } from '../invitations/secret';
import type { DossierInput } from './fields';
import { queueFollowUps } from './follow-up';
import { lockRegister, upsertDossiers } from './store';

/**
 * The dossier register of each agency (hồ sơ), written by the file import and the push API alike:
 * one transaction under the agency's register lock, the invitation hashes, the officials, the
 * follow-up messages of dossiers whose result came back, and one audit entry with counts only.
 * This folder owns dossiers, officials and their links; it never shows which dossier a response
 * came from (see invitations/ and the privacy rules in the README).
 */
export type Actor = Principal | { kind: 'system'; label: string };

export interface RegisterWrite {
	agencyId: number;
	actor: Actor;
	/** What the audit log records: the file name, or "api". */
	source: string;
	dossiers: readonly DossierInput[];
	origin: string;
	validDays: number;
	now?: Date;
}

export interface RegisterCounts {
	rows: number;
	created: number;
	updated: number;
	messages: number;
}

export async function writeRegister(db: Kysely<Database>, write: RegisterWrite): Promise<RegisterCounts> {
	const now = write.now ?? new Date();
	const secret = await invitationSecret(db);
	return db.transaction().execute(async (trx) => {
		await lockRegister(trx, write.agencyId);
		const stored = await upsertDossiers(trx, write.agencyId, secret, write.dossiers, now);
		const messages = await queueFollowUps(trx, write.agencyId, stored.ids, { origin: write.origin, validDays: write.validDays, secret, now });
		const counts = { rows: write.dossiers.length, created: stored.created, updated: stored.updated, messages };
		await audit(trx, write.actor, { agencyId: write.agencyId, action: 'dossiers.import', entity: 'dossier', entityId: null, after: { source: write.source, ...counts } });
		return counts;
	});
}
