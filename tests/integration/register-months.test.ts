import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/lib/server/db/schema';
import { importRegister } from '../../src/lib/server/dossiers/import-register';
import { lockRegister } from '../../src/lib/server/dossiers/store';
import { answerInvitation } from '../../src/lib/server/invitations/answer-invitation';
import { deriveInvitationCode } from '../../src/lib/server/invitations/code';
import { invitationSecret } from '../../src/lib/server/invitations/secret';
import { readFrameCounts } from '../../src/lib/server/estimates/register-frame';
import { foldAll, foldBatch } from '../../src/lib/server/sums/folder';
import { rebuildSums } from '../../src/lib/server/sums/rebuild';
import { seedReference } from '../../src/lib/server/seed/reference';
import { databaseKinds, migratedDatabase, type TestDatabase } from './helpers/databases';

/**
 * register_months (migration 012) against the register itself: the frame and the responded of
 * every month and cell, read by a report, equal a count over dossiers and responses at every step —
 * dossiers imported, answered (unfolded, then folded), moved to another month and channel by a later
 * export — and a rebuild from scratch writes the same rows. A folder meeting an import in progress
 * leaves that agency's answered dossiers for later instead of waiting.
 */
const NOW = new Date('2024-07-30T03:00:00Z');
const CONFIG = { FLOOD_FLAG_PER_HOUR: 100, FLOOD_BLOCK_PER_HOUR: 600, INVITATION_VALID_DAYS: 90 };
const HEADER = 'dossier_code,procedure_code,procedure_name,procedure_field,channel,unit,counter,received_at,returned_at\n';
const line = (code: string, field: string, channel: string, unit: string, counter: string, returned: string) =>
	`${code},1.1,Thủ tục,${field},${channel},${unit},${counter},2024-05-01T08:00,${returned}\n`;
const FIRST_EXPORT =
	HEADER +
	line('RM-1', 'Thương mại', 'Trực tuyến', 'Phòng Quản lý Thương mại', '', '2024-06-20T08:00') +
	line('RM-2', 'Thương mại', 'Trực tuyến', 'Phòng Quản lý Thương mại', '', '2024-06-21T08:00') +
	line('RM-3', 'Năng lượng', 'Trực tiếp', 'Phòng Quản lý Năng lượng', 'nl-01', '2024-06-30T18:00') +
	line('RM-4', 'Năng lượng', 'Trực tiếp', 'Phòng Quản lý Năng lượng', 'nl-01', '') +
	line('RM-5', 'Thương mại', 'Bưu chính', 'Văn phòng', '', '2024-05-31T16:59');
// The next export: RM-1 (answered) moves to July and to the counter, RM-4 is returned, RM-6 is new.
const SECOND_EXPORT =
	HEADER +
	line('RM-1', 'Thương mại', 'Trực tiếp', 'Phòng Quản lý Thương mại', 'tm-01', '2024-07-02T08:00') +
	line('RM-4', 'Năng lượng', 'Trực tiếp', 'Phòng Quản lý Năng lượng', 'nl-01', '2024-07-05T08:00') +
	line('RM-6', 'Thương mại', 'Trực tuyến', 'Phòng Quản lý Thương mại', '', '2024-07-06T08:00');

describe.each(await databaseKinds())('the register per month on %s', (kind) => {
	let database: TestDatabase;
	let db: Kysely<Database>;
	let agencyId: number;
	let version: number;
	let code: (dossier: string) => string;

	beforeAll(async () => {
		database = await migratedDatabase(kind);
		db = database.db;
		await seedReference(db);
		agencyId = (await db.selectFrom('agencies').select('id').where('code', '=', 'sct-gialai').executeTakeFirstOrThrow()).id;
		version = (await db.selectFrom('survey_versions').select('id').where('agency_id', '=', agencyId).where('active', '=', true).executeTakeFirstOrThrow()).id;
		const secret = await invitationSecret(db);
		code = (dossier) => deriveInvitationCode(secret, agencyId, dossier);
	});
	afterAll(() => database?.drop());

	const importCsv = async (csv: string) => {
		const report = await importRegister(db, {
			agencyId, actor: { kind: 'system', label: 'test' }, file: { name: 'r.csv', bytes: new TextEncoder().encode(csv) }, dryRun: false, origin: 'https://x.test', validDays: 90, now: NOW
		});
		expect(report.outcome).toBe('imported');
	};
	const answer = async (dossier: string) => {
		const form = { submission_id: randomUUID(), survey_version: String(version), answers: { PA1: '5', CC1: '4' }, comment: '' };
		expect(await answerInvitation(db, CONFIG, code(dossier), form, { address: '203.0.113.9', userAgent: 'phone' }, NOW)).toEqual({ kind: 'stored' });
	};

	/** The frame and responded of June–July per month and cell, counted from the dossiers themselves. */
	async function fromRegister(scope: { counterId?: number } = {}) {
		const { rows } = await sql<{ month: string; cell: string; frame: number; responded: number }>`
			select to_char(d.returned_at at time zone 'Asia/Ho_Chi_Minh', 'YYYY-MM') as month, d.channel || '|' || d.procedure_field_id as cell,
				count(*)::int as frame, count(r.id)::int as responded
			from dossiers d left join responses r on r.dossier_id = d.id
			where d.agency_id = ${agencyId} and d.returned_at is not null
				and ${scope.counterId === undefined ? sql`true` : sql`d.counter_id = ${scope.counterId}`}
			group by 1, 2 order by 1, 2`.execute(db);
		return rows.filter((row) => row.month >= '2024-05' && row.month <= '2024-07');
	}
	async function fromReport(scope: { counterId?: number } = {}) {
		const read = await readFrameCounts(db, { agencyId, ...scope }, '2024-05', '2024-07');
		return [...read].flatMap(([month, cells]) => [...cells].map(([cell, c]) => ({ month, cell, frame: c.frame, responded: c.responded })))
			.sort((a, b) => (a.month + a.cell < b.month + b.cell ? -1 : 1));
	}
	const tableRows = async () =>
		(await sql`select * from register_months where agency_id = ${agencyId} and (dossiers <> 0 or responded <> 0) order by agency_id, month, unit_id, counter_id, procedure_field_id, channel`.execute(db)).rows;

	it('counts the dossiers of each month of return, in Vietnamese time, from the moment they are imported', async () => {
		await importCsv(FIRST_EXPORT);
		const expected = await fromRegister();
		// RM-3 was returned at 18:00 on 30 June in Vietnam: still June; RM-5 on 31 May at 16:59: May.
		expect(expected.map((row) => row.month)).toEqual(['2024-05', '2024-06', '2024-06']);
		expect(expected.reduce((total, row) => total + row.frame, 0)).toBe(4);
		expect(await fromReport()).toEqual(expected);
	});

	it('counts an answered dossier before the folder has folded its response, and after', async () => {
		await answer('RM-1');
		await answer('RM-3');
		expect((await sql<{ n: number }>`select count(*)::int as n from responses where not folded`.execute(db)).rows[0]!.n).toBe(2);
		const expected = await fromRegister();
		expect(expected.reduce((total, row) => total + row.responded, 0)).toBe(2);
		expect(await fromReport()).toEqual(expected);
		await foldAll(db);
		expect(await fromReport()).toEqual(expected);
		const nl01 = (await db.selectFrom('counters').select('id').where('code', '=', 'nl-01').executeTakeFirstOrThrow()).id;
		expect(await fromReport({ counterId: nl01 })).toEqual(await fromRegister({ counterId: nl01 }));
	});

	it('moves an answered dossier with its response when a later export changes its month and channel', async () => {
		await importCsv(SECOND_EXPORT);
		const expected = await fromRegister();
		const july = expected.filter((row) => row.month === '2024-07');
		expect(july.reduce((total, row) => total + row.frame, 0)).toBe(3);
		expect(july.reduce((total, row) => total + row.responded, 0)).toBe(1);
		expect(await fromReport()).toEqual(expected);
	});

	it('leaves an answered dossier unfolded while its register is being written, and folds it after', async () => {
		await answer('RM-6');
		let release!: () => void;
		const held = new Promise<void>((resolve) => (release = resolve));
		let locked!: () => void;
		const isLocked = new Promise<void>((resolve) => (locked = resolve));
		// PGlite has one connection: the import's transaction and the folder cannot overlap there.
		if (kind === 'postgres') {
			const importing = db.transaction().execute(async (trx) => {
				await lockRegister(trx, agencyId);
				locked();
				await held;
			});
			await isLocked;
			try {
				expect(await foldBatch(db)).toBe(0);
				expect(await fromReport()).toEqual(await fromRegister());
			} finally {
				release();
				await importing;
			}
		}
		expect(await foldBatch(db)).toBe(1);
		expect(await fromReport()).toEqual(await fromRegister());
	});

	it('is rebuilt from scratch to the same rows', async () => {
		const before = await tableRows();
		await sql`update register_months set dossiers = dossiers + 5 where agency_id = ${agencyId}`.execute(db);
		const rebuilt = await rebuildSums(db);
		expect(rebuilt.registerRows).toBeGreaterThan(0);
		expect(await tableRows()).toEqual(before);
		expect(await fromReport()).toEqual(await fromRegister());
	});
});
