// A built app of its own, for the specs about the server process itself (start, stop, database
// outages): `node scripts/serve.js` in a child process, on a free port, with its own database.
// Each spec stops what it starts (SIGTERM, then SIGKILL if that did not end it).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { RUN_DIR } from './settings';

const root = fileURLToPath(new URL('../../', import.meta.url));
// The snapshot of the build that start-server.mjs runs (a rebuild during the run cannot swap it).
const snapshot = `${RUN_DIR}/app/scripts/serve.js`;
const serveScript = existsSync(snapshot) ? snapshot : `${root}scripts/serve.js`;

export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as { port: number };
			server.close(() => resolve(port));
		});
	});
}

export async function until<T>(check: () => T | Promise<T>, what: string, timeoutMs = 30_000): Promise<NonNullable<T>> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await check();
		if (value) return value;
		if (Date.now() > deadline) throw new Error(`gave up after ${timeoutMs / 1000} s waiting until ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
}

export interface Exit {
	code: number | null;
	signal: NodeJS.Signals | null;
}

export class AppProcess {
	readonly output: string[] = [];
	readonly exited: Promise<Exit>;
	exit: Exit | undefined;

	constructor(
		readonly child: ChildProcess,
		readonly url: string
	) {
		const keep = (chunk: Buffer) => this.output.push(...chunk.toString('utf8').split('\n').filter(Boolean));
		child.stdout!.on('data', keep);
		child.stderr!.on('data', keep);
		this.exited = new Promise((resolve) =>
			child.once('exit', (code, signal) => {
				this.exit = { code, signal };
				resolve(this.exit);
			})
		);
	}

	get running(): boolean {
		return this.exit === undefined;
	}

	/** The status of GET /healthz, or 0 when nothing answers. */
	async health(): Promise<number> {
		return fetch(`${this.url}/healthz`).then(
			(r) => r.status,
			() => 0
		);
	}

	/** Waits for /healthz 200; fails at once if the process ends. */
	async healthy(timeoutMs = 120_000): Promise<void> {
		await until(
			async () => {
				if (!this.running) throw new Error(`the app exited (${JSON.stringify(this.exit)}):\n${this.output.join('\n')}`);
				return (await this.health()) === 200;
			},
			'the app is healthy',
			timeoutMs
		);
	}

	/** Sends the signal and waits for the exit; undefined if it did not come within the bound. */
	async signal(signal: NodeJS.Signals, timeoutMs: number): Promise<Exit | undefined> {
		if (!this.running) return this.exit;
		this.child.kill(signal);
		let timer: NodeJS.Timeout | undefined;
		const late = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), timeoutMs)));
		const exit = await Promise.race([this.exited, late]);
		clearTimeout(timer);
		return exit;
	}

	/** Cleanup: SIGTERM, then SIGKILL. */
	async stop(): Promise<void> {
		if (!this.running) return;
		if (!(await this.signal('SIGTERM', 15_000))) {
			this.child.kill('SIGKILL');
			await this.exited;
		}
	}
}

/** Starts the built app with these settings and none of the caller's database settings. */
export async function startApp(env: Record<string, string>): Promise<AppProcess> {
	const port = await freePort();
	const inherited = { ...process.env };
	for (const name of ['DATABASE_URL', 'DATA_DIR', 'SEED_DEMO', 'DEMO_RESPONSES', 'PORT', 'ORIGIN', 'HOST', 'PUBLIC_ORIGIN']) delete inherited[name];
	const child = spawn(process.execPath, [serveScript], {
		env: { ...inherited, NODE_ENV: 'production', HOST: '127.0.0.1', PORT: String(port), ORIGIN: `http://localhost:${port}`, ...env },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	return new AppProcess(child, `http://127.0.0.1:${port}`);
}
