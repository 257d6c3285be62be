import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

/**
 * The secret that invitation codes are derived from: 32 random bytes created in the database the
 * first time one is needed (table app_secrets), so every app process and command shares it and a
 * backup restores it with the dossiers it belongs to. Changing it would change every code not yet
 * printed; that is why it is not an environment variable that could drift between processes.
 */
const cache = new WeakMap<object, Promise<Uint8Array>>();

export function invitationSecret(db: Kysely<Database>): Promise<Uint8Array> {
	let secret = cache.get(db);
	if (!secret) {
		secret = load(db);
		secret.catch(() => cache.delete(db));
		cache.set(db, secret);
	}
	return secret;
}

async function load(db: Kysely<Database>): Promise<Uint8Array> {
	// Several processes may race at first use: the first insert wins, all read it back.
	await db.insertInto('app_secrets').values({ name: 'invitation', value: randomBytes(32) }).onConflict((oc) => oc.column('name').doNothing()).execute();
	const row = await db.selectFrom('app_secrets').select('value').where('name', '=', 'invitation').executeTakeFirstOrThrow();
	return new Uint8Array(row.value);
}
