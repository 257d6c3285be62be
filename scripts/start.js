// `npm start`: builds the app only when its sources changed since the last build (see
// build-stamp.js) — quietly, the build's own output going to .svelte-kit/build.log — then starts
// it (serve.js). On a first start with a fresh embedded database, the database is prepared
// (prepare-database.ts: migrations, demo data, sums) in a process of its own, at the same time as
// the build when there is one, so that the server never carries the memory the preparation took.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildNeeded, inputFiles, paths, sourceHash } from './build-stamp.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const { stamp, log, unfinished } = paths(root);

/** Runs node with these arguments, its output to a file or to ours; resolves with its exit code. */
function run(args, output) {
	const fd = output === 'inherit' ? 'inherit' : openSync(output, 'w');
	const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', fd, fd] });
	const done = new Promise((resolve) =>
		child.on('exit', (code, signal) => {
			if (fd !== 'inherit') closeSync(fd);
			resolve(signal ? 130 : (code ?? 1));
		})
	);
	return { child, done };
}

const files = inputFiles(root);
const hash = sourceHash(root, files);
const reason = buildNeeded(root, files, hash);
const dataDir = process.env.DATA_DIR || './data';
const fresh = !process.env.DATABASE_URL && !dataDir.startsWith('memory://') && !existsSync(join(resolve(dataDir), 'PG_VERSION'));
if (reason) {
	console.log(
		`Đang build ứng dụng (${reason}; thường 20–60 giây, chi tiết trong .svelte-kit/build.log)${fresh ? ', cùng lúc chuẩn bị cơ sở dữ liệu' : ''}…`
	);
	const started = Date.now();
	mkdirSync(join(root, '.svelte-kit'), { recursive: true });
	writeFileSync(unfinished, '');
	const build = run([join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build'], log);
	const prepare = fresh ? run(['--import', 'tsx', join(root, 'scripts', 'prepare-database.ts')], 'inherit') : undefined;
	// One failing stops the other (Ctrl-C reaches both anyway: same process group).
	build.done.then((code) => {
		if (code === 0) console.log(`Đã build xong sau ${Math.round((Date.now() - started) / 1000)} giây.`);
		else prepare?.child.kill('SIGTERM');
	});
	prepare?.done.then((code) => code !== 0 && build.child.kill('SIGTERM'));
	const [built, prepared] = await Promise.all([build.done, prepare?.done ?? 0]);
	if (built !== 0) {
		const lines = readFileSync(log, 'utf8').trimEnd().split('\n');
		console.error(lines.slice(-40).join('\n'));
		console.error(`\nBuild thất bại (mã ${built}); toàn bộ ở .svelte-kit/build.log. / The build failed; see .svelte-kit/build.log.`);
		process.exit(built);
	}
	writeFileSync(stamp, `${hash}\n`);
	rmSync(unfinished, { force: true });
	if (prepared !== 0) process.exit(prepared);
} else {
	if (!existsSync(stamp)) writeFileSync(stamp, `${hash}\n`);
	console.log('Bản build còn mới: không build lại.');
	// A fresh embedded database is prepared in a process of its own here too: the demo's seed and
	// sums grow PGlite's memory to its peak for good, and the server should not carry that.
	if (fresh) {
		const prepared = await run(['--import', 'tsx', join(root, 'scripts', 'prepare-database.ts')], 'inherit').done;
		if (prepared !== 0) process.exit(prepared);
	}
}

await import('./serve.js');
