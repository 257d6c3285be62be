import { sql, type Kysely } from 'kysely';
import type { AgeGroup, Channel, Ethnicity, Gender, RespondentType } from '../../domain/enums';
import { instantOfLocal, localWallClock } from '../../sipas/calendar';
import type { Database } from '../db/schema';
import type { DossierInput } from '../dossiers/fields';
import { lockRegister, upsertDossiers } from '../dossiers/store';
import { invitationSecret } from '../invitations/secret';
import { maybe, mulberry32, pick, rating, trend, uuidFrom } from './demo';
import { DEMO_DOSSIER_COMMENTS, DEMO_OFFICIALS, DEMO_PROCEDURES, type DemoProcedure } from './demo-register-data';
import { GIA_LAI_DOIT } from './sipas-reference';
import { demoFlags, demoFlagStream } from './demo-register-flags';

/**
 * The demo agency's dossier register for the demo period, and the verified responses given
 * through its invitations, beside the counter QR responses of demo.ts. Deterministic (its own
 * seeded stream, so the QR responses stay as they were), and nothing lies after `until`: a dossier
 * received, a result returned or a response given later is left out (a result not yet returned is
 * an open dossier). Due dates may be later: they are deadlines, not events.
 *
 * The mix follows what one-stop centres report: about 80% of dossiers filed online, 18% at the
 * counter, 2% by post; citizens rate far less often online (about 8% of returned dossiers) than at
 * the counter (about 35%, many scanning the receipt's code while they wait), and less warmly than
 * on the counter's poster. Written with the register's own set-based writer (dossiers/store.ts),
 * and responses and answers with one INSERT … SELECT FROM unnest per batch, so the first start
 * stays quick. The caller fills the estimate sums afterwards, as for every demo response.
 */
export interface DemoRegisterOptions {
	from: Date;
	until: Date;
	/** Dossiers received in an ordinary month (fewer around Tết). */
	dossiersPerMonth: number;
	seed?: number;
}

export interface DemoRegisterCounts {
	dossiers: number;
	verified: number;
}

const CHANNEL_MIX: readonly [Channel, number][] = [
	['online', 0.8],
	['in_person', 0.18],
	['postal', 0.02]
];
/** The chance that a dossier is rated, by channel. */
const RESPONSE_RATE: Readonly<Record<Channel, number>> = { online: 0.08, in_person: 0.35, postal: 0.12 };
/** Base log-odds of a satisfied answer, by channel: lower than the counter poster's 1.55. */
const BASE_LOGIT: Readonly<Record<Channel, number>> = { online: 1.05, in_person: 1.35, postal: 1.15 };
const DAY = 86_400_000;
const BATCH = 2000;

interface Planned {
	dossier: DossierInput;
	response: { at: Date } | null;
}

export async function seedDemoRegister(db: Kysely<Database>, options: DemoRegisterOptions): Promise<DemoRegisterCounts> {
	if (options.dossiersPerMonth <= 0) return { dossiers: 0, verified: 0 };
	const random = mulberry32((options.seed ?? 20240101) ^ 0x5d0551e5);
	const flagRandom = demoFlagStream(options.seed ?? 20240101);
	const agency = await db.selectFrom('agencies').select('id').where('code', '=', GIA_LAI_DOIT.code).executeTakeFirstOrThrow();
	const [units, fields, counters, version] = await Promise.all([
		db.selectFrom('units').select(['id', 'name']).where('agency_id', '=', agency.id).execute(),
		db.selectFrom('procedure_fields').select(['id', 'name']).where('agency_id', '=', agency.id).execute(),
		db.selectFrom('counters').select(['id', 'unit_id']).where('agency_id', '=', agency.id).where('active', '=', true).orderBy('id').execute(),
		db.selectFrom('survey_versions').select('id').where('agency_id', '=', agency.id).where('active', '=', true).executeTakeFirstOrThrow()
	]);
	const unitId = new Map(units.map((u) => [u.name, u.id]));
	const fieldId = new Map(fields.map((f) => [f.name, f.id]));
	// Only procedures whose unit and field the agency still has (administrators may have renamed them).
	const procedures = DEMO_PROCEDURES.filter((p) => unitId.has(p.unit) && fieldId.has(p.field));
	if (procedures.length === 0) return { dossiers: 0, verified: 0 };
	const counterOfUnit = new Map<number, number>();
	for (const c of counters) if (!counterOfUnit.has(c.unit_id)) counterOfUnit.set(c.unit_id, c.id);
	const totalWeight = procedures.reduce((n, p) => n + p.weight, 0);
	const pickProcedure = (): DemoProcedure => {
		let u = random() * totalWeight;
		for (const p of procedures) if ((u -= p.weight) < 0) return p;
		return procedures.at(-1)!;
	};
	const pickChannel = (): Channel => {
		const u = random();
		let sum = 0;
		for (const [channel, share] of CHANNEL_MIX) if (u < (sum += share)) return channel;
		return 'online';
	};

	const until = options.until.getTime();
	const perWorkingDay = options.dossiersPerMonth / 21.7;
	const planned: Planned[] = [];
	const first = localWallClock(options.from);
	for (let day = Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), first.getUTCDate()); ; day += DAY) {
		const date = new Date(day);
		const [y, m, d] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
		if (instantOfLocal(y, m, d).getTime() > until) break;
		const weekend = date.getUTCDay() === 0 || date.getUTCDay() === 6;
		// Online filings go on at weekends, far fewer; counters are closed. Tết (February) is quiet.
		const expected = perWorkingDay * (weekend ? 0.12 : 1) * (m === 2 ? 0.6 : 1);
		const count = Math.round(expected * (0.7 + 0.6 * random()));
		let sequence = 0;
		for (let i = 0; i < count; i++) {
			const procedure = pickProcedure();
			const channel = weekend ? 'online' : pickChannel();
			const minute = channel === 'online' ? 6 * 60 + Math.floor(random() * 17 * 60) : 7 * 60 + 30 + Math.floor(random() * 9 * 60);
			const receivedAt = instantOfLocal(y, m, d, 0, minute);
			if (receivedAt.getTime() > until) continue;
			sequence++;
			const calendarDays = Math.ceil((procedure.days * 7) / 5);
			const dueAt = atWorkingTime(new Date(receivedAt.getTime() + calendarDays * DAY), 16 * 60 + 30);
			// Most results come back before the deadline, some late.
			const share = random() < 0.93 ? 0.3 + 0.7 * random() : 1 + 0.5 * random();
			let returnedAt: Date | null = atWorkingTime(new Date(receivedAt.getTime() + share * calendarDays * DAY), 8 * 60 + Math.floor(random() * 8.5 * 60));
			if (returnedAt.getTime() <= receivedAt.getTime()) returnedAt = new Date(receivedAt.getTime() + 2 * 3_600_000);
			if (returnedAt.getTime() > until) returnedAt = null;
			const unit = unitId.get(procedure.unit)!;
			const staff = DEMO_OFFICIALS[procedure.unit] ?? [];
			const officials = staff.length ? [pick(random, staff), ...(random() < 0.3 ? [pick(random, staff)] : [])].filter((o, k, all) => all.findIndex((x) => x.code === o.code) === k) : [];
			const dossier: DossierInput = {
				code: `H21.65-${String(y % 100).padStart(2, '0')}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}-${String(sequence).padStart(4, '0')}`,
				procedureCode: procedure.code,
				procedureName: procedure.name,
				procedureFieldId: fieldId.get(procedure.field)!,
				channel,
				unitId: unit,
				counterId: channel === 'in_person' ? (counterOfUnit.get(unit) ?? null) : null,
				receivedAt,
				dueAt,
				returnedAt,
				officials: officials.map((o) => ({ code: o.code, name: o.name })),
				phone: null,
				email: null,
				flags: demoFlags(flagRandom, procedure.code, channel, `${y}-${String(m).padStart(2, '0')}`)
			};
			planned.push({ dossier, response: plannedResponse(random, dossier, until) });
		}
	}

	const secret = await invitationSecret(db);
	// Inside the demo seed's own transaction (seedDemo: all or nothing) the register joins it.
	const inTransaction = <T>(work: (trx: Kysely<Database>) => Promise<T>) => (db.isTransaction ? work(db) : db.transaction().execute(work));
	return inTransaction(async (trx) => {
		await lockRegister(trx, agency.id);
		await upsertDossiers(trx, agency.id, secret, planned.map((p) => p.dossier), options.until);
		const ids = await trx.selectFrom('dossiers').select(['id', 'code']).where('agency_id', '=', agency.id).execute();
		const idByCode = new Map(ids.map((r) => [r.code, Number(r.id)]));
		const criteria = await trx
			.selectFrom('criteria')
			.innerJoin('dimensions', 'dimensions.key', 'criteria.dimension_key')
			.select(['criteria.id', 'dimensions.position', 'dimensions.kind'])
			.where('survey_version_id', '=', version.id)
			.orderBy('criteria.position')
			.execute();
		const rated = planned.filter((p) => p.response && (p.dossier.counterId ?? counterOfUnit.get(p.dossier.unitId)) !== undefined);
		let verified = 0;
		for (let start = 0; start < rated.length; start += BATCH) {
			const batch = rated.slice(start, start + BATCH).map(({ dossier, response }) => {
				const comment = maybe(random, 0.14, () => pick(random, DEMO_DOSSIER_COMMENTS));
				return {
					dossier,
					dossierId: idByCode.get(dossier.code)!,
					counterId: dossier.counterId ?? counterOfUnit.get(dossier.unitId)!,
					submittedAt: response!.at,
					submissionId: uuidFrom(random),
					respondentType: maybe(random, 0.75, () => pick<RespondentType>(random, ['individual', 'organisation', 'organisation'])),
					gender: maybe(random, 0.6, () => pick<Gender>(random, ['female', 'male'])),
					ageGroup: maybe(random, 0.6, () => pick<AgeGroup>(random, ['under_30', '30_44', '30_44', '45_59', '60_plus'])),
					ethnicity: maybe(random, 0.5, () => pick<Ethnicity>(random, ['kinh', 'kinh', 'kinh', 'jrai', 'bahnar', 'other'])),
					comment,
					// Mostly those who wrote something want to be called back about it.
					wantsContact: random() < (comment ? 0.3 : 0.01)
				};
			});
			const { rows } = await sql<{ id: number; submission_id: string }>`
				insert into responses (agency_id, counter_id, survey_version_id, submission_id, submitted_at, source,
					channel, respondent_type, gender, age_group, ethnicity, procedure_field_id, comment, dossier_id, wants_contact)
				select ${agency.id}, c, ${version.id}, s, t, 'online', ch, rt, g, ag, e, pf, cm, di, wc
				from unnest(${batch.map((r) => r.counterId)}::int[], ${batch.map((r) => r.submissionId)}::uuid[],
					${batch.map((r) => r.submittedAt.toISOString())}::timestamptz[], ${batch.map((r) => r.dossier.channel)}::text[],
					${batch.map((r) => r.respondentType)}::text[], ${batch.map((r) => r.gender)}::text[], ${batch.map((r) => r.ageGroup)}::text[],
					${batch.map((r) => r.ethnicity)}::text[], ${batch.map((r) => r.dossier.procedureFieldId)}::int[], ${batch.map((r) => r.comment)}::text[],
					${batch.map((r) => r.dossierId)}::bigint[], ${batch.map((r) => r.wantsContact)}::boolean[]) as u(c, s, t, ch, rt, g, ag, e, pf, cm, di, wc)
				returning id, submission_id`.execute(trx);
			const idBySubmission = new Map(rows.map((r) => [r.submission_id, Number(r.id)]));

			const answerResponse: number[] = [];
			const answerCriterion: number[] = [];
			const answerValue: (number | null)[] = [];
			for (const row of batch) {
				const responseId = idBySubmission.get(row.submissionId)!;
				const mood = (random() - 0.5) * 1.6;
				// A late result weighs on every answer.
				const late = row.dossier.returnedAt && row.dossier.dueAt && row.dossier.returnedAt > row.dossier.dueAt ? -0.8 : 0;
				const logit = BASE_LOGIT[row.dossier.channel] + trend(row.submittedAt) + mood + late;
				for (const criterion of criteria) {
					const notApplicable = criterion.kind === 'policy' ? 0.2 : 0.05;
					const u = random();
					if (u < 0.03) continue;
					answerResponse.push(responseId);
					answerCriterion.push(criterion.id);
					answerValue.push(u < 0.03 + notApplicable ? null : rating(random, logit));
				}
			}
			await sql`
				insert into answers (response_id, criterion_id, value)
				select * from unnest(${answerResponse}::bigint[], ${answerCriterion}::int[], ${answerValue}::smallint[])`.execute(trx);
			verified += batch.length;
		}
		return { dossiers: planned.length, verified };
	});
}

/**
 * Whether and when a dossier is rated: at the counter many scan the receipt's code while they
 * wait, others answer the link after the result; online and postal citizens answer after the
 * result, at any hour from 6:00 to 22:00. A response that would come after `until` is not (yet) given.
 */
function plannedResponse(random: () => number, dossier: DossierInput, until: number): { at: Date } | null {
	if (random() >= RESPONSE_RATE[dossier.channel]) return null;
	let at: Date;
	if (dossier.channel === 'in_person' && random() < 0.5) at = new Date(dossier.receivedAt.getTime() + (5 + random() * 25) * 60_000);
	else {
		if (!dossier.returnedAt) return null;
		const local = localWallClock(new Date(dossier.returnedAt.getTime() + Math.floor(random() * 6) * DAY));
		at = instantOfLocal(local.getUTCFullYear(), local.getUTCMonth() + 1, local.getUTCDate(), 6, Math.floor(random() * 16 * 60));
		if (at < dossier.returnedAt) at = new Date(dossier.returnedAt.getTime() + (10 + random() * 120) * 60_000);
	}
	return at.getTime() <= until ? { at } : null;
}

/** The same local date at this minute of the day, or the Monday after a weekend. */
function atWorkingTime(instant: Date, minute: number): Date {
	const local = localWallClock(instant);
	const weekday = local.getUTCDay();
	const shift = weekday === 6 ? 2 : weekday === 0 ? 1 : 0;
	return instantOfLocal(local.getUTCFullYear(), local.getUTCMonth() + 1, local.getUTCDate() + shift, 0, minute);
}
