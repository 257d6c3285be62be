import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter(),
		// Hashes or nonces for SvelteKit's own inline hydration script; nothing else inline runs.
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none'],
				'base-uri': ['self'],
				'object-src': ['none']
			}
		},
		// Cross-site form posts are still refused, by the same rule, in hooks.server.ts (see
		// src/lib/server/http/cross-site.ts): SvelteKit checks before the hook runs and answers
		// in bare English, so the hook could never tell a citizen what happened. Never remove
		// that check while this line stays.
		csrf: { trustedOrigins: ['*'] },
		alias: {
			$migrations: 'migrations'
		}
	}
};

export default config;
