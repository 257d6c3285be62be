import { describe, expect, it } from 'vitest';
import { groupSecret, hashSecret, newTrackingSecret, normalizeSecret, petitionCode, PETITION_CODE, secretMatches } from './secret';

describe('tracking secrets', () => {
	it('are 16 characters of Crockford base32, different each time', () => {
		const secrets = new Set(Array.from({ length: 50 }, newTrackingSecret));
		expect(secrets.size).toBe(50);
		for (const secret of secrets) expect(secret).toMatch(/^[0-9ABCDEFGHJKMNPQRSTVWXYZ]{16}$/);
	});
	it('match as a citizen types them: any case, spaces, dashes, O for 0 and I or L for 1', () => {
		const hash = hashSecret('AB01CDEF2345GHJK');
		expect(secretMatches('ab01-cdef-2345-ghjk', hash)).toBe(true);
		expect(secretMatches(' aBOI CDEF 2345 GHJK ', hash)).toBe(true);
		expect(secretMatches('AB01CDEF2345GHJM', hash)).toBe(false);
		expect(secretMatches('', hash)).toBe(false);
		expect(normalizeSecret('abol-')).toBe('AB01');
		expect(groupSecret('AB01CDEF2345GHJK')).toBe('AB01-CDEF-2345-GHJK');
	});
	it('go with readable case codes', () => {
		expect(petitionCode(2026, 123)).toBe('PA-2026-000123');
		expect(petitionCode(2026, 1234567)).toBe('PA-2026-1234567');
		expect(['PA-2026-000123', 'PA-2026-12', "PA-2026-000123'"].map((c) => PETITION_CODE.test(c))).toEqual([true, false, false]);
	});
});
