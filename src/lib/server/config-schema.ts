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
	/** The public petition form (/y/[agency]): three files of 5 MiB, the text and the multipart framing. */
	PETITION_MAX_BODY_BYTES: count(16 * 1024 * 1024),
	// How often each process looks for alerts to raise (responses, deadlines, dimensions, digests).
	ALERT_POLL_SECONDS: count(60),
	DB_POOL_SIZE: count(10),
	// The sums' wide reads prepared once per connection (db/prepared.ts); 0 behind a pooler that
	// cannot keep named statements (PgBouncer in transaction mode before 1.21).
	DB_PREPARED_STATEMENTS: flag.transform((v) => v ?? true),
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
	// 0: messages go out at any hour (end-to-end tests); by default none from 21:00 to 07:00.
	OUTBOX_QUIET_HOURS: flag,
	OUTBOX_MAX_ATTEMPTS: count(8),
	// The improvement plan's reminders (README "Improvement plan"), queued in the outbox.
	PLAN_REMINDERS: flag,
	PLAN_REMINDER_MINUTES: count(60),
	SMTP_HOST: optionalText,
	SMTP_PORT: count(587),
	SMTP_SECURE: flag,
	SMTP_USER: optionalText,
	SMTP_PASSWORD: optionalText,
	SMTP_FROM: optionalText,
	SMS_GATEWAY_URL: optionalText.refine((v) => v === undefined || /^https?:\/\//.test(v), 'SMS_GATEWAY_URL must be an http(s) URL'),
	SMS_GATEWAY_SECRET: optionalText,
	SMS_GATEWAY_SECRET_HEADER: z.string().min(1).default('x-gateway-secret'),
	// The folder that adds stored responses to the pre-aggregated sums (sums/folder.ts): every app
	// process runs it (one batch at a time across processes); SUMS_FOLDER=0 turns it off here.
	SUMS_FOLDER: flag,
	SUMS_FOLD_INTERVAL_MS: count(1000),
	SUMS_FOLD_BATCH: count(2000),
	// Kiosks (README "Kiosk"): back to the welcome screen this long after "thank you" / without a touch;
	// more than KIOSK_REPEAT_FLAG identical answers from one kiosk within the window are flagged as misuse.
	KIOSK_THANKS_RESET_SECONDS: count(30),
	KIOSK_IDLE_RESET_SECONDS: count(90),
	KIOSK_REPEAT_FLAG: count(4),
	KIOSK_REPEAT_WINDOW_MINUTES: count(5),
	// Read-aloud clips uploaded per statement and language (MP3, OGG, WAV or M4A).
	AUDIO_CLIP_MAX_BYTES: count(1024 * 1024),
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
