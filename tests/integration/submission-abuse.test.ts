import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseConfig, type Config } from '../../src/lib/server/config-schema';
import { receiveSubmission, type SubmissionResult } from '../../src/lib/server/survey/service';
import { databaseKinds, migratedDatabase, type TestDatabase } from './helpers/databases';
import { seededCounter } from './helpers/survey';

/**
 * Abuse of the public submission, through the service both the survey form and the JSON API use,
 * and through the JSON API route itself: ballot stuffing from one network with a new User-Agent
 * each time, and ids that are not the agency's.
 */
const app = vi.hoisted(() => ({ db: undefined as unknown }));
vi.mock('$lib/server/db', () => ({ db: () => app.db }));
vi.mock('$lib/server/config', async () => {
	const { parseConfig } = await import('../../src/lib/server/config-schema');
	return { appConfig: () => parseConfig({}) };
});
const { POST } = await import('../../src/routes/api/v1/counters/[code]/responses/+server');

/** POST /api/v1/counters/{code}/responses as the server would call it. */
async function postJson(code: string, body: unknown, address = '192.0.2.200') {
	const url = new URL(`http://localhost/api/v1/counters/${code}/responses`);
	const request = new Request(url, { method: 'POST', headers: { 'content-type': 'application/json', 'user-agent': 'kiosk' }, body: JSON.stringify(body) });
	const response = await POST({ request, params: { code }, url, getClientAddress: () => address } as never);
	return { status: response.status, body: await response.json() };
}
/** The defaults of FLOOD_NETWORK_FLAG_PER_HOUR and FLOOD_NETWORK_BLOCK_PER_HOUR (README). */
const NETWORK_FLAG = 60;
const NETWORK_BLOCK = 200;

describe.each(await databaseKinds())('public submissions on %s', (kind) => {
	let database: TestDatabase;
	let fixture: Awaited<ReturnType<typeof seededCounter>>;
	const config: Config = parseConfig({});
	beforeAll(async () => {
		database = await migratedDatabase(kind);
		app.db = database.db;
		fixture = await seededCounter(database.db);
	});
	afterAll(() => database?.drop());

	const body = (overrides: Record<string, unknown> = {}) => ({
		submission_id: randomUUID(),
		survey_version: fixture.survey.version.id,
		answers: { PA1: 5, CC1: 4 },
		channel: 'in_person',
		...overrides
	});
	const outcome = (r: SubmissionResult) => (r.kind === 'stored' ? 'stored' : r.kind);
	const flagged = async (counterCode: string) =>
		(await database.db
			.selectFrom('responses')
			.innerJoin('counters', 'counters.id', 'responses.counter_id')
			.select('responses.flagged_misuse')
			.where('counters.code', '=', counterCode)
			.orderBy('responses.id')
			.execute()).map((r) => r.flagged_misuse);

	describe('from one network with a new User-Agent each time', () => {
		it('has limits a busy office can live with by default', () => {
			expect(config.FLOOD_NETWORK_FLAG_PER_HOUR).toBe(NETWORK_FLAG);
			expect(config.FLOOD_NETWORK_BLOCK_PER_HOUR).toBe(NETWORK_BLOCK);
			expect(parseConfig({ FLOOD_NETWORK_FLAG_PER_HOUR: '5', FLOOD_NETWORK_BLOCK_PER_HOUR: '9' })).toMatchObject({ FLOOD_NETWORK_FLAG_PER_HOUR: 5, FLOOD_NETWORK_BLOCK_PER_HOUR: 9 });
		});

		it('lets 30 citizens behind one office Wi-Fi through in an hour, none flagged', async () => {
			const now = new Date('2026-04-06T02:10:00Z');
			for (let i = 0; i < 30; i++) {
				const phone = `Mozilla/5.0 (Linux; Android 1${i % 5}; Phone ${i}) Chrome/120.0.${i}.0 Mobile Safari/537.36`;
				const result = await receiveSubmission(database.db, config, 'vp-01', body(), { address: '203.0.113.10', userAgent: phone }, now);
				expect(outcome(result), `citizen ${i + 1}`).toBe('stored');
			}
			expect(await flagged('vp-01')).toEqual(Array(30).fill(false));
		});

		// Over 200 submissions with their estimate sums: slow on PGlite, hence the longer timeout.
		it('flags stuffing from one address past the network limit, then refuses it', { timeout: 240_000 }, async () => {
			const now = new Date('2026-04-06T03:20:00Z');
			const results: string[] = [];
			const total = NETWORK_BLOCK + 5;
			for (let i = 0; i < total; i++) {
				const userAgent = `Mozilla/5.0 ${randomBytes(12).toString('hex')}`;
				results.push(outcome(await receiveSubmission(database.db, config, 'kcxt-01', body(), { address: '198.51.100.23', userAgent }, now)));
			}
			expect(results.slice(0, NETWORK_BLOCK).every((r) => r === 'stored')).toBe(true);
			expect(results.slice(NETWORK_BLOCK)).toEqual(Array(5).fill('too_many'));
			const stored = await flagged('kcxt-01');
			expect(stored).toHaveLength(NETWORK_BLOCK);
			expect(stored.slice(0, NETWORK_FLAG).every((f) => !f)).toBe(true);
			expect(stored.slice(NETWORK_FLAG).every((f) => f)).toBe(true);

			// Another network, and the same network at another counter, are counted on their own; no address is stored.
			expect(outcome(await receiveSubmission(database.db, config, 'kcxt-01', body(), { address: '198.51.100.24', userAgent: 'x' }, now))).toBe('stored');
			expect(outcome(await receiveSubmission(database.db, config, 'atmt-01', body(), { address: '198.51.100.23', userAgent: 'y' }, now))).toBe('stored');
			expect(await flagged('atmt-01')).toEqual([false]);
			const counts = await database.db.selectFrom('submission_counts').select('device_hash').execute();
			expect(counts.some((c) => c.device_hash.includes('198.51') || c.device_hash.includes('203.0'))).toBe(false);
		});

		it('counts an IPv6 /64 as one network, however many addresses a machine takes in it', async () => {
			const now = new Date('2026-04-06T05:05:00Z');
			const limits: Config = { ...config, FLOOD_NETWORK_FLAG_PER_HOUR: 2, FLOOD_NETWORK_BLOCK_PER_HOUR: 4 };
			const results: string[] = [];
			for (let i = 1; i <= 6; i++) {
				const address = `2001:db8:77:1:${randomBytes(2).toString('hex')}:${i}::${i}`;
				results.push(outcome(await receiveSubmission(database.db, limits, 'nl-01', body(), { address, userAgent: `ua ${i}` }, now)));
			}
			expect(results).toEqual(['stored', 'stored', 'stored', 'stored', 'too_many', 'too_many']);
			expect(await flagged('nl-01')).toEqual([false, false, true, true]);
			// The neighbouring /64 is another network.
			expect(outcome(await receiveSubmission(database.db, limits, 'nl-01', body(), { address: '2001:db8:77:2::1', userAgent: 'ua' }, now))).toBe('stored');
		});
	});

	describe('naming a procedure field', () => {
		const stored = async (submissionId: string) =>
			(await database.db.selectFrom('responses').select('id').where('submission_id', '=', submissionId).execute()).length;

		it('refuses another agency’s field or one that does not exist with 400, storing nothing', async () => {
			const other = await database.db.insertInto('agencies').values({ code: 'so-khac', name_vi: 'Sở Khác', name_en: 'Other' }).returning('id').executeTakeFirstOrThrow();
			const theirs = await database.db.insertInto('procedure_fields').values({ agency_id: other.id, name: 'Lĩnh vực của sở khác' }).returning('id').executeTakeFirstOrThrow();
			for (const field of [theirs.id, 987_654, String(theirs.id)]) {
				const viaService = body({ procedure_field: field });
				expect(await receiveSubmission(database.db, config, 'vp-01', viaService, { address: '192.0.2.201', userAgent: 'x' }), String(field)).toEqual({
					kind: 'invalid',
					errors: { procedure_field: { key: 'error.choice' } }
				});
				expect(await stored(viaService.submission_id)).toBe(0);

				const viaApi = body({ procedure_field: field });
				const answer = await postJson('vp-01', viaApi);
				expect(answer, String(field)).toEqual({ status: 400, body: { error: expect.stringContaining('not valid'), issues: [{ field: 'procedure_field', message: 'This choice is not valid.' }] } });
				expect(await stored(viaApi.submission_id)).toBe(0);
			}
		});

		it('stores one of the agency’s own fields', async () => {
			const ours = fixture.survey.procedureFields[0]!.id;
			const submission = body({ procedure_field: ours });
			expect(await postJson('vp-01', submission)).toEqual({ status: 201, body: { status: 'stored' } });
			const row = await database.db.selectFrom('responses').select('procedure_field_id').where('submission_id', '=', submission.submission_id).executeTakeFirstOrThrow();
			expect(row.procedure_field_id).toBe(ours);
		});
	});

	describe('with loosely typed values', () => {
		it('refuses answers and ids the form and the documented JSON never send, storing nothing', async () => {
			const version = fixture.survey.version.id;
			const field = fixture.survey.procedureFields[0]!.id;
			const cases: [string, Record<string, unknown>][] = [
				...[true, [5], '0x3', '3e0', '+5', '5.0'].map((v): [string, Record<string, unknown>] => ['a.PA1', { answers: { PA1: v } }]),
				...[true, [version], `0x${version.toString(16)}`, `${version}e0`, `+${version}`, `${version}.0`].map((v): [string, Record<string, unknown>] => ['survey_version', { survey_version: v }]),
				...[true, [field], `0x${field.toString(16)}`, `${field}e0`, `+${field}`, `${field}.0`].map((v): [string, Record<string, unknown>] => ['procedure_field', { procedure_field: v }])
			];
			for (const [name, overrides] of cases) {
				const submission = body(overrides);
				const answer = await postJson('vp-01', submission, '192.0.2.210');
				expect(answer.status, JSON.stringify(overrides)).toBe(400);
				expect(answer.body.issues.map((i: { field: string }) => i.field), JSON.stringify(overrides)).toEqual([name]);
				expect((await database.db.selectFrom('responses').select('id').where('submission_id', '=', submission.submission_id).execute()).length).toBe(0);
			}
			// What the form and the documentation send is still taken.
			for (const overrides of [{ answers: { PA1: '5', CC1: 'na' }, survey_version: String(version), procedure_field: String(field) }, { answers: { PA1: 5, CC1: 'na' } }]) {
				expect((await postJson('vp-01', body(overrides), '192.0.2.211')).status).toBe(201);
			}
		});
	});
});
