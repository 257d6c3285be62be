import { sql, type Kysely } from 'kysely';
import type { AgeGroup, Channel, Ethnicity, Gender, RespondentType } from '../../domain/enums';
import type { Database } from '../db/schema';
import { instantOfLocal, localWallClock } from '../../sipas/calendar';
import { GIA_LAI_DOIT } from './sipas-reference';
import { seedDemoRegister } from './demo-register';

/**
 * Deterministic synthetic responses for the demo: the same seed gives the same data on every
 * machine, so the dashboards show stable, explainable numbers. Satisfaction differs by month (a
 * slow improvement with a dip each Tết), by counter (some counters pull their dimension down) and
 * by dimension (policy dimensions have more "Không áp dụng"), so later reports have something
 * true to show. Responses are spread over working hours, Monday to Friday, Asia/Ho_Chi_Minh.
 */
export interface DemoOptions {
	responses: number;
	from: Date;
	until: Date;
	seed?: number;
	/** Aborting (the app stopping) rolls the whole seed back at the next batch. */
	signal?: AbortSignal;
	/**
	 * Dossiers of the demo register received in an ordinary month (demo-register.ts), with their
	 * verified responses beside the counter QR ones; 0 for none. Default DEMO_DOSSIERS_PER_MONTH.
	 */
	dossiersPerMonth?: number;
}

export const DEMO_DOSSIERS_PER_MONTH = 500;

const BATCH = 2000;

const COMMENTS = [
	'Cán bộ hướng dẫn rất nhiệt tình, cảm ơn.',
	'Phòng chờ hơi nóng, nên lắp thêm quạt.',
	'Thời gian giải quyết hồ sơ nhanh hơn trước.',
	'Mong có thêm hướng dẫn trực tuyến cho thủ tục cấp phép.',
	'Nên niêm yết rõ hơn mức phí, lệ phí.',
	'Chỗ gửi xe chật, khó tìm chỗ.',
	'Thái độ phục vụ tốt, lịch sự.',
	'Tôi phải đi lại hai lần vì thiếu giấy tờ, mong hướng dẫn rõ từ đầu.',
	'Máy lấy số thứ tự hay bị lỗi.',
	'Không biết nơi nào để góp ý về chính sách mới.',
	'Rất hài lòng.',
	'Kết quả trả đúng hẹn.'
];

/**
 * Writes the demo responses in one transaction: all or nothing, so an interrupted first start
 * seeds again at the next. The rows are made from the ids just read, so their foreign-key checks
 * (two per answer, most of the time on the embedded PGlite) prove nothing; a superuser skips them,
 * as the sums rebuild does.
 */
export async function seedDemo(db: Kysely<Database>, options: DemoOptions): Promise<number> {
	if (db.isTransaction) return insertDemo(db, options);
	return db.transaction().execute(async (trx) => {
		const { rows } = await sql<{ superuser: boolean }>`select current_setting('is_superuser') = 'on' as superuser`.execute(trx);
		if (rows[0]?.superuser) await sql`set local session_replication_role = replica`.execute(trx);
		return insertDemo(trx, options);
	});
}

async function insertDemo(db: Kysely<Database>, options: DemoOptions): Promise<number> {
	const random = mulberry32(options.seed ?? 20240101);
	const agency = await db.selectFrom('agencies').select('id').where('code', '=', GIA_LAI_DOIT.code).executeTakeFirstOrThrow();
	const counters = await db.selectFrom('counters').select(['id']).where('agency_id', '=', agency.id).orderBy('id').execute();
	const fields = await db.selectFrom('procedure_fields').select('id').where('agency_id', '=', agency.id).orderBy('id').execute();
	const version = await db
		.selectFrom('survey_versions')
		.select('id')
		.where('agency_id', '=', agency.id)
		.where('active', '=', true)
		.executeTakeFirstOrThrow();
	const criteria = await db
		.selectFrom('criteria')
		.innerJoin('dimensions', 'dimensions.key', 'criteria.dimension_key')
		.select(['criteria.id', 'dimensions.position', 'dimensions.kind'])
		.where('survey_version_id', '=', version.id)
		.orderBy('criteria.position')
		.execute();

	// A fixed quality per counter and per dimension, in log-odds of a satisfied answer.
	const counterEffect = counters.map(() => (random() - 0.6) * 0.9);
	const dimensionEffect = [0, -0.1, 0.05, 0.02, 0.1, 0.06, 0.04, 0.0];

	const span = options.until.getTime() - options.from.getTime();
	let inserted = 0;
	for (let start = 0; start < options.responses; start += BATCH) {
		options.signal?.throwIfAborted();
		const size = Math.min(BATCH, options.responses - start);
		const rows = Array.from({ length: size }, () => {
			const counterIndex = Math.floor(random() * counters.length);
			const submittedAt = workingTime(options.from.getTime() + random() * span, options.until.getTime(), random);
			return {
				counterIndex,
				submittedAt,
				submissionId: uuidFrom(random),
				channel: pick<Channel>(random, ['in_person', 'in_person', 'in_person', 'online', 'postal']),
				respondentType: maybe(random, 0.7, () => pick<RespondentType>(random, ['individual', 'individual', 'organisation'])),
				gender: maybe(random, 0.6, () => pick<Gender>(random, ['female', 'male'])),
				ageGroup: maybe(random, 0.6, () => pick<AgeGroup>(random, ['under_30', '30_44', '30_44', '45_59', '60_plus'])),
				ethnicity: maybe(random, 0.5, () => pick<Ethnicity>(random, ['kinh', 'kinh', 'kinh', 'jrai', 'bahnar', 'other'])),
				fieldId: maybe(random, 0.8, () => fields[Math.floor(random() * fields.length)]!.id),
				comment: maybe(random, 0.08, () => pick(random, COMMENTS)),
				spam: random() < 0.002
			};
		});

		const ids = await sql<{ id: number; submission_id: string }>`
			insert into responses (agency_id, counter_id, survey_version_id, submission_id, submitted_at, source,
				channel, respondent_type, gender, age_group, ethnicity, procedure_field_id, comment, flagged_spam)
			select ${agency.id}, c, ${version.id}, s, t, 'online', ch, rt, g, ag, e, pf, cm, sp
			from unnest(${rows.map((r) => counters[r.counterIndex]!.id)}::int[], ${rows.map((r) => r.submissionId)}::uuid[],
				${rows.map((r) => r.submittedAt.toISOString())}::timestamptz[], ${rows.map((r) => r.channel)}::text[],
				${rows.map((r) => r.respondentType)}::text[], ${rows.map((r) => r.gender)}::text[], ${rows.map((r) => r.ageGroup)}::text[],
				${rows.map((r) => r.ethnicity)}::text[], ${rows.map((r) => r.fieldId)}::int[], ${rows.map((r) => r.comment)}::text[],
				${rows.map((r) => r.spam)}::boolean[]) as u(c, s, t, ch, rt, g, ag, e, pf, cm, sp)
			returning id, submission_id`.execute(db);
		const idBySubmission = new Map(ids.rows.map((r) => [r.submission_id, r.id]));

		const answerResponse: number[] = [];
		const answerCriterion: number[] = [];
		const answerValue: (number | null)[] = [];
		for (const row of rows) {
			const responseId = idBySubmission.get(row.submissionId)!;
			const mood = (random() - 0.5) * 1.6; // this citizen's general leaning
			const logit = 1.55 + trend(row.submittedAt) + counterEffect[row.counterIndex]! + mood;
			for (const criterion of criteria) {
				const notApplicable = criterion.kind === 'policy' ? 0.18 : 0.04;
				const u = random();
				if (u < 0.03) continue; // skipped
				answerResponse.push(responseId);
				answerCriterion.push(criterion.id);
				answerValue.push(u < 0.03 + notApplicable ? null : rating(random, logit + dimensionEffect[criterion.position]!));
			}
		}
		await sql`
			insert into answers (response_id, criterion_id, value)
			select * from unnest(${answerResponse}::bigint[], ${answerCriterion}::int[], ${answerValue}::smallint[])`.execute(db);
		inserted += size;
	}
	const register = await seedDemoRegister(db, {
		from: options.from,
		until: options.until,
		dossiersPerMonth: options.dossiersPerMonth ?? DEMO_DOSSIERS_PER_MONTH,
		seed: options.seed
	});
	return inserted + register.verified;
}

/** Slow improvement after the 2024 plan, with a dip in the weeks around Tết (late Jan–Feb). */
function trend(at: Date): number {
	const local = localWallClock(at);
	const monthsSince2024 = (local.getUTCFullYear() - 2024) * 12 + local.getUTCMonth();
	const tet = local.getUTCMonth() === 1 ? -0.35 : 0;
	return monthsSince2024 * 0.012 + tet + Math.sin(monthsSince2024 * 1.7) * 0.12;
}

/** A rating from 1–5 whose chance of 4 or 5 follows the log-odds. */
function rating(random: () => number, logit: number): number {
	const satisfied = 1 / (1 + Math.exp(-logit));
	const u = random();
	if (u < satisfied) return random() < 0.45 ? 5 : 4;
	return random() < 0.55 ? 3 : random() < 0.7 ? 2 : 1;
}

/**
 * Moves a moment to a weekday between 7:30 and 16:30 Asia/Ho_Chi_Minh: the same date, or the
 * Friday before a weekend; a week earlier if that would still be after `until` (never in the future).
 */
function workingTime(ms: number, until: number, random: () => number): Date {
	const local = localWallClock(new Date(ms));
	const weekday = local.getUTCDay();
	const shift = weekday === 6 ? -1 : weekday === 0 ? -2 : 0;
	const minutes = 7 * 60 + 30 + Math.floor(random() * 9 * 60);
	const at = instantOfLocal(local.getUTCFullYear(), local.getUTCMonth() + 1, local.getUTCDate() + shift, 0, minutes).getTime();
	return new Date(at > until ? at - 7 * 86_400_000 : at);
}

function pick<T>(random: () => number, items: readonly T[]): T {
	return items[Math.floor(random() * items.length)]!;
}

function maybe<T>(random: () => number, chance: number, value: () => T): T | null {
	return random() < chance ? value() : null;
}

function uuidFrom(random: () => number): string {
	const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16));
	hex[12] = '4';
	hex[16] = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
	const s = hex.join('');
	return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

/** A small, well-known seeded PRNG: deterministic across machines and Node versions. */
export function mulberry32(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

// Shared with the demo register (demo-register.ts): the same satisfaction model and draws.
export { trend, rating, pick, maybe, uuidFrom };
