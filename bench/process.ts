/** Child servers for the benchmark: start, wait until healthy, stop; and free ports. */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as { port: number };
			server.close(() => resolve(port));
		});
	});
}

export interface Server {
	name: string;
	child: ChildProcess;
	/** The last lines it wrote, to show when something goes wrong. */
	output: string[];
	stop(): Promise<void>;
}

export function startServer(name: string, args: string[], env: Record<string, string>): Server {
	const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
	const output: string[] = [];
	const keep = (chunk: Buffer) => {
		output.push(...chunk.toString('utf8').split('\n').filter(Boolean));
		output.splice(0, Math.max(0, output.length - 40));
	};
	child.stdout!.on('data', keep);
	child.stderr!.on('data', keep);
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	return {
		name,
		child,
		output,
		async stop() {
			if (child.exitCode !== null || child.signalCode !== null) return;
			child.kill('SIGTERM');
			const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
			await exited;
			clearTimeout(timer);
		}
	};
}

/** Polls GET /healthz until it answers 200; fails if the server exits or takes too long. */
export async function waitHealthy(server: Server, baseUrl: string, timeoutMs = 60_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (server.child.exitCode !== null) break;
		const ok = await fetch(`${baseUrl}/healthz`).then(
			(r) => r.status === 200,
			() => false
		);
		if (ok) return;
		await new Promise((r) => setTimeout(r, 200));
	}
	throw new Error(`${server.name} did not become healthy at ${baseUrl}:\n  ${server.output.join('\n  ')}`);
}

/**
 * Runs a benchmark to its end: its exit code from `main` (1 when it throws), with `cleanUp`
 * (servers stopped, database dropped) after it and on Ctrl-C.
 */
export async function runBenchmark(main: () => Promise<number>, cleanUp: () => Promise<void>, onBroken?: () => void): Promise<never> {
	for (const signal of ['SIGINT', 'SIGTERM'] as const) {
		process.once(signal, () => void cleanUp().finally(() => process.exit(130)));
	}
	let code = 1;
	try {
		code = await main();
	} catch (error) {
		console.error(`\nBench broken: ${error instanceof Error ? error.message : error}`);
		onBroken?.();
	} finally {
		await cleanUp();
	}
	process.exit(code);
}
