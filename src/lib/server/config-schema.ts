import { z } from 'zod';

/**
 * Every setting the platform reads from the environment, with its default. The README's
 * "Configuration" table lists the same variables; keep them in step. No $env import here: the app
 * parses its environment through config.ts, the scripts parse process.env with parseConfig.
 */
const optionalText = z
	.string()
	.optional()
	.transform((v) => (v ? v : undefined));
const flag = z
	.enum(['0', '1', 'true', 'false', ''])
	.optional()
	.transform((v) => (v === undefined || v === '' ? undefined : v === '1' || v === 'true'));
const count = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const schema = z.object({
	DATABASE_URL: z
		.string()
		.optional()
		.transform((v) => (v ? v : undefined))
		.refine((v) => v === undefined || /^postgres(ql)?:\/\//.test(v), 'DATABASE_URL must start with postgres:// or postgresql://'),
	DATA_DIR: z.string().min(1).default('./data'),
	SEED_DEMO: flag,
	DEMO_RESPONSES: z.coerce.number().int().min(0).default(20_000),
	FLOOD_FLAG_PER_HOUR: count(10),
	FLOOD_BLOCK_PER_HOUR: count(60),
	// The same per network address alone, whatever the browser says it is: high enough for a busy
	// office behind one Wi-Fi, low enough to catch one machine rotating its User-Agent.
	FLOOD_NETWORK_FLAG_PER_HOUR: count(60),
	FLOOD_NETWORK_BLOCK_PER_HOUR: count(200),
	SURVEY_MAX_BODY_BYTES: count(64 * 1024),
	/** The paper-survey upload (/a/[agency]/import) is the one route allowed a larger body. */
	IMPORT_MAX_BYTES: count(20 * 1024 * 1024),
	DB_POOL_SIZE: count(10),
	SESSION_IDLE_MINUTES: count(60),
	// A session ends this long after sign-in, however busy.
	SESSION_MAX_HOURS: count(12),
	// Below this many responses an estimate gets no status but "Chưa đủ mẫu" (SIPAS.md §4).
	MINIMUM_SAMPLE: count(30),
	// §7 weighting: a (channel, procedure field) cell with fewer answering responses joins the residual.
	MINIMUM_CELL: count(10),
	// §9: an official appears on the officials page only with at least this many responses in the period.
	MINIMUM_OFFICIAL_RESPONSES: count(10),
	// The origin printed in counters' QR codes (https://khaosat.example.gov.vn). Unset: the origin
	// the site is served on (ORIGIN behind a proxy, else the request's).
	PUBLIC_ORIGIN: z
		.string()
		.optional()
		.transform((v) => (v ? v.replace(/\/+$/, '') : undefined))
		.refine((v) => v === undefined || /^https?:\/\/[^/?#\s]+$/.test(v), 'PUBLIC_ORIGIN must be an origin such as https://khaosat.example.gov.vn'),
	PORT: z.coerce.number().int().positive().default(3000),
	// Dossier invitations (README "Dossier register"): a code expires this many days after the result.
	INVITATION_VALID_DAYS: count(30),
	// Contact details of a dossier are deleted once the message is delivered, or this long after the result.
	CONTACT_RETENTION_DAYS: count(30),
	// The follow-up messages' outbox and its worker, started with the app.
	OUTBOX_WORKER: flag,
	OUTBOX_POLL_SECONDS: count(30),
	OUTBOX_MAX_ATTEMPTS: count(8),
	SMTP_HOST: optionalText,
	SMTP_PORT: count(587),
	SMTP_SECURE: flag,
	SMTP_USER: optionalText,
	SMTP_PASSWORD: optionalText,
	SMTP_FROM: optionalText,
	SMS_GATEWAY_URL: optionalText.refine((v) => v === undefined || /^https?:\/\//.test(v), 'SMS_GATEWAY_URL must be an http(s) URL'),
	SMS_GATEWAY_SECRET: optionalText,
	SMS_GATEWAY_SECRET_HEADER: z.string().min(1).default('x-gateway-secret'),
	// Bearer token for /metrics; unset, /metrics answers this machine only (metrics/access.ts).
	METRICS_TOKEN: z
		.string()
		.optional()
		.transform((v) => (v ? v : undefined))
		.refine((v) => v === undefined || v.length >= 16, 'METRICS_TOKEN must be at least 16 characters')
});

export type Config = z.output<typeof schema> & { seedDemo: boolean };

export function parseConfig(env: Record<string, string | undefined>): Config {
	const parsed = schema.safeParse(env);
	if (!parsed.success) {
		const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
		throw new Error(`Invalid configuration: ${problems}`);
	}
	// Demo data by default only on the embedded database: a real server is someone's real data.
	const seedDemo = parsed.data.SEED_DEMO ?? parsed.data.DATABASE_URL === undefined;
	return { ...parsed.data, seedDemo };
}
