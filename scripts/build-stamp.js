// Whether build/ is current for the sources, for `npm start` (scripts/start.js).
//
// The build is current when build/.source-hash holds the hash of every input file, as written
// after the last successful build by scripts/start.js; or, for a build made otherwise (`npm run
// build`, `npx vite build`), when build/index.js is newer than every input file and no build of
// ours was left unfinished. FORCE_BUILD=1 builds anyway.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** Everything `vite build` reads from the project: sources, assets, migrations, configuration, dependencies. */
export const INPUTS = ['src', 'static', 'migrations', 'svelte.config.js', 'vite.config.ts', 'tsconfig.json', 'package.json', 'package-lock.json'];

/** @param {string} root */
export function paths(root) {
	return {
		stamp: join(root, 'build', '.source-hash'),
		entry: join(root, 'build', 'index.js'),
		log: join(root, '.svelte-kit', 'build.log'),
		// Present while a build of ours runs: a build stopped half-way (Ctrl-C) is not current.
		unfinished: join(root, '.svelte-kit', 'build.unfinished')
	};
}

/** Input files, sorted. @param {string} root @returns {string[]} */
export function inputFiles(root) {
	/** @type {string[]} */
	const files = [];
	/** @param {string} path */
	const walk = (path) => {
		if (!existsSync(path)) return;
		if (statSync(path).isDirectory()) {
			for (const entry of readdirSync(path).sort()) walk(join(path, entry));
		} else files.push(path);
	};
	for (const input of INPUTS) walk(join(root, input));
	return files;
}

/**
 * SHA-256 over each input's path (relative to the project) and content.
 * @param {string} root
 * @param {string[]} [files]
 */
export function sourceHash(root, files = inputFiles(root)) {
	const hash = createHash('sha256');
	for (const file of files) {
		hash.update(relative(root, file).split(sep).join('/') + '\0');
		hash.update(readFileSync(file));
		hash.update('\0');
	}
	return hash.digest('hex');
}

/**
 * Why a build is needed, in Vietnamese for the start-up line, or undefined when build/ is current.
 * @param {string} root
 * @param {string[]} files
 * @param {string} hash
 * @param {Record<string, string | undefined>} [env]
 * @returns {string | undefined}
 */
export function buildNeeded(root, files, hash, env = process.env) {
	const { stamp, entry, unfinished } = paths(root);
	if (env.FORCE_BUILD === '1') return 'FORCE_BUILD=1';
	if (!existsSync(entry)) return 'chưa có bản build';
	// The stamp is written after a whole build: a build that failed or stopped before emptying
	// build/ left the previous one, with its stamp, intact.
	if (existsSync(stamp)) return readFileSync(stamp, 'utf8').trim() === hash ? undefined : 'mã nguồn đã thay đổi';
	if (existsSync(unfinished)) return 'lần build trước chưa xong';
	const built = statSync(entry).mtimeMs;
	return files.some((file) => statSync(file).mtimeMs > built) ? 'mã nguồn mới hơn bản build' : undefined;
}
