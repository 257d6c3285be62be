import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig, type Config } from '../../src/lib/server/config';
import { receiveSubmission, type SubmissionResult } from '../../src/lib/server/survey/service';
import { databaseKinds, migratedDatabase, type TestDatabase } from './helpers/databases';
import { seededCounter } from './helpers/survey';

/**
 * Abuse of the public submission, through the service both the survey form and the JSON API use:
 * ballot stuffing from one network with a new User-Agent each time.
 */
/** The defaults of FLOOD_NETWORK_FLAG_PER_HOUR and FLOOD_NETWORK_BLOCK_PER_HOUR (README). */
const NETWORK_FLAG = 60;
const NETWORK_BLOCK = 200;

describe.each(await databaseKinds())('public submissions on %s', (kind) => {
	let database: TestDatabase;
	let fixture: Awaited<ReturnType<typeof seededCounter>>;
	const config: Config = parseConfig({});
	beforeAll(async () => {
		database = await migratedDatabase(kind);
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
	});
});
