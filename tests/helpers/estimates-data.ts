/**
 * Test support only: random synthetic responses written straight into the tables, and the
 * reference computation of every estimate from their raw answers (in JS, with the literal formulas
 * of tests/helpers/sipas-reference.ts), to hold the pre-aggregated path against.
 */
import { sql, type Kysely } from 'kysely';
import {
	INDEXES,
	countResponse,
	DIMENSION_KEYS,
	accumulateCriteria,
	type CriteriaSums,
	type DimensionEstimate,
	type IndexEstimate,
	type IndexKey,
	type DimensionKey
} from '../../src/lib/sipas';
import { randomInt, seededRandom } from './random';
import { referenceDimensionEstimate, referenceIndexEstimate } from './sipas-reference';
import { CHANNELS, type Channel, type ResponseSource } from '../../src/lib/domain/enums';
import type { Database } from '../../src/lib/server/db/schema';
import { CRITERIA, LEAD_IN } from '../../src/lib/server/seed/sipas-reference';
import { applyToSums } from '../../src/lib/server/sums/maintain';
import { localDayKey, type DayKey } from '../../src/lib/sipas/calendar';
import type { Scope } from '../../src/lib/server/scope/scope';

export interface SyntheticOptions {
	agencyId: number;
	count: number;
	/** Instants are drawn between these, with extra weight on the hours around local midnight. */
	from: Date;
	until: Date;
	seed: number;
	/** Share of responses flagged as spam or misuse. */
	flagged?: number;
}

const CHANNEL_OR_NONE: (Channel | null)[] = [...CHANNELS, null];

/** Inserts random responses with random answers (skipped, N/A, 1–5; whole dimensions left out). */
export async function insertSyntheticResponses(db: Kysely<Database>, options: SyntheticOptions): Promise<number[]> {
	// A response and its answers become visible together, as the app stores them: the folder of an
	// app running against the same database (the end-to-end server's, every second) must not fold a
	// response before its answers exist; it would be counted without them, for good. (One full
	// end-to-end run read July 2024 of report-and-dashboard.spec.ts with no overall estimate.)
	if (!db.isTransaction) return db.transaction().execute((trx) => insertSyntheticResponses(trx, options));
	const random = seededRandom(options.seed);
	const counters = await db.selectFrom('counters').select('id').where('agency_id', '=', options.agencyId).orderBy('id').execute();
	const fields = await db.selectFrom('procedure_fields').select('id').where('agency_id', '=', options.agencyId).orderBy('id').execute();
	const version = await db
		.selectFrom('survey_versions')
		.select('id')
		.where('agency_id', '=', options.agencyId)
		.where('active', '=', true)
		.executeTakeFirstOrThrow();
	const criteria = await db.selectFrom('criteria').select(['id', 'dimension_key']).where('survey_version_id', '=', version.id).execute();
	const span = options.until.getTime() - options.from.getTime();

	const rows = Array.from({ length: options.count }, () => {
		let at = options.from.getTime() + random() * span;
		// A third of the responses fall within an hour of local midnight (17:00 UTC), where a UTC
		// day and the Asia/Ho_Chi_Minh day differ.
		if (random() < 0.33) {
			const midnight = Math.floor((at - 17 * 3600_000) / 86_400_000) * 86_400_000 + 17 * 3600_000;
			at = midnight + (random() - 0.5) * 2 * 3600_000;
		}
		const flag = random() < (options.flagged ?? 0.1);
		return {
			counter: counters[randomInt(random, 0, counters.length - 1)]!.id,
			at: new Date(Math.min(Math.max(at, options.from.getTime()), options.until.getTime())).toISOString(),
			source: (random() < 0.2 ? 'paper' : 'online') as ResponseSource,
			channel: CHANNEL_OR_NONE[randomInt(random, 0, CHANNEL_OR_NONE.length - 1)]!,
			field: random() < 0.2 || fields.length === 0 ? null : fields[randomInt(random, 0, fields.length - 1)]!.id,
			spam: flag && random() < 0.5,
			misuse: flag && random() < 0.6
		};
	});
	const { rows: inserted } = await sql<{ id: number }>`
		insert into responses (agency_id, counter_id, survey_version_id, submission_id, submitted_at, source, channel,
			procedure_field_id, flagged_spam, flagged_misuse)
		select ${options.agencyId}, c, ${version.id}, gen_random_uuid(), t, s, ch, pf, sp, mi
		from unnest(${rows.map((r) => r.counter)}::int[], ${rows.map((r) => r.at)}::timestamptz[], ${rows.map((r) => r.source)}::text[],
			${rows.map((r) => r.channel)}::text[], ${rows.map((r) => r.field)}::int[], ${rows.map((r) => r.spam)}::boolean[],
			${rows.map((r) => r.misuse)}::boolean[]) as u(c, t, s, ch, pf, sp, mi)
		returning id`.execute(db);
	const ids = inserted.map((r) => r.id);

	const answerResponse: number[] = [];
	const answerCriterion: number[] = [];
	const answerValue: (number | null)[] = [];
	for (const id of ids) {
		// Each response has its own leaning, and leaves out whole dimensions now and then, so that
		// some months have an index with a missing dimension at counter scope.
		const leaning = random();
		const skipped = new Set(DIMENSION_KEYS.filter(() => random() < 0.15));
		if (random() < 0.03) continue; // a response with no answer at all
		for (const criterion of criteria) {
			if (skipped.has(criterion.dimension_key as DimensionKey) || random() < 0.1) continue;
			answerResponse.push(id);
			answerCriterion.push(criterion.id);
			answerValue.push(random() < 0.12 ? null : random() < leaning ? randomInt(random, 4, 5) : randomInt(random, 1, 5));
		}
	}
	await sql`
		insert into answers (response_id, criterion_id, value)
		select * from unnest(${answerResponse}::bigint[], ${answerCriterion}::int[], ${answerValue}::smallint[])`.execute(db);
	return ids;
}

/**
 * Links about a tenth of an agency's responses (every tenth id) to dossiers made for them, so
 * that they count as verified, as responses through a dossier's invitation are.
 */
export async function linkToDossiers(db: Kysely<Database>, agencyId: number, ids: readonly number[]): Promise<number[]> {
	const chosen = ids.filter((_, i) => i % 10 === 3);
	const unit = await db.selectFrom('units').select('id').where('agency_id', '=', agencyId).orderBy('id').executeTakeFirstOrThrow();
	const field = await db.selectFrom('procedure_fields').select('id').where('agency_id', '=', agencyId).orderBy('id').executeTakeFirstOrThrow();
	await sql`
		with made as (
			insert into dossiers (agency_id, code, procedure_code, procedure_name, procedure_field_id, channel, unit_id, received_at, invitation_hash)
			select ${agencyId}, 'HS-' || r.id, 'TTHC-1', 'Thủ tục thử', ${field.id}, 'online', ${unit.id}, r.submitted_at, 'hash-' || r.id
			from responses r where r.id = any(${[...chosen]}::bigint[])
			returning id, code
		)
		update responses r set dossier_id = made.id from made where made.code = 'HS-' || r.id`.execute(db);
	return chosen;
}

/** Synthetic responses, then their sums added in a few batches (as submissions and imports do). */
export async function insertAndSum(db: Kysely<Database>, options: SyntheticOptions): Promise<number[]> {
	const ids = await insertSyntheticResponses(db, options);
	for (let i = 0; i < ids.length; i += 97) {
		await db.transaction().execute((trx) => applyToSums(trx, ids.slice(i, i + 97), 1));
	}
	return ids;
}

/** A second agency with one unit, counter, field and the same questionnaire, for isolation tests. */
export async function insertAgency(db: Kysely<Database>, code: string): Promise<{ agencyId: number; counterId: number }> {
	const agency = await db.insertInto('agencies').values({ code, name_vi: code, name_en: code }).returning('id').executeTakeFirstOrThrow();
	const unit = await db.insertInto('units').values({ agency_id: agency.id, name: 'Văn phòng' }).returning('id').executeTakeFirstOrThrow();
	const counter = await db
		.insertInto('counters')
		.values({ agency_id: agency.id, unit_id: unit.id, code: `${code}-01`, name: 'Quầy' })
		.returning('id')
		.executeTakeFirstOrThrow();
	await db.insertInto('procedure_fields').values({ agency_id: agency.id, name: 'Thương mại' }).execute();
	const version = await db
		.insertInto('survey_versions')
		.values({ agency_id: agency.id, number: 1, active: true, lead_in_vi: LEAD_IN.vi, lead_in_en: LEAD_IN.en })
		.returning('id')
		.executeTakeFirstOrThrow();
	await db
		.insertInto('criteria')
		.values(CRITERIA.map((c, i) => ({ survey_version_id: version.id, dimension_key: c.dimension, key: c.key, position: i + 1, text_vi: c.vi, text_en: c.en })))
		.execute();
	return { agencyId: agency.id, counterId: counter.id };
}

/** One response as stored, with its answers by criterion key. */
export interface RawResponse {
	id: number;
	agencyId: number;
	/** Asia/Ho_Chi_Minh, computed in JS from submitted_at (not by the SQL under test). */
	day: DayKey;
	counterId: number;
	unitId: number;
	procedureFieldId: number | null;
	channel: Channel | null;
	source: ResponseSource;
	excluded: boolean;
	/** Came through a dossier's invitation. */
	verified: boolean;
	answers: Record<string, number | null>;
}

/** Every response of the agency with its raw answers. */
export async function loadRawResponses(db: Kysely<Database>, agencyId: number): Promise<RawResponse[]> {
	const responses = await db
		.selectFrom('responses')
		.innerJoin('counters', 'counters.id', 'responses.counter_id')
		.select([
			'responses.id',
			'responses.agency_id',
			'responses.submitted_at',
			'responses.counter_id',
			'counters.unit_id',
			'responses.procedure_field_id',
			'responses.channel',
			'responses.source',
			'responses.flagged_spam',
			'responses.flagged_misuse',
			'responses.dossier_id'
		])
		.where('responses.agency_id', '=', agencyId)
		.execute();
	const answers = await db
		.selectFrom('answers')
		.innerJoin('criteria', 'criteria.id', 'answers.criterion_id')
		.innerJoin('responses', 'responses.id', 'answers.response_id')
		.select(['answers.response_id', 'criteria.key', 'answers.value'])
		.where('responses.agency_id', '=', agencyId)
		.execute();
	const byResponse = new Map<number, Record<string, number | null>>();
	for (const a of answers) (byResponse.get(a.response_id) ?? byResponse.set(a.response_id, {}).get(a.response_id)!)[a.key] = a.value;
	return responses.map((r) => ({
		id: r.id,
		agencyId: r.agency_id,
		day: localDayKey(r.submitted_at),
		counterId: r.counter_id,
		unitId: r.unit_id,
		procedureFieldId: r.procedure_field_id,
		channel: r.channel,
		source: r.source,
		excluded: r.flagged_spam || r.flagged_misuse,
		verified: r.dossier_id !== null,
		answers: byResponse.get(r.id) ?? {}
	}));
}

/** The responses a scope and a span of days count. */
export function selectResponses(responses: readonly RawResponse[], scope: Scope, first: DayKey, last: DayKey): RawResponse[] {
	return responses.filter(
		(r) =>
			r.agencyId === scope.agencyId &&
			r.day >= first &&
			r.day <= last &&
			(scope.unitId === undefined || r.unitId === scope.unitId) &&
			(scope.counterId === undefined || r.counterId === scope.counterId) &&
			(scope.procedureFieldId === undefined || r.procedureFieldId === scope.procedureFieldId) &&
			(scope.channel === undefined || r.channel === scope.channel) &&
			(scope.source === undefined || r.source === scope.source) &&
			(scope.verified === undefined || r.verified === scope.verified) &&
			(scope.includeExcluded || !r.excluded)
	);
}

const DIMENSION_OF = new Map(CRITERIA.map((c) => [c.key, c.dimension as string]));

export interface ReferenceEstimates {
	n: number;
	dimensions: Record<DimensionKey, DimensionEstimate>;
	indexes: Record<IndexKey, IndexEstimate>;
	criteria: CriteriaSums;
	/** Answers per criterion key and value ('1'…'5', 'na'). */
	distribution: Record<string, Record<string, number>>;
}

/** Every estimate of a set of responses, straight from their answers with the reference formulas. */
export function referenceEstimates(responses: readonly RawResponse[]): ReferenceEstimates {
	const counts = responses.map((r) => countResponse(r.answers, (key) => DIMENSION_OF.get(key)));
	const criteria: CriteriaSums = {};
	const distribution: Record<string, Record<string, number>> = {};
	for (const r of responses) {
		accumulateCriteria(criteria, r.answers);
		for (const [key, value] of Object.entries(r.answers)) {
			const d = (distribution[key] ??= { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0, na: 0 });
			d[value === null ? 'na' : String(value)]! += 1;
		}
	}
	return {
		n: responses.length,
		dimensions: Object.fromEntries(DIMENSION_KEYS.map((key) => [key, referenceDimensionEstimate(counts, key)])) as ReferenceEstimates['dimensions'],
		indexes: Object.fromEntries(INDEXES.map((index) => [index.key, referenceIndexEstimate(counts, index)])) as ReferenceEstimates['indexes'],
		criteria,
		distribution
	};
}

