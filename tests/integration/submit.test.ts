import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submitResponse } from '../../src/lib/server/survey/submit';
import { databaseKinds, migratedDatabase, type TestDatabase } from './helpers/databases';
import { seededCounter } from './helpers/survey';

describe.each(await databaseKinds())('submitting a response on %s', (kind) => {
	let database: TestDatabase;
	let fixture: Awaited<ReturnType<typeof seededCounter>>;
	beforeAll(async () => {
		database = await migratedDatabase(kind);
		fixture = await seededCounter(database.db);
	});
	afterAll(() => database?.drop());

	const countResponses = async (submissionId: string) =>
		Number((await sql<{ n: number }>`select count(*)::int as n from responses where submission_id = ${submissionId}`.execute(database.db)).rows[0]!.n);

	it('stores the response and each answered criterion, N/A as NULL and skipped as no row', async () => {
		const submission = fixture.submission();
		const outcome = await submitResponse(database.db, submission, fixture.context());
		expect(outcome).toMatchObject({ status: 'stored', flaggedMisuse: false });

		const stored = await database.db
			.selectFrom('answers')
			.innerJoin('criteria', 'criteria.id', 'answers.criterion_id')
			.innerJoin('responses', 'responses.id', 'answers.response_id')
			.select(['criteria.key', 'answers.value'])
			.where('responses.submission_id', '=', submission.submission_id)
			.orderBy('criteria.key')
			.execute();
		expect(stored).toEqual([
			{ key: 'CC1', value: 2 },
			{ key: 'KQ1', value: 4 },
			{ key: 'PA1', value: 5 },
			{ key: 'PA2', value: null }
		]);
		const response = await database.db
			.selectFrom('responses')
			.selectAll()
			.where('submission_id', '=', submission.submission_id)
			.executeTakeFirstOrThrow();
		expect(response).toMatchObject({
			counter_id: fixture.survey.counter.id,
			agency_id: fixture.survey.agency.id,
			source: 'online',
			channel: 'in_person',
			age_group: '30_44',
			comment: 'Cán bộ hướng dẫn tận tình.',
			flagged_misuse: false,
			flagged_spam: false
		});
	});

	it('stores a submission id once, however often it is sent', async () => {
		const submission = fixture.submission();
		const outcomes = await Promise.all(Array.from({ length: 5 }, () => submitResponse(database.db, submission, fixture.context())));
		expect(outcomes.filter((o) => o.status === 'stored')).toHaveLength(1);
		expect(outcomes.filter((o) => o.status === 'duplicate')).toHaveLength(4);
		expect(await countResponses(submission.submission_id)).toBe(1);
		// A retry later is still the same submission.
		expect(await submitResponse(database.db, submission, fixture.context())).toEqual({ status: 'duplicate' });
		expect(await countResponses(submission.submission_id)).toBe(1);
	});

	it('writes nothing when any answer fails: never a response with half its answers', async () => {
		const submission = fixture.submission({ answers: { PA1: 5, PA2: 4 } });
		const broken = fixture.context({ criterionIds: new Map([['PA1', fixture.context().criterionIds.get('PA1')!], ['PA2', 987654]]) });
		await expect(submitResponse(database.db, submission, broken)).rejects.toThrow();
		expect(await countResponses(submission.submission_id)).toBe(0);
	});

	it('refuses a survey version that is not the active one, storing nothing', async () => {
		const submission = fixture.submission({ survey_version: fixture.survey.version.id + 1 });
		expect(await submitResponse(database.db, submission, fixture.context())).toEqual({ status: 'version_changed' });
		expect(await countResponses(submission.submission_id)).toBe(0);
	});

	it('flags a flood from one device as misuse, then refuses it, without touching other devices', async () => {
		const limits = { flagPerHour: 3, blockPerHour: 5 };
		const now = new Date('2026-03-02T03:15:00Z');
		const results = [];
		for (let i = 0; i < 7; i++) {
			results.push(await submitResponse(database.db, fixture.submission(), fixture.context({ deviceHash: 'flooder', limits, now })));
		}
		expect(results.map((r) => (r.status === 'stored' ? (r.flaggedMisuse ? 'flagged' : 'stored') : r.status))).toEqual([
			'stored', 'stored', 'stored', 'flagged', 'flagged', 'too_many', 'too_many'
		]);
		const other = await submitResponse(database.db, fixture.submission(), fixture.context({ deviceHash: 'neighbour', limits, now }));
		expect(other).toMatchObject({ status: 'stored', flaggedMisuse: false });
		// The next hour starts a new count.
		const later = await submitResponse(database.db, fixture.submission(), fixture.context({ deviceHash: 'flooder', limits, now: new Date('2026-03-02T04:01:00Z') }));
		expect(later).toMatchObject({ status: 'stored', flaggedMisuse: false });
	});

	it('a duplicate does not count as another submission from the device', async () => {
		const limits = { flagPerHour: 1, blockPerHour: 2 };
		const submission = fixture.submission();
		const context = fixture.context({ deviceHash: 'retrier', limits });
		expect(await submitResponse(database.db, submission, context)).toMatchObject({ status: 'stored', flaggedMisuse: false });
		for (let i = 0; i < 3; i++) expect(await submitResponse(database.db, submission, context)).toEqual({ status: 'duplicate' });
		expect(await submitResponse(database.db, fixture.submission(), context)).toMatchObject({ status: 'stored', flaggedMisuse: true });
	});

	it('keeps a survey version with responses immutable', async () => {
		await expect(
			sql`update criteria set text_vi = 'đổi' where survey_version_id = ${fixture.survey.version.id} and key = 'PA1'`.execute(database.db)
		).rejects.toThrow(/cannot be changed/);
	});
});
