import { z } from 'zod';
import { INT4_MAX, storableText } from '../db/limits';

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

/** An id chosen in a form (a unit for a counter, say). */
export const chosenId = z.coerce
	.number({ error: 'admin.error.choose' })
	.int({ error: 'admin.error.choose' })
	.positive({ error: 'admin.error.choose' })
	.max(INT4_MAX, { error: 'admin.error.choose' });

