// npm run user:create -- --email a@b.vn --role province_admin
// npm run user:create -- --email a@b.vn --role admin --agency sct-gialai [--name "Nguyễn Văn A"]
// The password comes from HAILONG_PASSWORD, or is asked for on the terminal (not echoed).
import { createInterface } from 'node:readline';
import { createUser } from '../src/lib/server/auth/users';
import { ROLES } from '../src/lib/server/auth/principal';
import type { UserRole as Role } from '../src/lib/server/db/schema';
import { fail, options, withDatabase } from './cli';

const USAGE = 'Usage: npm run user:create -- --email EMAIL --role province_admin|admin|staff|leader [--agency CODE] [--name NAME]';
const { values } = options({ email: { type: 'string' }, role: { type: 'string' }, agency: { type: 'string' }, name: { type: 'string' } }, USAGE);
if (!values.email || !values.role) fail(USAGE);
if (!ROLES.includes(values.role as Role)) fail(`Unknown role ${values.role}.\n${USAGE}`);

const password = process.env.HAILONG_PASSWORD ?? (await askHidden('Mật khẩu / Password: '));
await withDatabase(async ({ db, kind, location }) => {
	try {
		const { id } = await createUser(db, {
			email: values.email!,
			role: values.role as Role,
			agencyCode: values.agency ?? null,
			name: values.name,
			password
		});
		console.log(`Created user #${id} ${values.email} (${values.role}) in ${kind}: ${location}.`);
	} catch (error) {
		fail(`Not created: ${(error as Error).message}`);
	}
});

function askHidden(question: string): Promise<string> {
	if (!process.stdin.isTTY) fail('No terminal to ask for the password: set HAILONG_PASSWORD.');
	const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
	const write = (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput.bind(rl);
	(rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (s) => write(s.startsWith(question) ? s : '');
	return new Promise((resolve) =>
		rl.question(question, (answer) => {
			rl.close();
			process.stdout.write('\n');
			resolve(answer);
		})
	);
}
