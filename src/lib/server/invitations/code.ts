import { createHash, createHmac } from 'node:crypto';

/**
 * A dossier's rating code: 21 characters of Crockford's base32 (0–9 and A–Z without I, L, O, U),
 * 105 bits taken from HMAC-SHA256(server secret, agency + dossier code). Without the secret the
 * code cannot be guessed or derived from the dossier code; with it the same code comes back every
 * time, so a receipt can be reprinted. Shown in three groups of seven (ABCDEFG-HJKMNPQ-RSTVWXY), fits
 * an SMS and a small QR code; typed back in any case, with or without spaces and dashes, and with
 * the letters people confuse (O for 0, I and L for 1) read as Crockford reads them.
 * Only SHA-256 of the code is stored (dossiers.invitation_hash), to find the dossier.
 */
export const CODE_LENGTH = 21;
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const VALID = /^[0-9A-HJKMNP-TV-Z]{21}$/;

export function deriveInvitationCode(secret: Uint8Array, agencyId: number, dossierCode: string): string {
	const digest = createHmac('sha256', secret).update(`invitation:v1:${agencyId}:${dossierCode}`).digest();
	let code = '';
	let buffer = 0;
	let bits = 0;
	for (const byte of digest) {
		buffer = (buffer << 8) | byte;
		bits += 8;
		while (bits >= 5 && code.length < CODE_LENGTH) {
			code += ALPHABET[(buffer >> (bits - 5)) & 31];
			bits -= 5;
		}
		buffer &= (1 << bits) - 1;
		if (code.length === CODE_LENGTH) break;
	}
	return code;
}

/** What is stored to find a code's dossier (hex SHA-256 of the canonical code). */
export function hashInvitationCode(code: string): string {
	return createHash('sha256').update(code).digest('hex');
}

/** The canonical code of what someone typed or scanned, or undefined when it cannot be a code. */
export function normalizeInvitationCode(input: string): string | undefined {
	const code = input
		.toUpperCase()
		.replace(/[\s\-.]/g, '')
		.replace(/O/g, '0')
		.replace(/[IL]/g, '1');
	return VALID.test(code) ? code : undefined;
}

/** ABCDEFG-HJKMNPQ-RSTVWXY: easier to read aloud and to type from paper. */
export function groupInvitationCode(code: string): string {
	return `${code.slice(0, 7)}-${code.slice(7, 14)}-${code.slice(14)}`;
}

/** The address in the QR code and the message: the ungrouped code, upper case. */
export function invitationUrl(origin: string, code: string): string {
	return `${origin.replace(/\/+$/, '')}/r/${code}`;
}
