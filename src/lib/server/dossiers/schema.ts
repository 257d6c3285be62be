import { z } from 'zod';
import { DOSSIER_FIELDS, REGISTER_FLAGS, type DossierField } from './fields';

/**
 * The push API's body: a JSON array of at most PUSH_MAX dossiers, each an object with the
 * register's columns as keys. Values may be strings, numbers or null (the plan's flags also booleans) (null and absent mean "not
 * given"); officials may also be an array of {code, name}. Everything else is checked by
 * checkDossier, exactly as for a file row.
 */
export const PUSH_MAX = 1000;

const isFlag = (field: DossierField) => (REGISTER_FLAGS as readonly string[]).includes(field);
const scalar = z.union([z.string().max(2000), z.number(), z.null()]).optional();
const official = z.object({ code: z.string().max(100), name: z.string().max(300) });

export const pushedDossier = z
	.object({
		...Object.fromEntries(DOSSIER_FIELDS.filter((f) => f !== 'officials' && !isFlag(f)).map((f) => [f, scalar])),
		// The plan's flags may also be JSON booleans.
		...Object.fromEntries(REGISTER_FLAGS.map((f) => [f, z.union([z.boolean(), z.string().max(20), z.null()]).optional()])),
		officials: z.union([scalar, z.array(official).max(50)])
	})
	.strict();

export const pushBody = z.array(z.unknown()).max(PUSH_MAX);
