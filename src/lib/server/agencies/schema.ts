import { z } from 'zod';

/** An agency's code, in its staff URLs (/a/{code}); the migration allows up to 63 characters. */
export const AGENCY_CODE = /^[a-z0-9][a-z0-9-]{1,62}$/;
export const agencyCode = z
	.string({ error: 'admin.error.required' })
	.trim()
	.toLowerCase()
	.min(1, { error: 'admin.error.required' })
	.regex(AGENCY_CODE, { error: 'admin.agencies.codeFormat' });
