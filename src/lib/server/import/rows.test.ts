import { describe, expect, it } from 'vitest';
import { CRITERIA } from '../seed/sipas-reference';
import { parseCsv } from '../tabular/csv';
import { checkFile } from './file';
import { columnLetter, resolveHeader } from './header';
import { validateRows, type RowContext } from './rows';
import { templateCsv } from './template';
import { NA_CODE, SKIPPED } from './values';

const KEYS = CRITERIA.map((c) => c.key);
const context: RowContext = {
	criterionKeys: KEYS,
	counters: new Map([
		['vp-01', 11],
		['tt-01', 12]
	]),
	procedureFields: [
		{ id: 3, name: 'Thương mại' },
		{ id: 4, name: 'An toàn – Môi trường' }
	],
	today: '2024-06-30'
};

/** Validates the rows of a small CSV text (comma-separated, header first). */
function validate(text: string) {
	const parsed = parseCsv(text, ',');
	if (!parsed.ok) throw new Error('unparsable');
	const [header, ...data] = parsed.records;
	const columns = resolveHeader(header!.fields, KEYS);
	if (!columns.ok) throw new Error(JSON.stringify(columns.problems));
	return validateRows(data, columns.columns, context);
}
const messages = (text: string) => validate(text).errors.map((e) => [e.row, e.column?.title ?? null, e.message.key]);

describe('resolveHeader', () => {
	it('maps every known column, whatever its case and surrounding spaces', () => {
		const result = resolveHeader([' Submitted_At ', 'COUNTER', 'pa1', 'PK4', 'external_id', ''], KEYS);
		expect(result).toEqual({
			ok: true,
			columns: [
				{ kind: 'fixed', name: 'submitted_at', letter: 'A', title: 'Submitted_At' },
				{ kind: 'fixed', name: 'counter', letter: 'B', title: 'COUNTER' },
				{ kind: 'criterion', index: 0, letter: 'C', title: 'pa1' },
				{ kind: 'criterion', index: KEYS.indexOf('PK4'), letter: 'D', title: 'PK4' },
				{ kind: 'fixed', name: 'external_id', letter: 'E', title: 'external_id' },
				{ kind: 'unnamed', letter: 'F', title: '' }
			]
		});
	});

	it('rejects unknown columns by name and letter, suggesting the column a typo was meant to be', () => {
		const result = resolveHeader(['submitted_at', 'counter', 'PA 1', 'ghi chu', 'ZZ9'], KEYS);
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.problems.slice(0, 3)).toEqual([
			{ key: 'import.file.unknownColumnSuggestion', params: { letter: 'C', column: 'PA 1', suggestion: 'PA1' } },
			{ key: 'import.file.unknownColumn', params: { letter: 'D', column: 'ghi chu' } },
			{ key: 'import.file.unknownColumn', params: { letter: 'E', column: 'ZZ9' } }
		]);
		expect(result.problems[3]).toMatchObject({ key: 'import.file.allowedColumns' });
		expect(result.problems[3]!.params!.allowed).toContain('PA1, PA2');
	});

	it('rejects a column given twice and a missing required column', () => {
		expect(resolveHeader(['counter', 'PA1', 'pa1'], KEYS)).toEqual({
			ok: false,
			problems: [
				{ key: 'import.file.duplicateColumn', params: { column: 'PA1' } },
				{ key: 'import.file.missingColumn', params: { column: 'submitted_at' } }
			]
		});
	});

	it('names columns with the letters Excel shows', () => {
		expect([0, 25, 26, 27, 51, 52, 701, 702].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AB', 'AZ', 'BA', 'ZZ', 'AAA']);
	});
});

describe('validateRows', () => {
	it('reads a full row: answers, N/A, skipped, profile words in Vietnamese, comment with line breaks', () => {
		const result = validate(
			'external_id,submitted_at,counter,channel,PA1,PA2,PA3,CC1,respondent_type,gender,age_group,ethnicity,procedure_field,dossier_code,comment\r\n' +
				'P-1,05/03/2024 09:30,VP-01,Bưu chính công ích,5,NA,,1,Tổ chức,NỮ,30–44,jrai,thương mại,  HS-77 ,"Dòng một\r\nDòng hai "\r\n'
		);
		expect(result.errors).toEqual([]);
		expect(result.rows).toBe(1);
		const [response] = result.responses;
		expect(response).toMatchObject({
			row: 2,
			submittedAt: new Date('2024-03-05T02:30:00Z'),
			counterId: 11,
			channel: 'postal',
			respondentType: 'organisation',
			gender: 'female',
			ageGroup: '30_44',
			ethnicity: 'jrai',
			procedureFieldId: 3,
			dossierCode: 'HS-77',
			comment: 'Dòng một\nDòng hai',
			externalId: 'P-1'
		});
		const answer = (key: string) => response!.answers[KEYS.indexOf(key)];
		expect([answer('PA1'), answer('PA2'), answer('PA3'), answer('CC1'), answer('KQ1')]).toEqual([5, NA_CODE, SKIPPED, 1, SKIPPED]);
	});

	it('accepts the stored values and the English words too, and every spelling of "not applicable"', () => {
		const result = validate(
			'submitted_at,counter,channel,respondent_type,gender,age_group,ethnicity,procedure_field,PA1,PA2,PA3,PP1\n' +
				'2024-03-05,vp-01,in_person,individual,male,60_plus,other,4,n/a,N/A,Không áp dụng,KHÔNG ÁP DỤNG\n' +
				'2024-03-05,tt-01,trực tuyến,cá nhân,khác,dưới 30,Kinh,An toàn - Môi trường,na,4,3,2\n'
		);
		expect(result.errors).toEqual([]);
		expect(result.responses.map((r) => [r.channel, r.respondentType, r.gender, r.ageGroup, r.ethnicity, r.procedureFieldId])).toEqual([
			['in_person', 'individual', 'male', '60_plus', 'other', 4],
			['online', 'individual', 'other', 'under_30', 'kinh', 4]
		]);
		// PA1, PA2, PA3, PP1, then PP2 not in the file: skipped.
		expect([...result.responses[0]!.answers.slice(0, 5)]).toEqual([NA_CODE, NA_CODE, NA_CODE, NA_CODE, SKIPPED]);
		expect([...result.responses[1]!.answers.slice(0, 5)]).toEqual([NA_CODE, 4, 3, 2, SKIPPED]);
	});

	it('reads Vietnamese typed on a Mac (decomposed diacritics)', () => {
		const result = validate(`submitted_at,counter,channel,PA1\n2024-03-05,vp-01,${'Trực tiếp'.normalize('NFD')},4\n`);
		expect(result.errors).toEqual([]);
		expect(result.responses[0]!.channel).toBe('in_person');
	});

	it('lists every problem of every row, with the row number Excel shows and the column', () => {
		const text =
			'submitted_at,counter,PA1,PA2,gender,comment,external_id\r\n' +
			'2024-03-05,vp-01,5,4,,"Tốt,\r\nnhanh",A1\r\n' + // row 2: fine (a comment over two lines)
			'2024-13-01,vp-99,6,4.5,x,,A2\r\n' + // row 3: four problems
			',,,,,,\r\n' + // row 4: blank, skipped
			',vp-01,3,,,,A1\r\n' + // row 5: no date, and A1 again
			'2024-03-05,vp-01,,,,,A3\r\n'; // row 6: nothing answered
		expect(messages(text)).toEqual([
			[3, 'submitted_at', 'import.row.submittedAt.format'],
			[3, 'counter', 'import.row.counter.unknown'],
			[3, 'PA1', 'import.row.answer'],
			[3, 'PA2', 'import.row.answer'],
			[3, 'gender', 'import.row.gender'],
			[5, 'submitted_at', 'import.row.submittedAt.missing'],
			[5, 'external_id', 'import.row.externalId.duplicate'],
			[6, null, 'import.row.nothing']
		]);
		const result = validate(text);
		expect(result).toMatchObject({ rows: 4, badRows: 3 });
		expect(result.responses.map((r) => r.row)).toEqual([2]);
		expect(result.errors[1]).toEqual({ row: 3, column: { letter: 'B', title: 'counter' }, message: { key: 'import.row.counter.unknown', params: { value: 'vp-99' } } });
		expect(result.errors[6]!.message.params).toEqual({ value: 'A1', row: 2 });
	});

	it('checks lengths as the online form does, and the external_id limit of the database', () => {
		const comment = 'ý'.repeat(2001);
		const text = `submitted_at,counter,PA1,comment,dossier_code,external_id\n2024-03-05,vp-01,4,${comment},${'H'.repeat(61)},${'E'.repeat(101)}\n2024-03-05,vp-01,4,"  ${'ý'.repeat(2000)}  ",${'H'.repeat(60)},${'E'.repeat(100)}\n`;
		expect(validate(text).errors.map((e) => [e.row, e.message.key, e.message.params])).toEqual([
			[2, 'import.row.comment.tooLong', { length: 2001, max: 2000 }],
			[2, 'import.row.dossierCode.tooLong', { length: 61, max: 60 }],
			[2, 'import.row.externalId.tooLong', { length: 101, max: 100 }]
		]);
	});

	it('refuses a counter of another agency, a procedure field of another agency, dates in the future', () => {
		expect(messages('submitted_at,counter,procedure_field,PA1\n2024-07-01,qt-01,Nông nghiệp,4\n2024-06-30,vp-01,99,4\n')).toEqual([
			[2, 'submitted_at', 'import.row.submittedAt.future'],
			[2, 'counter', 'import.row.counter.unknown'],
			[2, 'procedure_field', 'import.row.procedureField'],
			[3, 'procedure_field', 'import.row.procedureField']
		]);
	});

	it('refuses cells beyond the header, and data under a column without a header', () => {
		expect(messages('submitted_at,counter,PA1,\n2024-03-05,vp-01,4,,\n2024-03-05,vp-01,4,x\n2024-03-05,vp-01,4,,Tốt, nhanh\n')).toEqual([
			[3, '', 'import.row.unnamedColumn'],
			[4, null, 'import.row.extraCells']
		]);
	});

	it('counts a comment alone as a questionnaire, and a row shorter than the header as empty cells', () => {
		const result = validate('submitted_at,counter,comment,PA1,PA2\n2024-03-05,vp-01,Cần thêm ghế\n');
		expect(result.errors).toEqual([]);
		expect(result.responses[0]!.comment).toBe('Cần thêm ghế');
	});
});

describe('checkFile', () => {
	const file = (text: string) => new TextEncoder().encode(text);

	it('accepts the template it offers, with commas and with semicolons', () => {
		for (const separator of [',', ';'] as const) {
			const template = templateCsv({ ...context, counterCodes: ['vp-01'] }, separator);
			expect(template.startsWith('\uFEFFexternal_id' + separator + 'submitted_at')).toBe(true);
			const result = checkFile(file(template), context);
			expect(result).toMatchObject({ ok: true, rows: 1 });
			if (result.ok) expect(result.responses[0]).toMatchObject({ counterId: 11, channel: 'in_person', comment: 'Cán bộ hướng dẫn tận tình, chu đáo.' });
		}
	});

	it('rejects the file as a whole for encoding, emptiness, a header alone, an open quote or a bad header', () => {
		const problem = (bytes: Uint8Array) => {
			const result = checkFile(bytes, context);
			return result.ok ? 'accepted' : result.problems.map((p) => p.key);
		};
		expect(problem(new Uint8Array([0x50, 0x4b, 0x03, 0x04]))).toEqual(['import.file.xlsx']);
		expect(problem(new Uint8Array([0x61, 0xe1, 0x0a]))).toEqual(['import.file.notUtf8']);
		expect(problem(file('\uFEFF\r\n'))).toEqual(['import.file.empty']);
		expect(problem(file('submitted_at,counter,PA1\r\n,,\r\n'))).toEqual(['import.file.noRows']);
		expect(problem(file('submitted_at,counter,comment\r\n2024-03-05,vp-01,"Tốt\r\n'))).toEqual(['import.file.unterminatedQuote']);
		expect(problem(file('submitted_at;counter;PA 1\r\n2024-03-05;vp-01;4\r\n'))).toEqual(['import.file.unknownColumnSuggestion', 'import.file.allowedColumns']);
	});

	it('reports every bad row of a file with a BOM and semicolons', () => {
		const result = checkFile(file('\uFEFFsubmitted_at;counter;PA1\r\n05/03/2024;vp-01;5\r\n06/03/2024;vp-01;7\r\n07/03/2024;;5\r\n'), context);
		expect(result).toMatchObject({ ok: false, problems: [], rows: 3, badRows: 2 });
		if (!result.ok) expect(result.errors.map((e) => [e.row, e.message.key])).toEqual([[3, 'import.row.answer'], [4, 'import.row.counter.missing']]);
	});
});
