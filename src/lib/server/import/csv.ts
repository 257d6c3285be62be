/**
 * Reading a CSV file the way Excel writes it: UTF-8 with or without a byte-order mark, comma or
 * semicolon between fields (Excel uses the system's list separator, which is ";" on Windows set
 * to Vietnamese), fields in double quotes when they hold a separator, a quote or a line break,
 * a quote inside such a field doubled, and CRLF line ends. Pure functions, no I/O.
 */

export type Separator = ',' | ';';

export type DecodeResult = { ok: true; text: string } | { ok: false; problem: 'xlsx' | 'not_utf8' | 'binary' };

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The file's bytes as text, without its byte-order mark; refuses what is not UTF-8 text. */
export function decodeCsv(bytes: Uint8Array): DecodeResult {
	// A workbook is a zip archive: someone chose "Save" rather than "Save as CSV".
	if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return { ok: false, problem: 'xlsx' };
	let text: string;
	try {
		text = UTF8.decode(bytes);
	} catch {
		return { ok: false, problem: 'not_utf8' };
	}
	if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
	// Postgres text cannot hold NUL, and no spreadsheet writes it into a CSV.
	if (text.includes('\u0000')) return { ok: false, problem: 'binary' };
	return { ok: true, text };
}

/**
 * The separator used in the header line: whichever of comma and semicolon occurs more often
 * outside quotes (a one-column header has neither; comma then).
 */
export function detectSeparator(text: string): Separator {
	let commas = 0;
	let semicolons = 0;
	let quoted = false;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (c === QUOTE) quoted = !quoted;
		else if (quoted) continue;
		else if (c === LF || c === CR) break;
		else if (c === COMMA) commas++;
		else if (c === SEMICOLON) semicolons++;
	}
	return semicolons > commas ? ';' : ',';
}

export interface CsvRecord {
	/** The row number Excel shows for this record: the header is row 1, whatever line breaks sit inside quoted fields. */
	row: number;
	fields: string[];
}

export type ParseResult = { ok: true; records: CsvRecord[] } | { ok: false; problem: 'unterminated_quote'; row: number };

const QUOTE = 34;
const COMMA = 44;
const SEMICOLON = 59;
const LF = 10;
const CR = 13;

/**
 * Every record of the text, the header included. A quote that does not open a field is kept as
 * text (as Excel reads it); a field whose closing quote is missing makes the file unreadable,
 * since everything after it would be swallowed into one cell.
 */
export function parseCsv(text: string, separator: Separator): ParseResult {
	const sep = separator.charCodeAt(0);
	const records: CsvRecord[] = [];
	const length = text.length;
	let fields: string[] = [];
	let i = 0;
	let row = 1;
	// An empty file, or one that ends in a line break, has no record after its last break.
	if (length === 0) return { ok: true, records };
	for (;;) {
		let value: string;
		if (text.charCodeAt(i) === QUOTE) {
			i++;
			let parts = '';
			let from = i;
			for (;;) {
				const close = text.indexOf('"', i);
				if (close === -1) return { ok: false, problem: 'unterminated_quote', row };
				if (text.charCodeAt(close + 1) === QUOTE) {
					parts += text.slice(from, close + 1);
					i = close + 2;
					from = i;
					continue;
				}
				value = parts + text.slice(from, close);
				i = close + 1;
				break;
			}
			// Text between the closing quote and the separator (not something Excel writes) is kept.
			const tail = i;
			while (i < length) {
				const c = text.charCodeAt(i);
				if (c === sep || c === LF || c === CR) break;
				i++;
			}
			if (i > tail) value += text.slice(tail, i);
		} else {
			const start = i;
			while (i < length) {
				const c = text.charCodeAt(i);
				if (c === sep || c === LF || c === CR) break;
				i++;
			}
			value = text.slice(start, i);
		}
		fields.push(value);

		if (i >= length) {
			records.push({ row, fields });
			break;
		}
		const c = text.charCodeAt(i);
		if (c === sep) {
			i++;
			continue;
		}
		// End of record: CRLF, LF or a lone CR.
		i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
		records.push({ row, fields });
		fields = [];
		row++;
		if (i >= length) break;
	}
	return { ok: true, records };
}

/** One line of CSV: fields quoted only where they must be, quotes doubled, as Excel writes them. */
export function csvLine(fields: readonly string[], separator: Separator): string {
	return fields
		.map((field) => (field.includes(separator) || /["\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field))
		.join(separator);
}
