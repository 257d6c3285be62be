import { createHash, randomBytes, randomInt } from 'node:crypto';

/**
 * A kiosk's secrets. The enrolment code is typed or scanned once, so it is short and free of
 * look-alike characters (no 0/O, 1/I/L); it expires after ENROLMENT_HOURS. The device credential
 * that enrolment hands the tablet is long and random. Only their SHA-256 is stored.
 */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const ENROLMENT_CODE_LENGTH = 10;
export const ENROLMENT_HOURS = 24;
export const ENROLMENT_CODE = /^[A-HJ-KM-NP-Z2-9]{10}$/;

export function newEnrolmentCode(): string {
	let code = '';
	for (let i = 0; i < ENROLMENT_CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
	return code;
}

export function newCredential(): string {
	return `kiosk_${randomBytes(32).toString('base64url')}`;
}

export const CREDENTIAL = /^kiosk_[A-Za-z0-9_-]{43}$/;

export function hashSecret(secret: string): string {
	return createHash('sha256').update(secret).digest('hex');
}
