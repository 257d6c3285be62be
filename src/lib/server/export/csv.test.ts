import { describe, expect, it } from 'vitest';
import { BOM, CSV_DIALECTS, csvDialect, csvDocument, csvField, csvRow } from './csv';

const comma = CSV_DIALECTS.comma;
const semicolon = CSV_DIALECTS.semicolon;

describe('csvField (RFC 4180)', () => {
	it('leaves plain text, Vietnamese included, as it is', () => {
		expect(csvField('Văn phòng', comma)).toBe('Văn phòng');
		expect(csvField('Quầy Thanh tra Sở', semicolon)).toBe('Quầy Thanh tra Sở');
	});

	it('quotes fields holding the separator, a quote, CR or LF, and doubles the quotes', () => {
		expect(csvField('Tốt, nhanh', comma)).toBe('"Tốt, nhanh"');
		expect(csvField('Tốt, nhanh', semicolon)).toBe('Tốt, nhanh');
		expect(csvField('a;b', semicolon)).toBe('"a;b"');
		expect(csvField('Cán bộ "rất" tận tình', comma)).toBe('"Cán bộ ""rất"" tận tình"');
		expect(csvField('dòng 1\r\ndòng 2', comma)).toBe('"dòng 1\r\ndòng 2"');
		expect(csvField('dòng 1\ndòng 2', comma)).toBe('"dòng 1\ndòng 2"');
	});

	it('writes empty for null and undefined, 1/0 for booleans', () => {
		expect(csvField(null, comma)).toBe('');
		expect(csvField(undefined, comma)).toBe('');
		expect(csvField(true, comma)).toBe('1');
		expect(csvField(false, comma)).toBe('0');
	});

	it("writes numbers raw, with the dialect's decimal mark and an ASCII minus", () => {
		expect(csvField(0.8419, comma)).toBe('0.8419');
		expect(csvField(0.8419, semicolon)).toBe('0,8419');
		expect(csvField(-2.4356, comma)).toBe('-2.4356');
		expect(csvField(-2.4356, semicolon)).toBe('-2,4356');
		expect(csvField(620, semicolon)).toBe('620');
		expect(csvField(Number.NaN, comma)).toBe('');
	});

	it('drops the binary noise past 15 significant digits, and nothing more', () => {
		expect(84.9 / 100).not.toBe(0.849);
		expect(csvField(84.9 / 100, comma)).toBe('0.849');
		expect(csvField(0.815343403370513, comma)).toBe('0.815343403370513');
	});

	it('keeps a spreadsheet from running text as a formula', () => {
		expect(csvField('=HYPERLINK("http://x")', comma)).toBe(`"'=HYPERLINK(""http://x"")"`);
		expect(csvField('+84 912', comma)).toBe("'+84 912");
		expect(csvField('-', comma)).toBe("'-");
		expect(csvField('@SUM(A1)', comma)).toBe("'@SUM(A1)");
		expect(csvField('Tốt = nhanh', comma)).toBe('Tốt = nhanh');
	});
});

describe('csvRow and csvDocument', () => {
	it('end every record with CRLF and start the file with a BOM', () => {
		expect(csvRow(['a', 1, null, 'b,c'], comma)).toBe('a,1,,"b,c"\r\n');
		const doc = csvDocument(['x', 'y'], [[1, 'Hài lòng']], semicolon);
		expect(doc.startsWith(BOM)).toBe(true);
		expect(doc).toBe('\uFEFFx;y\r\n1;Hài lòng\r\n');
	});

	it('picks the semicolon dialect only when asked', () => {
		expect(csvDialect(new URLSearchParams('sep=semicolon'))).toBe(semicolon);
		expect(csvDialect(new URLSearchParams(''))).toBe(comma);
		expect(csvDialect(new URLSearchParams('sep=tab'))).toBe(comma);
	});
});
