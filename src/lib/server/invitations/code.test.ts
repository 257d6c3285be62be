import { describe, expect, it } from 'vitest';
import { deriveInvitationCode, groupInvitationCode, hashInvitationCode, invitationUrl, normalizeInvitationCode } from './code';

const secret = new Uint8Array(32).fill(7);

describe('invitation codes', () => {
	it('are 21 Crockford base32 characters (105 bits), the same for the same dossier', () => {
		const code = deriveInvitationCode(secret, 1, 'H21.65-220914-0011');
		expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{21}$/);
		expect(deriveInvitationCode(secret, 1, 'H21.65-220914-0011')).toBe(code);
	});

	it('differ with the dossier, the agency and the secret', () => {
		const code = deriveInvitationCode(secret, 1, 'H21.65-220914-0011');
		expect(deriveInvitationCode(secret, 1, 'H21.65-220914-0012')).not.toBe(code);
		expect(deriveInvitationCode(secret, 2, 'H21.65-220914-0011')).not.toBe(code);
		expect(deriveInvitationCode(new Uint8Array(32).fill(8), 1, 'H21.65-220914-0011')).not.toBe(code);
	});

	it('are read back whatever the case, spaces, dashes and look-alike letters', () => {
		const code = deriveInvitationCode(secret, 1, 'X');
		const grouped = groupInvitationCode(code);
		expect(grouped).toMatch(/^.{7}-.{7}-.{7}$/);
		expect(normalizeInvitationCode(grouped.toLowerCase())).toBe(code);
		expect(normalizeInvitationCode(` ${grouped.replace(/-/g, ' ')} `)).toBe(code);
		expect(normalizeInvitationCode('0000000000000000000O1')).toBe('000000000000000000001');
		expect(normalizeInvitationCode('IL00000000000000000OO')).toBe('110000000000000000000');
		for (const bad of ['', 'abc', code.slice(1), `${code}0`, 'UUUUUUUUUUUUUUUUUUUUU']) expect(normalizeInvitationCode(bad)).toBeUndefined();
	});

	it('are stored only as a hash, and put in an address', () => {
		expect(hashInvitationCode('A')).toMatch(/^[0-9a-f]{64}$/);
		expect(invitationUrl('https://khaosat.gov.vn/', 'ABC')).toBe('https://khaosat.gov.vn/r/ABC');
	});
});
