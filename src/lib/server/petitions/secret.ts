import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The tracking secret a citizen gets with a petition's code: 16 characters of Crockford base32
 * (80 bits), shown once at submission (and sent to the contact given). Only its SHA-256 is kept,
 * so the database alone cannot open a case's tracking page, and codes (sequential, readable)
 * cannot be enumerated without it.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const SECRET_LENGTH = 16;

export function newTrackingSecret(): string {
	const bytes = randomBytes(SECRET_LENGTH);
	let secret = '';
	for (const byte of bytes) secret += ALPHABET[byte & 31];
	return secret;
}

/** What a citizen types: any case, spaces and dashes, O for 0 and I/L for 1. */
export function normalizeSecret(input: string): string {
	return input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}

export function hashSecret(secret: string): string {
	return createHash('sha256').update(normalizeSecret(secret)).digest('hex');
}

export function secretMatches(input: string, storedHash: string): boolean {
	const given = Buffer.from(hashSecret(input), 'hex');
	const stored = Buffer.from(storedHash, 'hex');
	return given.length === stored.length && timingSafeEqual(given, stored);
}

/** 'ABCD-EFGH-JKMN-PQRS' for reading aloud and copying. */
export function groupSecret(secret: string): string {
	return secret.match(/.{1,4}/g)!.join('-');
}

/** PA-2026-000123: the year of receipt and the case's id. */
export function petitionCode(year: number, id: number): string {
	return `PA-${year}-${String(id).padStart(6, '0')}`;
}

export const PETITION_CODE = /^PA-[0-9]{4}-[0-9]{6,12}$/;
