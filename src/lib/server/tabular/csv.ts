import { parse } from 'csv-parse/sync';

/**
 * Spreadsheet files as records, for every import (paper questionnaires, the dossier register).
 * CSV the way Excel writes it: UTF-8 with or without a byte-order mark, comma or semicolon between
 * fields (Excel uses the system's list separator, which is ";" on Windows set to Vietnamese),
 * quoted fields with doubled quotes, CRLF, LF or a lone CR between records. Parsing is csv-parse's;
 * this module adds the decoding checks, the separator guess and Excel's row numbers.
 */
export type Separator = ',' | ';';

export type DecodeResult = { ok: true; text: string } | { ok: false; problem: 'xlsx' | 'not_utf8' | 'binary' };

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** A workbook is a zip archive: it starts with "PK\x03\x04". */
export function isZip(bytes: Uint8Array): boolean {
	return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/** The file's bytes as text, without its byte-order mark; refuses what is not UTF-8 text. */
export function decodeCsv(bytes: Uint8Array): DecodeResult {
	// Someone chose "Save" rather than "Save as CSV".
	if (isZip(bytes)) return { ok: false, problem: 'xlsx' };
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
		const c = text[i];
		if (c === '"') quoted = !quoted;
		else if (quoted) continue;
		else if (c === '\n' || c === '\r') break;
		else if (c === ',') commas++;
		else if (c === ';') semicolons++;
	}
	return semicolons > commas ? ';' : ',';
}

export interface CsvRecord {
	/** The row number Excel shows for this record: the header is row 1, whatever line breaks sit inside quoted fields. */
	row: number;
	fields: string[];
}

export type ParseResult = { ok: true; records: CsvRecord[] } | { ok: false; problem: 'unterminated_quote'; row: number };

/** A field that opened with a quote and has text after its closing quote, as csv-parse keeps it in relaxed mode. */
const QUOTED_WITH_TAIL = /^"((?:[^"]|"")*)"([^"]*)$/s;

/**
 * Every record of the text, the header included. A quote that does not open a field is kept as
 * text (as Excel reads it); a field whose closing quote is missing makes the file unreadable,
 * since everything after it would be swallowed into one cell.
 */
export function parseCsv(text: string, separator: Separator): ParseResult {
	let rows: string[][];
	try {
		rows = parse(text, {
			delimiter: separator,
			record_delimiter: ['\r\n', '\n', '\r'],
			relax_quotes: true,
			relax_column_count: true,
			skip_empty_lines: false,
			bom: false
		}) as string[][];
	} catch (error) {
		const e = error as { code?: string; records?: number };
		if (e.code === 'CSV_QUOTE_NOT_CLOSED') return { ok: false, problem: 'unterminated_quote', row: (e.records ?? 0) + 1 };
		throw error;
	}
	const records = rows.map((fields, i) => ({ row: i + 1, fields: fields.map(excelField) }));
	return { ok: true, records };
}

/** Text after a closing quote (not something Excel writes) is kept, as Excel reads it: "x"y → xy. */
function excelField(value: string): string {
	if (value.charCodeAt(0) !== 34) return value;
	const match = QUOTED_WITH_TAIL.exec(value);
	return match ? match[1]!.replace(/""/g, '"') + match[2]! : value;
}

/** One line of CSV: fields quoted only where they must be, quotes doubled, as Excel writes them. */
export function csvLine(fields: readonly string[], separator: Separator): string {
	return fields
		.map((field) => (field.includes(separator) || /["\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field))
		.join(separator);
}
