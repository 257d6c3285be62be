import pg from 'pg';

/** The same server as the admin URL, another database on it. */
export function databaseUrl(adminUrl: string, name: string): string {
	const url = new URL(adminUrl);
	url.pathname = `/${name}`;
	return url.toString();
}

async function withAdmin<T>(adminUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
	const client = new pg.Client({ connectionString: adminUrl });
	await client.connect();
	try {
		return await work(client);
	} finally {
		await client.end();
	}
}

const quoted = (name: string) => {
	if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Unsafe database name: ${name}`);
	return `"${name}"`;
};

/** Drops the database if it is there (ending its sessions), then creates it empty. */
export async function recreateDatabase(adminUrl: string, name: string): Promise<string> {
	await withAdmin(adminUrl, async (client) => {
		await client.query(`drop database if exists ${quoted(name)} with (force)`);
		await client.query(`create database ${quoted(name)}`);
	});
	return databaseUrl(adminUrl, name);
}

export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
	await withAdmin(adminUrl, (client) => client.query(`drop database if exists ${quoted(name)} with (force)`));
}

/** Runs one query against a database and returns its rows. */
export async function query<T extends pg.QueryResultRow>(url: string, text: string, values: unknown[] = []): Promise<T[]> {
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	try {
		return (await client.query<T>(text, values)).rows;
	} finally {
		await client.end();
	}
}
