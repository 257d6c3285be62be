import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/lib/server/seed/demo';
import { seedReference } from '../../src/lib/server/seed/reference';
import { databaseKinds, migratedDatabase, type TestDatabase } from './helpers/databases';

describe.each(await databaseKinds())('seeding on %s', (kind) => {
	let database: TestDatabase;
	beforeAll(async () => {
		database = await migratedDatabase(kind);
	});
	afterAll(() => database?.drop());

	it('creates the Gia Lai department with survey version 1 exactly as SIPAS.md, once', async () => {
		expect(await seedReference(database.db)).toEqual({ created: true });
		expect(await seedReference(database.db)).toEqual({ created: false });

		const criteria = await database.db
			.selectFrom('criteria')
			.innerJoin('survey_versions', 'survey_versions.id', 'criteria.survey_version_id')
			.select(['criteria.key', 'criteria.dimension_key', 'criteria.text_vi'])
			.where('survey_versions.number', '=', 1)
			.orderBy('criteria.position')
			.execute();
		expect(criteria).toHaveLength(28);
		expect(criteria.map((c) => c.key).join(' ')).toBe(
			'PA1 PA2 PA3 PP1 PP2 PP3 SA1 SA2 SA3 SA4 TT1 TT2 TT3 TT4 TT5 CC1 CC2 CC3 CC4 CC5 CC6 KQ1 KQ2 KQ3 PK1 PK2 PK3 PK4'
		);
		expect(criteria.find((c) => c.key === 'CC4')).toEqual({
			key: 'CC4',
			dimension_key: 'civil_servants',
			text_vi: 'Công chức hướng dẫn kê khai hồ sơ tận tình, chu đáo'
		});

		const goals = await sql<{ key: string; baseline: number; target: number }>`
			select b.dimension_key as key, b.percent as baseline, t.percent as target
			from baselines b join targets t using (agency_id, dimension_key)
			join dimensions d on d.key = b.dimension_key
			where b.year = 2023 and t.year = 2024 order by d.position`.execute(database.db);
		expect(goals.rows).toEqual([
			{ key: 'policy_accountability', baseline: 83.26, target: 85.26 },
			{ key: 'policy_participation', baseline: 82.95, target: 84.95 },
			{ key: 'service_access', baseline: 84.19, target: 86.19 },
			{ key: 'procedures', baseline: 84.09, target: 86.09 },
			{ key: 'civil_servants', baseline: 84.9, target: 86.9 },
			{ key: 'service_results', baseline: 84.2, target: 86.2 },
			{ key: 'feedback_handling', baseline: 84.2, target: 86.2 }
		]);

		const counters = await database.db.selectFrom('counters').innerJoin('units', 'units.id', 'counters.unit_id').select(['units.name']).execute();
		expect(new Set(counters.map((c) => c.name)).size).toBe(7); // one counter per unit at least
	});

	it('generates the same demo responses on every run, in working hours of Asia/Ho_Chi_Minh', async () => {
		const options = { responses: 300, from: new Date('2023-12-31T17:00:00Z'), until: new Date('2024-06-30T17:00:00Z') };
		await seedDemo(database.db, options);
		const first = await fingerprint();
		await sql`truncate answers, responses`.execute(database.db);
		await seedDemo(database.db, options);
		expect(await fingerprint()).toEqual(first);
		expect(first.responses).toBe(300);

		const outside = await sql<{ n: number }>`
			select count(*)::int as n from responses
			where extract(isodow from submitted_at at time zone 'Asia/Ho_Chi_Minh') > 5
			   or (submitted_at at time zone 'Asia/Ho_Chi_Minh')::time not between '07:30' and '16:30'`.execute(database.db);
		expect(outside.rows[0]!.n).toBe(0);

		const late = await sql<{ n: number }>`select count(*)::int as n from responses where submitted_at > ${options.until}`.execute(database.db);
		expect(late.rows[0]!.n).toBe(0);
	});

	async function fingerprint() {
		const { rows } = await sql<{ responses: number; answers: number; satisfied: number; na: number; checksum: string }>`
			select (select count(*)::int from responses) as responses, count(*)::int as answers,
				count(*) filter (where a.value >= 4)::int as satisfied, count(*) filter (where a.value is null)::int as na,
				md5(string_agg(r.submission_id::text || r.submitted_at::text || c.key || coalesce(a.value::text, 'na'), ',' order by r.submission_id, c.key)) as checksum
			from answers a join responses r on r.id = a.response_id join criteria c on c.id = a.criterion_id`.execute(database.db);
		return rows[0]!;
	}
});
