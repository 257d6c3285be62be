import { z } from 'zod';

/**
 * A counter's public code: the token in its QR URL (/s/{code}), unique across the install. Typed
 * letters are lowered, because a URL that differs only in case is a trap on a printed poster.
 */
export const COUNTER_CODE = /^[a-z0-9][a-z0-9-]{1,39}$/;
export const counterCode = z
	.string({ error: 'admin.error.required' })
	.trim()
	.toLowerCase()
	.min(1, { error: 'admin.error.required' })
	.regex(COUNTER_CODE, { error: 'admin.counters.codeFormat' });
