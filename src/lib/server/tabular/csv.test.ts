import { describe, expect, it } from 'vitest';
import { csvLine, decodeCsv, detectSeparator, parseCsv, type Separator } from './csv';

const bytes = (text: string) => new TextEncoder().encode(text);
const fieldsOf = (text: string, separator: Separator = detectSeparator(text)) => {
	const parsed = parseCsv(text, separator);
	if (!parsed.ok) throw new Error(`unparsable at row ${parsed.row}`);
	return parsed.records.map((r) => r.fields);
};

describe('decodeCsv', () => {
	it('drops the byte-order mark Excel writes before "CSV UTF-8" files, and reads the same text without it', () => {
		const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...bytes('counter,PA1\r\nvp-01,5\r\n')]);
		expect(decodeCsv(withBom)).toEqual({ ok: true, text: 'counter,PA1\r\nvp-01,5\r\n' });
		expect(decodeCsv(bytes('counter,PA1\r\nvp-01,5\r\n'))).toEqual({ ok: true, text: 'counter,PA1\r\nvp-01,5\r\n' });
	});

	it('keeps Vietnamese text intact', () => {
		expect(decodeCsv(bytes('comment\nCán bộ hướng dẫn tận tình'))).toEqual({ ok: true, text: 'comment\nCán bộ hướng dẫn tận tình' });
	});

	it('refuses a file that is not UTF-8 (Excel\'s plain "CSV" in a Windows code page), a workbook, and binary data', () => {
		// "Cán" in Windows-1258: 0xE1 alone is not valid UTF-8.
		expect(decodeCsv(new Uint8Array([0x43, 0xe1, 0x6e, 0x0a]))).toEqual({ ok: false, problem: 'not_utf8' });
		// UTF-16 (Excel's "Unicode text") starts with FF FE.
		expect(decodeCsv(new Uint8Array([0xff, 0xfe, 0x43, 0x00]))).toEqual({ ok: false, problem: 'not_utf8' });
		expect(decodeCsv(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]))).toEqual({ ok: false, problem: 'xlsx' });
		expect(decodeCsv(bytes('a,b\n1,\u0000'))).toEqual({ ok: false, problem: 'binary' });
	});
});

describe('detectSeparator', () => {
	it('takes the separator of the header line', () => {
		expect(detectSeparator('submitted_at,counter,PA1\n')).toBe(',');
		expect(detectSeparator('submitted_at;counter;PA1\r\n')).toBe(';');
	});

	it('ignores separators inside quotes and on later lines', () => {
		expect(detectSeparator('"a;b;c",d\n1;2;3;4;5')).toBe(',');
		expect(detectSeparator('"a,b,c";d;e\n1,2,3,4,5')).toBe(';');
	});

	it('falls back to comma for a header of one column', () => {
		expect(detectSeparator('counter\nvp-01\n')).toBe(',');
	});
});

describe('parseCsv', () => {
	it('splits records on CRLF, LF and a lone CR, and numbers them as Excel numbers its rows', () => {
		const parsed = parseCsv('h1,h2\r\na,b\nc,d\re,f', ',');
		expect(parsed).toEqual({
			ok: true,
			records: [
				{ row: 1, fields: ['h1', 'h2'] },
				{ row: 2, fields: ['a', 'b'] },
				{ row: 3, fields: ['c', 'd'] },
				{ row: 4, fields: ['e', 'f'] }
			]
		});
	});

	it('has no record after a final line break, but keeps empty fields and blank lines', () => {
		expect(fieldsOf('a,b\r\n,\r\n\r\n')).toEqual([['a', 'b'], ['', ''], ['']]);
		expect(fieldsOf('a,,b,')).toEqual([['a', '', 'b', '']]);
	});

	it('reads semicolon-separated files, where commas are plain text', () => {
		expect(fieldsOf('comment;PA1\r\nNhanh, gọn;5\r\n')).toEqual([['comment', 'PA1'], ['Nhanh, gọn', '5']]);
	});

	it('reads quoted fields with doubled quotes and separators inside', () => {
		expect(fieldsOf('a,b\r\n"Cán bộ nói ""chờ đó"", rất khó chịu",2\r\n')).toEqual([
			['a', 'b'],
			['Cán bộ nói "chờ đó", rất khó chịu', '2']
		]);
		expect(fieldsOf('a,b\n"",""""\n')).toEqual([['a', 'b'], ['', '"']]);
	});

	it('keeps line breaks inside a quoted comment, and the comment stays on one Excel row', () => {
		const parsed = parseCsv('comment,PA1\r\n"Dòng một\r\nDòng hai\nDòng ba",4\r\nkhác,5\r\n', ',');
		expect(parsed).toEqual({
			ok: true,
			records: [
				{ row: 1, fields: ['comment', 'PA1'] },
				{ row: 2, fields: ['Dòng một\r\nDòng hai\nDòng ba', '4'] },
				{ row: 3, fields: ['khác', '5'] }
			]
		});
	});

	it('keeps a stray quote inside an unquoted field, and text after a closing quote, as Excel reads them', () => {
		expect(fieldsOf('a,b\n5" màn hình,"x"y\n')).toEqual([['a', 'b'], ['5" màn hình', 'xy']]);
	});

	it('reports the row of a quote that is never closed', () => {
		expect(parseCsv('a,b\r\n1,2\r\n"không đóng,3\r\n4,5\r\n', ',')).toEqual({ ok: false, problem: 'unterminated_quote', row: 3 });
	});

	it('reads a large file whole', () => {
		const line = '2024-03-05,vp-01,trực tiếp,' + Array.from({ length: 28 }, (_, i) => String((i % 5) + 1)).join(',') + ',"Góp ý, có dấu phẩy"';
		const text = 'h\r\n' + Array.from({ length: 100_000 }, () => line).join('\r\n');
		const parsed = parseCsv(text, ',');
		expect(parsed.ok && parsed.records.length).toBe(100_001);
		expect(parsed.ok && parsed.records[100_000]!.fields).toHaveLength(32);
	}, 60_000);
});

describe('csvLine', () => {
	it('quotes only what needs quoting, doubling quotes, as Excel does', () => {
		expect(csvLine(['a', 'b c', 'd,e', 'f"g', 'h\ni'], ',')).toBe('a,b c,"d,e","f""g","h\ni"');
		expect(csvLine(['d,e', 'f;g'], ';')).toBe('d,e;"f;g"');
	});

	it('round-trips through parseCsv', () => {
		const fields = ['Cán bộ "tận tình"', 'a;b,c', 'x\r\ny', ''];
		for (const separator of [',', ';'] as const) expect(fieldsOf(csvLine(fields, separator), separator)).toEqual([fields]);
	});
});
