import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/lib/server/config-schema';
import { registry, type SubmissionOutcome } from '../../src/lib/server/metrics/metrics';
import { receiveSubmission } from '../../src/lib/server/survey/service';
import { seedReference } from '../../src/lib/server/seed/reference';
import { databaseKinds, migratedDatabase, type TestDatabase } from './helpers/databases';

/** Every submission is counted by what became of it, for /metrics: the form and the JSON API share this use case. */
async function outcomes(): Promise<Record<string, number>> {
	const metric = registry.getSingleMetric('hailong_submissions_total')!;
	const { values } = await metric.get();
	return Object.fromEntries(values.map((v) => [String(v.labels.outcome), v.value]));
}

describe.each(await databaseKinds())('hailong_submissions_total on %s', (kind) => {
	let database: TestDatabase;
	let versionId: number;

	beforeAll(async () => {
		database = await migratedDatabase(kind);
		await seedReference(database.db);
		versionId = (await database.db.selectFrom('survey_versions').select('id').where('active', '=', true).executeTakeFirstOrThrow()).id;
	});
	afterAll(() => database?.drop());

	it('counts accepted, flagged, refused, duplicate, invalid and not_found', async () => {
		const config = parseConfig({ FLOOD_FLAG_PER_HOUR: '1', FLOOD_BLOCK_PER_HOUR: '2' });
		const client = { address: '198.51.100.20', userAgent: `metrics-${kind}` };
		const submit = (raw: Record<string, unknown>, code = 'tm-01') => receiveSubmission(database.db, config, code, raw, client);
		const response = (id = randomUUID()) => ({ submission_id: id, survey_version: versionId, answers: { PA1: 5 } });

		const before = await outcomes();
		const repeated = randomUUID();
		const kinds = [
			(await submit(response(repeated))).kind,
			(await submit(response(repeated))).kind,
			(await submit(response())).kind,
			(await submit(response())).kind,
			(await submit({ ...response(), comment: 'x\u0000' })).kind,
			(await submit(response(), 'khong-co-quay')).kind
		];
		expect(kinds).toEqual(['stored', 'duplicate', 'stored', 'too_many', 'invalid', 'not_found']);

		const after = await outcomes();
		const delta = (outcome: SubmissionOutcome) => after[outcome]! - (before[outcome] ?? 0);
		expect({
			accepted: delta('accepted'),
			duplicate: delta('duplicate'),
			flagged: delta('flagged'),
			refused: delta('refused'),
			invalid: delta('invalid'),
			not_found: delta('not_found'),
			version_changed: delta('version_changed')
		}).toEqual({ accepted: 1, duplicate: 1, flagged: 1, refused: 1, invalid: 1, not_found: 1, version_changed: 0 });
	});
});
