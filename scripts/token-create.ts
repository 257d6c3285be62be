// npm run token:create -- --agency sct-gialai --role leader [--name "Cổng báo cáo tỉnh"]
// Prints the token once; only its hash is stored.
import { createApiToken, isTokenRole, TOKEN_ROLES } from '../src/lib/server/auth/tokens';
import { audit } from '../src/lib/server/audit/audit';
import { fail, options, withDatabase } from './cli';

const USAGE = `Usage: npm run token:create -- --agency CODE --role ${TOKEN_ROLES.join('|')} [--name NAME]\n` +
	'Tokens reach only /api/v1: leader reads reports; integration is reserved for the dossier push API.';
const { values } = options({ agency: { type: 'string' }, role: { type: 'string' }, name: { type: 'string' } }, USAGE);
if (!values.agency || !values.role) fail(USAGE);
const role = values.role;
if (!isTokenRole(role)) fail(`A token's role is ${TOKEN_ROLES.join(' or ')}, not ${role}.\n${USAGE}`);

await withDatabase(async ({ db }) => {
	const agency = await db.selectFrom('agencies').select('id').where('code', '=', values.agency!).executeTakeFirst();
	if (!agency) fail(`No agency has the code ${values.agency}.`);
	const name = values.name ?? `${role} token`;
	const created = await db.transaction().execute(async (trx) => {
		const token = await createApiToken(trx, { agencyId: agency.id, name, role, createdBy: null });
		await audit(trx, { kind: 'system', label: 'cli:token:create' }, {
			agencyId: agency.id, action: 'token.create', entity: 'api_token', entityId: token.id, after: { name, role, created_by: null }
		});
		return token;
	});
	console.log(`Token #${created.id} for ${values.agency} (${role}). Shown once — keep it safe:\n${created.token}`);
});
