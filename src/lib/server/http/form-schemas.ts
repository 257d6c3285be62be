import { z } from 'zod';
import { storableText } from '../db/limits';

/**
 * Zod fields that forms of several features share. Every message is a staff catalogue key, so a
 * problem is shown in the reader's language next to its field.
 */

/** A display name (unit, counter, procedure field, token): trimmed, 1–200 characters. */
export const displayName = z
	.string({ error: 'admin.error.required' })
	.trim()
	.min(1, { error: 'admin.error.required' })
	.max(200, { error: 'admin.error.tooLong200' })
	.refine(storableText, { error: 'admin.error.unstorable' });

/** An id chosen in a form (a unit for a counter, say): plain decimal digits within int4, nothing coerced ("0x3", "1e1", " 1"). */
export const chosenId = z
	.union([z.string().regex(/^[1-9][0-9]{0,9}$/).transform(Number), z.number().int()], { error: 'admin.error.choose' })
	.pipe(z.number().min(1, { error: 'admin.error.choose' }).max(2_147_483_647, { error: 'admin.error.choose' }));

