import { z } from 'zod';
import { OFFICIAL_CODE } from '../dossiers/fields';
import { chosenId, displayName } from '../http/form-schemas';

/**
 * The officials forms. An official's code is the one-stop system's (the register's `officials`
 * column reads `CODE:Name`), so it is kept exactly as typed, apart from spaces around it, and
 * never changed once created: the import finds the official by it.
 */
export const officialCode = z
	.string({ error: 'admin.error.required' })
	.trim()
	.min(1, { error: 'admin.error.required' })
	.regex(OFFICIAL_CODE, { error: 'admin.officials.codeFormat' });

/** A unit chosen in the list, or none (the empty option). */
export const officialUnit = z.preprocess((v) => (v === undefined || v === '' ? null : v), chosenId.nullable());

export const createOfficialForm = z.object({ code: officialCode, name: displayName, unit: officialUnit });
export const editOfficialForm = z.object({ name: displayName, unit: officialUnit });
