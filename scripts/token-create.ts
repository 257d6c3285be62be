// npm run token:create -- --agency sct-gialai --role leader [--name "Cổng báo cáo tỉnh"]
// Prints the token once; only its hash is stored.
import { createApiToken, type TokenRole } from '../src/lib/server/auth/tokens';
import { audit } from '../src/lib/server/audit/audit';
import { fail, options, withDatabase } from './cli';

const USAGE = 'Usage: npm run token:create -- --agency CODE --role admin|staff|leader|integration [--name NAME]';
const { values } = options({ agency: { type: 'string' }, role: { type: 'string' }, name: { type: 'string' } }, USAGE);
if (!values.agency || !values.role) fail(USAGE);
if (!['admin', 'staff', 'leader', 'integration'].includes(values.role)) fail(`Unknown role ${values.role}.\n${USAGE}`);

await withDatabase(async ({ db }) => {
	const agency = await db.selectFrom('agencies').select('id').where('code', '=', values.agency!).executeTakeFirst();
	if (!agency) fail(`No agency has the code ${values.agency}.`);
	const name = values.name ?? `${values.role} token`;
	const created = await db.transaction().execute(async (trx) => {
		const token = await createApiToken(trx, { agencyId: agency.id, name, role: values.role as TokenRole, createdBy: null });
		await audit(trx, { kind: 'system', label: 'cli:token:create' }, {
			agencyId: agency.id, action: 'token.create', entity: 'api_token', entityId: token.id, after: { name, role: values.role }
		});
		return token;
	});
	console.log(`Token #${created.id} for ${values.agency} (${values.role}). Shown once — keep it safe:\n${created.token}`);
});
