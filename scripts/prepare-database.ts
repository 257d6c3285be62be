// Prepares the configured database as the app does at start — migrations, reference data, and in
// demo mode the demo responses and their sums — then closes it. `npm start` (scripts/start.js)
// runs it beside the build on a first start with a fresh embedded database, so that both happen at
// once; the server then finds the database ready. SIGINT or SIGTERM rolls back the step under way.
import { parseConfig } from '../src/lib/server/config-schema';
import { connectDatabase } from '../src/lib/server/db/connect';
import { prepareDatabase } from '../src/lib/server/startup';

const config = parseConfig(process.env);
const stopping = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => stopping.abort());

const handle = await connectDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR });
try {
	await prepareDatabase(handle, config, console.log, stopping.signal);
} catch (error) {
	if (!stopping.signal.aborted) console.error(error);
	process.exitCode = stopping.signal.aborted ? 130 : 1;
} finally {
	await handle.close();
}
