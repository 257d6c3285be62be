import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/lib/server/seed/demo';
import { seedReference } from '../../src/lib/server/seed/reference';
import { rebuildSums } from '../../src/lib/server/sums/rebuild';
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

	// Half a year, ending mid-afternoon of a Wednesday: results and ratings due later are not there yet.
	const options = { responses: 300, from: new Date('2023-12-31T17:00:00Z'), until: new Date('2024-06-26T08:00:00Z') };

	it('generates the same demo responses and register on every run, counter QR responses in working hours of Asia/Ho_Chi_Minh', async () => {
		await seedDemo(database.db, options);
		const first = await fingerprint();
		// Cascade: petitions (issue 12) refer to responses, dossiers and officials; none exist here.
		await sql`truncate answers, responses, dossier_officials, dossiers, officials cascade`.execute(database.db);
		await seedDemo(database.db, options);
		expect(await fingerprint()).toEqual(first);
		expect(first.qr).toBe(300);
		expect(first.verified).toBeGreaterThan(0);

		// The counter QR responses; a verified one comes whenever the citizen opens the link.
		const outside = await sql<{ n: number }>`
			select count(*)::int as n from responses
			where dossier_id is null and (extract(isodow from submitted_at at time zone 'Asia/Ho_Chi_Minh') > 5
			   or (submitted_at at time zone 'Asia/Ho_Chi_Minh')::time not between '07:30' and '16:30')`.execute(database.db);
		expect(outside.rows[0]!.n).toBe(0);

		const late = await sql<{ n: number }>`select count(*)::int as n from responses where submitted_at > ${options.until}`.execute(database.db);
		expect(late.rows[0]!.n).toBe(0);
	});

	it('gives the demo agency a dossier register: about 80% online, 18% counter, 2% post, officials, invitations', async () => {
		const { rows } = await sql<{ channel: string; n: number; returned: number; with_officials: number; with_counter: number }>`
			select channel, count(*)::int as n, count(returned_at)::int as returned,
				count(*) filter (where exists (select 1 from dossier_officials o where o.dossier_id = d.id))::int as with_officials,
				count(counter_id)::int as with_counter
			from dossiers d group by channel order by channel`.execute(database.db);
		const total = rows.reduce((n, r) => n + r.n, 0);
		// About 500 a month over half a year.
		expect(total).toBeGreaterThan(2400);
		expect(total).toBeLessThan(3600);
		const share = (channel: string) => rows.find((r) => r.channel === channel)!.n / total;
		expect(share('online')).toBeGreaterThan(0.75);
		expect(share('online')).toBeLessThan(0.86);
		expect(share('in_person')).toBeGreaterThan(0.13);
		expect(share('in_person')).toBeLessThan(0.23);
		expect(share('postal')).toBeGreaterThan(0.005);
		expect(share('postal')).toBeLessThan(0.04);
		for (const row of rows) {
			expect(row.with_officials, row.channel).toBe(row.n);
			// Only a counter receives a dossier in person.
			expect(row.with_counter, row.channel).toBe(row.channel === 'in_person' ? row.n : 0);
			// Most are returned; the last weeks' are still open.
			expect(row.returned / row.n, row.channel).toBeGreaterThan(0.8);
			expect(row.returned, row.channel).toBeLessThan(row.n);
		}
		const shapes = await sql<{ bad: number; hashes: number; officials: number; fields: number }>`
			select count(*) filter (where code !~ '^H21\.65-[0-9]{6}-[0-9]{4}$' or returned_at < received_at or due_at < received_at)::int as bad,
				count(distinct invitation_hash)::int as hashes,
				(select count(*)::int from officials) as officials,
				count(distinct procedure_field_id)::int as fields
			from dossiers`.execute(database.db);
		expect(shapes.rows[0]).toEqual({ bad: 0, hashes: total, officials: 14, fields: 6 });
	});

	it('rates dossiers less often online (~8%) than at the counter (~35%), with verified responses true to their dossier', async () => {
		const { rows } = await sql<{ channel: string; invited: number; responded: number }>`
			select d.channel, count(*)::int as invited, count(r.id)::int as responded
			from dossiers d left join responses r on r.dossier_id = d.id
			where d.returned_at is not null group by d.channel`.execute(database.db);
		const rate = (channel: string) => {
			const row = rows.find((r) => r.channel === channel)!;
			return row.responded / row.invited;
		};
		expect(rate('online')).toBeGreaterThan(0.05);
		expect(rate('online')).toBeLessThan(0.11);
		expect(rate('in_person')).toBeGreaterThan(0.28);
		expect(rate('in_person')).toBeLessThan(0.43);

		const mismatched = await sql<{ n: number }>`
			select count(*)::int as n from responses r
			join dossiers d on d.id = r.dossier_id
			join counters c on c.id = r.counter_id
			where r.channel <> d.channel or r.procedure_field_id <> d.procedure_field_id or r.submitted_at < d.received_at
				or c.unit_id <> d.unit_id or (d.counter_id is not null and r.counter_id <> d.counter_id)
				or r.agency_id <> d.agency_id or r.dossier_code is not null`.execute(database.db);
		expect(mismatched.rows[0]!.n).toBe(0);
		const verified = await sql<{ n: number; contact: number; answered: number }>`
			select count(*)::int as n, count(*) filter (where wants_contact)::int as contact,
				count(*) filter (where exists (select 1 from answers a where a.response_id = r.id))::int as answered
			from responses r where dossier_id is not null`.execute(database.db);
		expect(verified.rows[0]!.answered).toBe(verified.rows[0]!.n);
		expect(verified.rows[0]!.contact).toBeGreaterThan(0);
		expect(verified.rows[0]!.contact).toBeLessThan(verified.rows[0]!.n * 0.2);
	});

	it('puts nothing after the moment it was given: no dossier received, result returned or response given later', async () => {
		const { rows } = await sql<{ received: number; returned: number; responses: number }>`
			select count(*) filter (where received_at > ${options.until})::int as received,
				count(*) filter (where returned_at > ${options.until})::int as returned,
				(select count(*)::int from responses where submitted_at > ${options.until}) as responses
			from dossiers`.execute(database.db);
		expect(rows[0]).toEqual({ received: 0, returned: 0, responses: 0 });
	});

	it('sums the verified responses with the others, as the start-up does after seeding', async () => {
		await rebuildSums(database.db);
		const { rows } = await sql<{ summed: number; stored: number }>`
			select (select sum(responses)::int from estimate_sums where grain = 'month') as summed, (select count(*)::int from responses) as stored`.execute(database.db);
		expect(rows[0]!.summed).toBe(rows[0]!.stored);
	});

	async function fingerprint() {
		const { rows } = await sql<{ qr: number; verified: number; answers: number; satisfied: number; na: number; checksum: string; register: string }>`
			select (select count(*)::int from responses where dossier_id is null) as qr,
				(select count(*)::int from responses where dossier_id is not null) as verified, count(*)::int as answers,
				count(*) filter (where a.value >= 4)::int as satisfied, count(*) filter (where a.value is null)::int as na,
				md5(string_agg(r.submission_id::text || r.submitted_at::text || c.key || coalesce(a.value::text, 'na'), ',' order by r.submission_id, c.key)) as checksum,
				(select md5(string_agg(d.code || d.channel || d.received_at::text || coalesce(d.returned_at::text, '-') || coalesce(dr.submission_id::text, '-'), ',' order by d.code))
					from dossiers d left join responses dr on dr.dossier_id = d.id) as register
			from answers a join responses r on r.id = a.response_id join criteria c on c.id = a.criterion_id`.execute(database.db);
		return rows[0]!;
	}
});
