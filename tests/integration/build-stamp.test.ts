import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildNeeded, inputFiles, paths, sourceHash } from '../../scripts/build-stamp.js';

/** `npm start` builds only when the build is not current: a project of a few files in a temporary folder. */
describe('whether build/ is current (scripts/build-stamp.js)', () => {
	let root: string;
	const write = (path: string, content: string) => {
		mkdirSync(join(root, path, '..'), { recursive: true });
		writeFileSync(join(root, path), content);
	};
	const needed = (env: Record<string, string | undefined> = {}) => {
		const files = inputFiles(root);
		return buildNeeded(root, files, sourceHash(root, files), env);
	};
	const stampNow = () => writeFileSync(paths(root).stamp, `${sourceHash(root)}\n`);

	beforeEach(() => {
		root = mkdtempSync(join(tmpdir(), 'hailong-build-stamp-'));
		write('src/routes/+page.svelte', '<h1>Hài Lòng</h1>');
		write('migrations/index.ts', 'export {};');
		write('package-lock.json', '{}');
		write('README.md', 'not an input');
	});
	afterEach(() => rmSync(root, { recursive: true, force: true }));

	it('needs a build when there is none, or when asked', () => {
		expect(needed()).toBe('chưa có bản build');
		write('build/index.js', '');
		stampNow();
		expect(needed({ FORCE_BUILD: '1' })).toBe('FORCE_BUILD=1');
	});

	it('is current while the stamp matches the sources, whatever the times of the files', () => {
		write('build/index.js', '');
		stampNow();
		expect(needed()).toBeUndefined();
		// A checkout touches files without changing them; a file outside the inputs changes nothing.
		utimesSync(join(root, 'src/routes/+page.svelte'), new Date(), new Date(Date.now() + 60_000));
		write('README.md', 'changed, still not an input');
		expect(needed()).toBeUndefined();
	});

	it('needs a build when a source, a migration or the lock file changes, or a file is added', () => {
		write('build/index.js', '');
		stampNow();
		for (const [path, content] of [
			['src/routes/+page.svelte', '<h1>Hài Lòng!</h1>'],
			['migrations/index.ts', 'export const x = 1;'],
			['package-lock.json', '{"lockfileVersion":3}'],
			['static/favicon.svg', '<svg/>']
		] as const) {
			write(path, content);
			expect(needed(), path).toBe('mã nguồn đã thay đổi');
			stampNow();
			expect(needed()).toBeUndefined();
		}
	});

	it('without a stamp (a build made by `vite build`), compares times, unless a build of ours was left unfinished', () => {
		// Times set outright: files written one after the other may share a timestamp.
		const at = (path: string, secondsAgo: number) => utimesSync(path, new Date(), new Date(Date.now() - secondsAgo * 1000));
		for (const file of inputFiles(root)) at(file, 120);
		write('build/index.js', '');
		at(join(root, 'build/index.js'), 60);
		expect(needed()).toBeUndefined();
		write('src/lib/new.ts', 'export {};');
		at(join(root, 'src/lib/new.ts'), 30);
		expect(needed()).toBe('mã nguồn mới hơn bản build');
		at(join(root, 'build/index.js'), 0);
		expect(needed()).toBeUndefined();
		write('.svelte-kit/build.unfinished', '');
		expect(needed()).toBe('lần build trước chưa xong');
	});
});
