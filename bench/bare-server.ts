/**
 * The baseline: the least a server must do to store one survey submission correctly. A bare
 * node:http server and a pg Pool of the app's default size; it parses the same form body and writes
 * the same rows in one transaction, with no framework, validation or flood counting.
 *
 * Env: DATABASE_URL, PORT, COUNTER (default vp-01), DB_POOL_SIZE (default 10).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import pg from 'pg';

const counterCode = process.env.COUNTER ?? 'vp-01';
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.DB_POOL_SIZE ?? 10) });

// Looked up once: which agency, counter, active version and criteria this counter's form is for.
const { rows: [target] } = await pool.query<{ agency_id: number; counter_id: number; version_id: number }>(
	`select c.agency_id, c.id as counter_id, v.id as version_id
	   from counters c join survey_versions v on v.agency_id = c.agency_id and v.active
	  where c.code = $1 and c.active`,
	[counterCode]
);
if (!target) throw new Error(`No active counter ${counterCode}`);
const { rows: criteria } = await pool.query<{ id: number; key: string }>(
	'select id, key from criteria where survey_version_id = $1',
	[target.version_id]
);
const criterionIds = new Map(criteria.map((c) => [c.key, c.id]));
const thanks = `/s/${counterCode}/thanks`;

const PROFILE = ['channel', 'respondent_type', 'gender', 'age_group', 'ethnicity', 'procedure_field', 'dossier_code', 'comment'];

async function store(body: string): Promise<void> {
	const form = new URLSearchParams(body);
	const profile = PROFILE.map((name) => form.get(name) || null);
	const answers: (number | null)[] = [];
	for (const [name, value] of form) {
		const id = name.startsWith('a.') ? criterionIds.get(name.slice(2)) : undefined;
		if (id !== undefined && value !== '') answers.push(id, value === 'na' ? null : Number(value));
	}
	const client = await pool.connect();
	try {
		await client.query('begin');
		const { rows } = await client.query<{ id: string }>(
			`insert into responses (agency_id, counter_id, survey_version_id, submission_id, source,
			   channel, respondent_type, gender, age_group, ethnicity, procedure_field_id, dossier_code, comment)
			 values ($1, $2, $3, $4, 'online', $5, $6, $7, $8, $9, $10, $11, $12)
			 on conflict (submission_id) do nothing
			 returning id`,
			[target!.agency_id, target!.counter_id, target!.version_id, form.get('submission_id'), ...profile]
		);
		const responseId = rows[0]?.id;
		if (responseId !== undefined && answers.length) {
			const tuples = [];
			for (let i = 0; i < answers.length; i += 2) tuples.push(`($1, $${i + 2}, $${i + 3})`);
			await client.query(`insert into answers (response_id, criterion_id, value) values ${tuples.join(', ')}`, [responseId, ...answers]);
		}
		await client.query('commit');
	} catch (error) {
		await client.query('rollback').catch(() => {});
		throw error;
	} finally {
		client.release();
	}
}

function handle(request: IncomingMessage, response: ServerResponse): void {
	if (request.method === 'GET' && request.url === '/healthz') {
		response.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
		return;
	}
	if (request.method !== 'POST' || request.url !== `/s/${counterCode}`) {
		response.writeHead(404).end();
		return;
	}
	const chunks: Buffer[] = [];
	request.on('data', (chunk: Buffer) => chunks.push(chunk));
	request.on('end', () => {
		store(Buffer.concat(chunks).toString('utf8')).then(
			() => response.writeHead(303, { location: thanks }).end(),
			(error: Error) => {
				console.error(error.message);
				response.writeHead(500).end();
			}
		);
	});
}

const server = createServer(handle);
server.listen(Number(process.env.PORT ?? 3100), '127.0.0.1', () => console.log(`bare server on ${process.env.PORT}`));
