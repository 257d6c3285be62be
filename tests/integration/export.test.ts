import { inflateRawSync } from 'node:zlib';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Database } from '../../src/lib/server/db/schema';
import { parseConfig } from '../../src/lib/server/config-schema';
import { seedReference } from '../../src/lib/server/seed/reference';
import { estimatePeriod, loadJudging, resolvePeriod } from '../../src/lib/server/estimates';
import type { Scope } from '../../src/lib/server/scope/scope';
import { insertAgency, insertAndSum, loadRawResponses, selectResponses, type RawResponse } from '../helpers/estimates-data';
import { parseCsv } from '../../src/lib/server/tabular/csv';
import { CSV_DIALECTS } from '../../src/lib/server/export/csv';
import { countRawResponses, rawResponseBatches } from '../../src/lib/server/export/raw-responses';
import { responsesCsvStream, responsesXlsx } from '../../src/lib/server/export/responses-files';
import { estimatesCsv, estimatesXlsx } from '../../src/lib/server/export/estimates-files';
import { estimatesExportLabels } from '../../src/lib/server/export/estimates-labels';
import { periodTable } from '../../src/lib/server/report/monthly-report';
import { dimensionNames } from '../../src/lib/server/survey/labels';
import type { Principal } from '../../src/lib/server/auth/principal';
import { databaseKinds, migratedDatabase, type TestDatabase } from './helpers/databases';

// The download routes reach the database through the app's db() singleton: point it at this test's.
const app = vi.hoisted(() => ({ db: undefined as unknown }));
vi.mock('../../src/lib/server/db/index.ts', () => ({ db: () => app.db }));
vi.mock('../../src/lib/server/config.ts', () => ({ appConfig: () => parseConfig({ MINIMUM_SAMPLE: '30' }) }));
const responsesRoute = await import('../../src/routes/a/[agency]/export/responses.csv/+server');
const estimatesRoute = await import('../../src/routes/a/[agency]/export/estimates.xlsx/+server');

const OPTIONS = { minimumSample: 30 };
const MARCH = resolvePeriod({ kind: 'month', month: '2024-03' });

async function text(stream: ReadableStream<Uint8Array>): Promise<string> {
	return new TextDecoder('utf-8', { ignoreBOM: true }).decode(await new Response(stream).arrayBuffer());
}

/** Records of a CSV we wrote, read back with the paper import's RFC 4180 parser. */
function records(csv: string, separator: ',' | ';' = ','): string[][] {
	expect(csv.startsWith('\uFEFF')).toBe(true);
	const parsed = parseCsv(csv.slice(1), separator);
	if (!parsed.ok) throw new Error(`unparsable CSV: ${parsed.problem}`);
	return parsed.records.map((r) => r.fields);
}

/** The files of a .xlsx (a zip), read from its central directory with node:zlib. */
function unzip(buffer: Buffer): Map<string, string> {
	const end = buffer.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
	const entries = buffer.readUInt16LE(end + 10);
	let at = buffer.readUInt32LE(end + 16);
	const files = new Map<string, string>();
	for (let i = 0; i < entries; i++) {
		const method = buffer.readUInt16LE(at + 10);
		const size = buffer.readUInt32LE(at + 20);
		const nameLength = buffer.readUInt16LE(at + 28);
		const skip = buffer.readUInt16LE(at + 30) + buffer.readUInt16LE(at + 32);
		const name = buffer.toString('utf8', at + 46, at + 46 + nameLength);
		const local = buffer.readUInt32LE(at + 42);
		const start = local + 30 + buffer.readUInt16LE(local + 26) + buffer.readUInt16LE(local + 28);
		const data = buffer.subarray(start, start + size);
		files.set(name, (method === 8 ? inflateRawSync(data) : data).toString('utf8'));
		at += 46 + nameLength + skip;
	}
	return files;
}

describe.each(await databaseKinds())('exports on %s', (kind) => {
	let database: TestDatabase;
	let db: Kysely<Database>;
	let agencyId: number;
	let other: { agencyId: number; counterId: number };
	let raw: RawResponse[];
	let counter: { id: number; code: string };
	let commentedId: number;

	beforeAll(async () => {
		database = await migratedDatabase(kind);
		db = database.db;
		app.db = db;
		await seedReference(db);
		agencyId = (await db.selectFrom('agencies').select('id').where('code', '=', 'sct-gialai').executeTakeFirstOrThrow()).id;
		other = await insertAgency(db, 'so-khac');
		await insertAndSum(db, { agencyId, count: 500, from: new Date('2024-02-20T00:00:00Z'), until: new Date('2024-04-10T00:00:00Z'), seed: 21, flagged: 0.1 });
		await insertAndSum(db, { agencyId: other.agencyId, count: 40, from: new Date('2024-03-01T00:00:00Z'), until: new Date('2024-03-30T00:00:00Z'), seed: 22 });
		raw = await loadRawResponses(db, agencyId);
		counter = await db.selectFrom('counters').select(['id', 'code']).where('agency_id', '=', agencyId).orderBy('id').executeTakeFirstOrThrow();
		// A comment that needs every kind of quoting, and one a spreadsheet would run as a formula.
		const march = raw.filter((r) => r.day.startsWith('2024-03') && !r.excluded).sort((a, b) => a.id - b.id);
		commentedId = march[0]!.id;
		await db.updateTable('responses').set({ comment: 'Tốt, nhưng "chậm"\r\nlần sau nhanh hơn', dossier_code: 'HS-01' }).where('id', '=', commentedId).execute();
		await db.updateTable('responses').set({ comment: '=HYPERLINK("http://x")' }).where('id', '=', march[1]!.id).execute();
	});
	afterAll(async () => database?.drop());

	it('streams raw responses as CSV: BOM, CRLF, quoting, one row per response, answers 1–5 / NA / empty', async () => {
		const scope: Scope = { agencyId };
		const csv = await text(responsesCsvStream(db, scope, MARCH, CSV_DIALECTS.comma));
		expect(csv.charCodeAt(0)).toBe(0xfeff);
		expect(csv.endsWith('\r\n')).toBe(true);
		expect(csv.replace(/"[^"]*"/g, '').split('\n').every((line) => line === '' || line.endsWith('\r'))).toBe(true);
		const [header, ...rows] = records(csv);
		expect(header!.slice(0, 14)).toEqual([
			'id', 'submitted_at', 'counter', 'unit', 'procedure_field', 'channel', 'source', 'respondent_type',
			'gender', 'age_group', 'ethnicity', 'dossier_code', 'flagged_spam', 'flagged_misuse'
		]);
		expect(header!.slice(14, 17)).toEqual(['PA1', 'PA2', 'PA3']);
		expect(header!.at(-2)).toBe('PK4');
		expect(header!.at(-1)).toBe('comment');

		const expected = selectResponses(raw, scope, MARCH.first, MARCH.last);
		expect(rows).toHaveLength(expected.length);
		expect(new Set(rows.map((r) => Number(r[0])))).toEqual(new Set(expected.map((r) => r.id)));
		for (const row of rows) {
			const stored = raw.find((r) => r.id === Number(row[0]))!;
			expect(row[1]!.slice(0, 10)).toBe(stored.day);
			expect(row[1]).toMatch(/^2024-03-\d\d \d\d:\d\d:\d\d$/);
			header!.slice(14, -1).forEach((key, i) => {
				const value = row[14 + i];
				const answer = stored.answers[key];
				expect(value, `${stored.id} ${key}`).toBe(answer === undefined ? '' : answer === null ? 'NA' : String(answer));
			});
		}
		const commented = rows.find((r) => Number(r[0]) === commentedId)!;
		expect(commented.at(-1)).toBe('Tốt, nhưng "chậm"\r\nlần sau nhanh hơn');
		expect(commented[11]).toBe('HS-01');
		expect(rows.some((r) => r.at(-1) === `'=HYPERLINK("http://x")`)).toBe(true);
	});

	it('respects the filters and the agency; flagged responses only when asked', async () => {
		const byCounter = records(await text(responsesCsvStream(db, { agencyId, counterId: counter.id, source: 'online' }, MARCH, CSV_DIALECTS.comma))).slice(1);
		expect(byCounter.length).toBe(selectResponses(raw, { agencyId, counterId: counter.id, source: 'online' }, MARCH.first, MARCH.last).length);
		expect(byCounter.length).toBeGreaterThan(0);
		expect(byCounter.every((r) => r[2] === counter.code && r[6] === 'online' && r[12] === '0' && r[13] === '0')).toBe(true);

		const all = records(await text(responsesCsvStream(db, { agencyId, includeExcluded: true }, MARCH, CSV_DIALECTS.comma))).slice(1);
		expect(all.length).toBe(selectResponses(raw, { agencyId, includeExcluded: true }, MARCH.first, MARCH.last).length);
		expect(all.some((r) => r[12] === '1' || r[13] === '1')).toBe(true);
		expect(all.every((r) => r[2] !== 'so-khac-01')).toBe(true);

		const theirs = records(await text(responsesCsvStream(db, { agencyId: other.agencyId }, MARCH, CSV_DIALECTS.comma))).slice(1);
		expect(theirs.length).toBeGreaterThan(0);
		expect(theirs.every((r) => r[2] === 'so-khac-01')).toBe(true);
		expect(await countRawResponses(db, { agencyId }, MARCH)).toBe(selectResponses(raw, { agencyId }, MARCH.first, MARCH.last).length);
	});

	it('reads in keyset batches without losing or repeating a response', async () => {
		const period = resolvePeriod({ kind: 'range', from: '2024-02-01', to: '2024-04-30' });
		const seen: number[] = [];
		for await (const batch of rawResponseBatches(db, { agencyId, includeExcluded: true }, period, 7)) seen.push(...batch.map((r) => r.id));
		expect(seen).toHaveLength(raw.length);
		expect(new Set(seen).size).toBe(raw.length);
	});

	it('writes the semicolon dialect for Excel set to Vietnamese', async () => {
		const csv = await text(responsesCsvStream(db, { agencyId }, MARCH, CSV_DIALECTS.semicolon));
		const [header, ...rows] = records(csv, ';');
		expect(header![0]).toBe('id');
		expect(rows.find((r) => Number(r[0]) === commentedId)!.at(-1)).toBe('Tốt, nhưng "chậm"\r\nlần sau nhanh hơn');
	});

	it('writes raw responses as an XLSX that opens: a zip with the sheet, the keys and the answers', async () => {
		const xlsx = await responsesXlsx(db, { agencyId, counterId: counter.id }, MARCH, 'Phiếu');
		expect(xlsx.subarray(0, 4)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
		const files = unzip(xlsx);
		expect([...files.keys()]).toEqual(expect.arrayContaining(['[Content_Types].xml', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml']));
		expect(files.get('xl/workbook.xml')).toContain('name="Phiếu"');
		const strings = files.get('xl/sharedStrings.xml') ?? '';
		const sheet = files.get('xl/worksheets/sheet1.xml')!;
		for (const value of ['submitted_at', 'PA1', 'PK4', 'comment', counter.code]) expect(strings + sheet).toContain(`>${value}<`);
		const expected = selectResponses(raw, { agencyId, counterId: counter.id }, MARCH.first, MARCH.last);
		expect(sheet.match(/<row /g)).toHaveLength(expected.length + 1);
		// Ids are number cells: A2 holds one of the counter's responses.
		const a2 = /<c r="A2"[^>]*><v>(\d+)<\/v>/.exec(sheet);
		expect(expected.map((r) => r.id)).toContain(Number(a2?.[1]));
		// B2 is a real date: the Asia/Ho_Chi_Minh wall-clock time of that response, as Excel counts days.
		const b2 = /<c r="B2"[^>]*><v>([\d.]+)<\/v>/.exec(sheet);
		const wallClock = new Date(Math.round((Number(b2?.[1]) - 25569) * 86_400_000)).toISOString().slice(0, 19).replace('T', ' ');
		const { rows } = await sql<{ local: string }>`
			select to_char(submitted_at at time zone 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD HH24:MI:SS') as local from responses where id = ${Number(a2?.[1])}`.execute(db);
		expect(wallClock).toBe(rows[0]!.local);
	});

	it('writes the aggregated table as CSV with raw numbers and units in the header, and as XLSX with percents', async () => {
		const scope: Scope = { agencyId };
		const estimate = await estimatePeriod(db, scope, { kind: 'month', month: '2024-03' }, await loadJudging(db, scope.agencyId, OPTIONS));
		const labels = estimatesExportLabels('vi', MARCH, await dimensionNames(db, 'vi'));
		const table = periodTable(estimate);

		const [header, ...rows] = records(estimatesCsv(table, labels, CSV_DIALECTS.comma));
		expect(header).toEqual([
			'Kỳ', 'Mã', 'Chỉ số / lĩnh vực', 'n (phiếu)', 'Ước tính (tỉ lệ 0–1)', 'Cận dưới KTC 95% (0–1)', 'Cận trên KTC 95% (0–1)',
			'Cơ sở (0–1)', 'Mục tiêu (0–1)', 'Thay đổi (điểm %)', 'Mã đánh giá', 'Đánh giá', 'Lĩnh vực thiếu'
		]);
		expect(rows).toHaveLength(10);
		const overall = rows[0]!;
		expect(overall.slice(0, 4)).toEqual(['2024-03', 'overall', 'Chỉ số hài lòng chung', String(estimate.overall.n)]);
		expect(Math.abs(Number(overall[4]) - estimate.overall.estimate!)).toBeLessThan(1e-14);
		expect(Math.abs(Number(overall[6]) - estimate.overall.ci_high!)).toBeLessThan(1e-14);
		expect(overall[7]).toBe('0.8397');
		expect(Math.abs(Number(overall[9]) - estimate.overall.change_pp!)).toBeLessThan(1e-12);
		expect(overall[10]).toBe(estimate.overall.status);
		const procedures = rows.find((r) => r[1] === 'procedures')!;
		expect(procedures[2]).toBe('Thủ tục hành chính');
		expect(procedures[7]).toBe('0.8409');

		const [, ...vietnamese] = records(estimatesCsv(table, labels, CSV_DIALECTS.semicolon), ';');
		expect(vietnamese[0]![7]).toBe('0,8397');
		expect(Number(vietnamese[0]![4]!.replace(',', '.'))).toBeCloseTo(estimate.overall.estimate!, 14);

		const files = unzip(await estimatesXlsx(table, labels));
		expect(files.get('xl/styles.xml')).toContain('formatCode="0.00%"');
		expect(files.get('xl/sharedStrings.xml')).toContain('Thủ tục hành chính');
		expect(files.get('xl/worksheets/sheet1.xml')).toContain('<v>0.8397</v>');
	});

	describe('download routes', () => {
		let staff: Principal;
		let outsider: Principal;

		beforeAll(async () => {
			staff = { kind: 'user', id: 1, label: 'staff@test.vn', role: 'staff', agencyId };
			outsider = { kind: 'user', id: 2, label: 'other@test.vn', role: 'admin', agencyId: other.agencyId };
		});

		function event(path: string, principal: Principal | undefined) {
			const url = new URL(`http://localhost${path}`);
			return { url, params: { agency: url.pathname.split('/')[2]! }, request: new Request(url), locals: { locale: 'vi', principal } } as never;
		}

		it('answers a CSV download with a UTF-8 file name and a BOM', async () => {
			const response = await responsesRoute.GET(event(`/a/sct-gialai/export/responses.csv?period=month&month=2024-03&counter=${counter.code}`, staff));
			expect(response.status).toBe(200);
			expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
			expect(response.headers.get('content-disposition')).toBe(
				`attachment; filename="Phieu-khao-sat-sct-gialai-2024-03-${counter.code}.csv"; filename*=UTF-8''Phi%E1%BA%BFu%20kh%E1%BA%A3o%20s%C3%A1t%20sct-gialai%202024-03%20${counter.code}.csv`
			);
			const bytes = new Uint8Array(await response.arrayBuffer());
			expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		});

		it('refuses bad filters with a clear 400, and another agency with 404', async () => {
			const bad = await responsesRoute.GET(event('/a/sct-gialai/export/responses.csv?period=range&from=2024-03-05', staff));
			expect(bad.status).toBe(400);
			expect(await bad.text()).toContain('Kỳ tùy chọn cần cả “Từ ngày” và “Đến ngày”.');
			const unknown = await responsesRoute.GET(event('/a/sct-gialai/export/responses.csv?counter=so-khac-01', staff));
			expect(unknown.status).toBe(400);
			await expect(estimatesRoute.GET(event('/a/sct-gialai/export/estimates.xlsx', outsider))).rejects.toMatchObject({ status: 404 });
			const leader = { ...staff, role: 'leader' as const };
			await expect(estimatesRoute.GET(event('/a/sct-gialai/export/estimates.xlsx', leader))).rejects.toMatchObject({ status: 403 });
		});

		it('serves the aggregated XLSX to staff', async () => {
			const response = await estimatesRoute.GET(event('/a/sct-gialai/export/estimates.xlsx?period=quarter&quarter=2024-Q1', staff));
			expect(response.status).toBe(200);
			expect(response.headers.get('content-disposition')).toContain(`filename="Uoc-tinh-SIPAS-sct-gialai-2024-Q1.xlsx"`);
			const files = unzip(Buffer.from(await response.arrayBuffer()));
			expect(files.get('xl/sharedStrings.xml')).toContain('2024-Q1');
		});
	});
});
