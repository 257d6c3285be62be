import { Migrator, NO_MIGRATIONS, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrationProvider } from '../../migrations/index';
import type { Database } from '../../src/lib/server/db/schema';
import { databaseKinds, emptyDatabase, type TestDatabase } from './helpers/databases';

/**
 * Every column of the typed Database interface, listed once: the type makes the list exhaustive
 * (a column missing here or not in the interface is a type error), the test makes it match the
 * live schema that the migrations build.
 */
const COLUMNS: { [T in keyof Database]: Record<keyof Database[T], true> } = {
	agencies: { id: true, code: true, name_vi: true, name_en: true, created_at: true },
	units: { id: true, agency_id: true, name: true },
	procedure_fields: { id: true, agency_id: true, name: true },
	counters: { id: true, agency_id: true, unit_id: true, code: true, name: true, active: true, created_at: true },
	dimensions: { key: true, position: true, kind: true, name_vi: true, name_en: true },
	survey_versions: { id: true, agency_id: true, number: true, active: true, lead_in_vi: true, lead_in_en: true, created_at: true },
	criteria: { id: true, survey_version_id: true, dimension_key: true, key: true, position: true, text_vi: true, text_en: true },
	responses: {
		id: true, agency_id: true, counter_id: true, survey_version_id: true, submission_id: true, submitted_at: true,
		source: true, channel: true, respondent_type: true, gender: true, age_group: true, ethnicity: true,
		procedure_field_id: true, dossier_code: true, comment: true, flagged_misuse: true, flagged_spam: true
	},
	answers: { response_id: true, criterion_id: true, value: true },
	baselines: { agency_id: true, dimension_key: true, year: true, percent: true },
	targets: { agency_id: true, dimension_key: true, year: true, percent: true },
	flood_keys: { day: true, key: true },
	submission_counts: { counter_id: true, device_hash: true, hour: true, submissions: true }
};

async function liveColumns(database: TestDatabase): Promise<Record<string, string[]>> {
	const tables = await database.db.introspection.getTables();
	return Object.fromEntries(tables.map((t) => [t.name, t.columns.map((c) => c.name).sort()]));
}

describe.each(await databaseKinds())('migrations on %s', (kind) => {
	let database: TestDatabase;
	beforeAll(async () => {
		database = await emptyDatabase(kind);
	});
	afterAll(() => database?.drop());

	it('go up, down and up again, and the typed interface matches the live schema', async () => {
		const migrator = new Migrator({ db: database.db, provider: migrationProvider });
		const expected = Object.fromEntries(Object.entries(COLUMNS).map(([table, columns]) => [table, Object.keys(columns).sort()]));

		const up = await migrator.migrateToLatest();
		expect(up.error).toBeUndefined();
		expect(await liveColumns(database)).toEqual(expected);

		const down = await migrator.migrateTo(NO_MIGRATIONS);
		expect(down.error).toBeUndefined();
		expect(await liveColumns(database)).toEqual({});

		const again = await migrator.migrateToLatest();
		expect(again.error).toBeUndefined();
		expect(await liveColumns(database)).toEqual(expected);
	});

	it('refuses values the model forbids', async () => {
		const db = database.db;
		await expect(sql`insert into agencies (code, name_vi, name_en) values ('Bad Code!', 'x', 'x')`.execute(db)).rejects.toThrow();
		await expect(sql`insert into dimensions (key, position, kind, name_vi, name_en) values ('x', 99, 'other', 'x', 'x')`.execute(db)).rejects.toThrow();
	});
});
