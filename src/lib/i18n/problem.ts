import type { adminVi } from './admin.vi';

/**
 * Why an administrative form was refused, shown next to the field it concerns: a key of the
 * administration catalogue and its parameters. The use cases answer it (server/http/outcome.ts)
 * and the admin pages show it (FieldError.svelte), so it lives outside the server.
 */
export type AdminMessageKey = keyof typeof adminVi;

export interface Problem {
	key: AdminMessageKey;
	params?: Record<string, string | number>;
}
