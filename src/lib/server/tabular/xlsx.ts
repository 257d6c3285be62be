import { readSheet } from 'read-excel-file/node';
import type { CsvRecord } from './csv';

/**
 * The first sheet of an XLSX workbook as records of text, numbered as Excel numbers its rows, so
 * that an import reads a workbook exactly as it reads the same sheet saved as CSV. Dates become
 * "yyyy-mm-ddTHH:mm:ss" of the wall clock Excel shows (no offset: read as Asia/Ho_Chi_Minh).
 */
export type XlsxResult = { ok: true; records: CsvRecord[] } | { ok: false; problem: 'unreadable' };

export async function readXlsx(bytes: Uint8Array): Promise<XlsxResult> {
	let rows: unknown[][];
	try {
		rows = (await readSheet(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength))) as unknown[][];
	} catch {
		return { ok: false, problem: 'unreadable' };
	}
	return { ok: true, records: rows.map((cells, i) => ({ row: i + 1, fields: cells.map(cellText) })) };
}

function cellText(cell: unknown): string {
	if (cell === null || cell === undefined) return '';
	// Excel keeps times as fractions of a day: round to the second it shows.
	if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? '' : new Date(Math.round(cell.getTime() / 1000) * 1000).toISOString().slice(0, 19);
	if (typeof cell === 'number') return Number.isInteger(cell) ? String(cell) : String(Math.round(cell * 1e9) / 1e9);
	return String(cell);
}
