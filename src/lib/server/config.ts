import { env } from '$env/dynamic/private';
import { parseConfig, type Config } from './config-schema';

/**
 * The running app's configuration. Parsed on first use rather than at import, so that building
 * the app (which imports every module) needs no environment, and a bad setting fails at start.
 * Scripts run outside SvelteKit and call parseConfig(process.env) themselves.
 */
let config: Config | undefined;

export function appConfig(): Config {
	return (config ??= parseConfig(env));
}
