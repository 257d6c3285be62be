import type { Kysely } from 'kysely';
import type { Database, UserRole as Role } from '../db/schema';
import { hashPassword, PASSWORD_MIN_LENGTH } from './password';

export interface NewUser {
	email: string;
	password: string;
	role: Role;
	/** Required for every role but province_admin. */
	agencyCode: string | null;
	name?: string;
}

/** Creates a user; throws a readable Error for a short password, a missing or unknown agency. */
export async function createUser(db: Kysely<Database>, input: NewUser): Promise<{ id: number }> {
	if (input.password.length < PASSWORD_MIN_LENGTH) throw new Error(`The password needs at least ${PASSWORD_MIN_LENGTH} characters.`);
	let agencyId: number | null = null;
	if (input.role !== 'province_admin') {
		if (!input.agencyCode) throw new Error(`A ${input.role} belongs to an agency: give --agency CODE.`);
		const agency = await db.selectFrom('agencies').select('id').where('code', '=', input.agencyCode).executeTakeFirst();
		if (!agency) throw new Error(`No agency has the code ${input.agencyCode}.`);
		agencyId = agency.id;
	}
	return db
		.insertInto('users')
		.values({
			email: input.email.trim().toLowerCase(),
			name: input.name ?? '',
			role: input.role,
			agency_id: agencyId,
			password_hash: await hashPassword(input.password)
		})
		.returning('id')
		.executeTakeFirstOrThrow();
}

/** The demo accounts, one per role, created in demo mode only. Printed at start and in the README. */
export const DEMO_PASSWORD = 'hailong-demo';
export const DEMO_USERS: ReadonlyArray<{ email: string; role: Role; agencyCode: string | null }> = [
	{ email: 'province@hailong.demo', role: 'province_admin', agencyCode: null },
	{ email: 'admin@sct-gialai.demo', role: 'admin', agencyCode: 'sct-gialai' },
	{ email: 'staff@sct-gialai.demo', role: 'staff', agencyCode: 'sct-gialai' },
	{ email: 'leader@sct-gialai.demo', role: 'leader', agencyCode: 'sct-gialai' }
];

export async function seedDemoUsers(db: Kysely<Database>): Promise<boolean> {
	const any = await db.selectFrom('users').select('id').limit(1).executeTakeFirst();
	if (any) return false;
	for (const user of DEMO_USERS) await createUser(db, { ...user, password: DEMO_PASSWORD });
	return true;
}
