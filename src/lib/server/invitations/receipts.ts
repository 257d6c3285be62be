import type { Kysely } from 'kysely';
import QRCode from 'qrcode';
import type { Database } from '../db/schema';
import { dossiersOfDay, findDossier } from '../dossiers/queries';
import { deriveInvitationCode, groupInvitationCode, invitationUrl } from './code';
import { invitationSecret } from './secret';

/**
 * What is printed for a dossier: its rating link as a QR code and as a short code to type at /r.
 * The code is derived again from the secret each time, so a reprint shows the same code.
 */
export interface Invitation {
	dossierCode: string;
	procedureName: string;
	code: string;
	grouped: string;
	url: string;
	/** Where to type the code by hand: the origin's /r, without "https://". */
	typeAt: string;
	svg: string;
}

/** A QR code of the invitation URL: error correction M, quiet zone inside, sized by its box. */
export function invitationQrSvg(url: string): Promise<string> {
	return QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
}

async function toInvitation(secret: Uint8Array, agencyId: number, origin: string, dossier: { code: string; procedureName: string }): Promise<Invitation> {
	const code = deriveInvitationCode(secret, agencyId, dossier.code);
	const url = invitationUrl(origin, code);
	return {
		dossierCode: dossier.code,
		procedureName: dossier.procedureName,
		code,
		grouped: groupInvitationCode(code),
		url,
		typeAt: `${origin.replace(/^https:\/\//, '').replace(/\/+$/, '')}/r`,
		svg: await invitationQrSvg(url)
	};
}

/** The invitation of one dossier of this agency, or undefined (unknown, or another agency's). */
export async function dossierInvitation(db: Kysely<Database>, agencyId: number, dossierCode: string, origin: string): Promise<Invitation | undefined> {
	const dossier = await findDossier(db, agencyId, dossierCode);
	if (!dossier) return undefined;
	return toInvitation(await invitationSecret(db), agencyId, origin, dossier);
}

/** The invitations of every dossier received that day, for a batch print of slips. */
export async function invitationsOfDay(db: Kysely<Database>, agencyId: number, day: string, origin: string): Promise<Invitation[]> {
	const [dossiers, secret] = await Promise.all([dossiersOfDay(db, agencyId, day), invitationSecret(db)]);
	return Promise.all(dossiers.map((d) => toInvitation(secret, agencyId, origin, d)));
}
