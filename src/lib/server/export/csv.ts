/**
 * CSV as Excel reads it (RFC 4180): UTF-8 with a byte-order mark (without it Excel shows
 * Vietnamese as mojibake), CRLF line ends, fields quoted when they hold the separator, a quote,
 * CR or LF, quotes doubled inside.
 *
 * Two dialects, as the paper-import template offers:
 * - 'comma' (default): ',' between fields and '.' in decimals — RFC 4180, what every program and
 *   an Excel set to English reads;
 * - 'semicolon': ';' between fields and ',' in decimals — what an Excel set to Vietnamese
 *   (list separator ';', decimal ',') opens into columns and numbers with a double click.
 * Numbers are never rounded or formatted beyond the decimal mark: exports carry raw values, and
 * the header names their unit.
 */

export type CsvDialectName = 'comma' | 'semicolon';

export interface CsvDialect {
	name: CsvDialectName;
	separator: ',' | ';';
	decimal: '.' | ',';
}

export const CSV_DIALECTS: Record<CsvDialectName, CsvDialect> = {
	comma: { name: 'comma', separator: ',', decimal: '.' },
	semicolon: { name: 'semicolon', separator: ';', decimal: ',' }
};

/** ?sep=semicolon picks the Vietnamese-Excel dialect; anything else the standard one. */
export function csvDialect(params: URLSearchParams): CsvDialect {
	return params.get('sep') === 'semicolon' ? CSV_DIALECTS.semicolon : CSV_DIALECTS.comma;
}

export const BOM = '\uFEFF';
export const CRLF = '\r\n';

export type CsvValue = string | number | boolean | null | undefined;

/**
 * One field. Text that a spreadsheet would run as a formula (starting with = + - @, or a tab or
 * CR) gets a leading apostrophe, the usual guard: comments are typed by anyone with the QR code,
 * and "=HYPERLINK(…)" must open as text, not as a live link. Numbers are written as numbers.
 */
export function csvField(value: CsvValue, dialect: CsvDialect): string {
	if (value === null || value === undefined) return '';
	let text: string;
	if (typeof value === 'number') {
		if (!Number.isFinite(value)) return '';
		// 15 significant digits, what a double holds exactly: 84.9 / 100 is written 0.849, not the
		// 0.8490000000000001 of its binary value.
		text = String(Number(value.toPrecision(15)));
		if (dialect.decimal === ',') text = text.replace('.', ',');
	} else if (typeof value === 'boolean') {
		text = value ? '1' : '0';
	} else {
		text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
	}
	return text.includes(dialect.separator) || /["\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One record with its CRLF. */
export function csvRow(values: readonly CsvValue[], dialect: CsvDialect): string {
	return values.map((value) => csvField(value, dialect)).join(dialect.separator) + CRLF;
}

/** A whole small file: BOM, header, rows. Large files stream row by row (responses-csv.ts). */
export function csvDocument(header: readonly string[], rows: readonly (readonly CsvValue[])[], dialect: CsvDialect): string {
	return BOM + csvRow(header, dialect) + rows.map((row) => csvRow(row, dialect)).join('');
}
