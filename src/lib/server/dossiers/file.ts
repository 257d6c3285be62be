import { columnLetter } from '../import/header';
import { decodeCsv, detectSeparator, isZip, parseCsv, type CsvRecord } from '../tabular/csv';
import { readXlsx } from '../tabular/xlsx';
import { checkDossier, DOSSIER_FIELDS, REQUIRED_FIELDS, type DossierField, type DossierInput, type RegisterContext } from './fields';
import type { DossierMessage } from './messages';

/**
 * A register file, CSV or XLSX, checked whole without touching the database: decode → header →
 * rows → verdict. Header names as written in the column list (any case, any order); every bad row
 * is listed with the row number and column letter Excel shows.
 */
export interface RegisterRowError {
	row: number;
	column: { letter: string; title: string } | null;
	message: DossierMessage;
}

export type RegisterFileCheck =
	| { ok: true; dossiers: DossierInput[]; rows: number }
	| { ok: false; problems: DossierMessage[]; errors: RegisterRowError[]; rows: number; badRows: number };

type Column = { field: DossierField; index: number; letter: string; title: string };

export async function checkRegisterFile(bytes: Uint8Array, context: RegisterContext): Promise<RegisterFileCheck> {
	const rejected = (problem: DossierMessage): RegisterFileCheck => ({ ok: false, problems: [problem], errors: [], rows: 0, badRows: 0 });

	let records: CsvRecord[];
	if (isZip(bytes)) {
		const sheet = await readXlsx(bytes);
		if (!sheet.ok) return rejected({ key: 'dossiers.file.xlsxUnreadable' });
		records = sheet.records;
	} else {
		const decoded = decodeCsv(bytes);
		if (!decoded.ok) return rejected({ key: decoded.problem === 'not_utf8' ? 'dossiers.file.notUtf8' : 'dossiers.file.binary' });
		const parsed = parseCsv(decoded.text, detectSeparator(decoded.text));
		if (!parsed.ok) return rejected({ key: 'dossiers.file.unterminatedQuote', params: { row: parsed.row } });
		records = parsed.records;
	}
	const header = records.find((r) => r.fields.some((f) => f.trim() !== ''));
	if (!header) return rejected({ key: 'dossiers.file.empty' });

	const columns = resolveColumns(header.fields);
	if (!columns.ok) return { ok: false, problems: columns.problems, errors: [], rows: 0, badRows: 0 };

	const dossiers: DossierInput[] = [];
	const errors: RegisterRowError[] = [];
	const seen = new Map<string, number>();
	let rows = 0;
	let badRows = 0;
	for (const record of records) {
		if (record.row <= header.row || record.fields.every((f) => f.trim() === '')) continue;
		rows++;
		const values: Partial<Record<DossierField, string>> = {};
		for (const column of columns.columns) values[column.field] = record.fields[column.index] ?? '';
		const rowErrors: RegisterRowError[] = [];
		const at = (field: DossierField) => {
			const column = columns.columns.find((c) => c.field === field);
			return column ? { letter: column.letter, title: column.title } : null;
		};
		if (record.fields.slice(header.fields.length).some((f) => f.trim() !== '')) rowErrors.push({ row: record.row, column: null, message: { key: 'dossiers.row.extraCells' } });
		const checked = checkDossier(values, context);
		if (!checked.ok) for (const p of checked.problems) rowErrors.push({ row: record.row, column: at(p.field), message: p.message });
		else {
			const first = seen.get(checked.dossier.code);
			if (first !== undefined) rowErrors.push({ row: record.row, column: at('dossier_code'), message: { key: 'dossiers.row.duplicate', params: { value: checked.dossier.code, row: first } } });
			else seen.set(checked.dossier.code, record.row);
			if (!rowErrors.length) dossiers.push(checked.dossier);
		}
		if (rowErrors.length) {
			badRows++;
			errors.push(...rowErrors);
		}
	}
	if (rows === 0) return rejected({ key: 'dossiers.file.noRows' });
	if (errors.length) return { ok: false, problems: [], errors, rows, badRows };
	return { ok: true, dossiers, rows };
}

function resolveColumns(header: readonly string[]): { ok: true; columns: Column[] } | { ok: false; problems: DossierMessage[] } {
	const known = new Set<string>(DOSSIER_FIELDS);
	const columns: Column[] = [];
	const problems: DossierMessage[] = [];
	let unknown = false;
	header.forEach((raw, index) => {
		const title = raw.trim();
		if (title === '') return;
		const name = title.toLowerCase();
		const letter = columnLetter(index);
		if (!known.has(name)) {
			unknown = true;
			problems.push({ key: 'dossiers.file.unknownColumn', params: { letter, column: title } });
		} else if (columns.some((c) => c.field === name)) problems.push({ key: 'dossiers.file.duplicateColumn', params: { column: name } });
		else columns.push({ field: name as DossierField, index, letter, title });
	});
	if (unknown) problems.push({ key: 'dossiers.file.allowedColumns', params: { allowed: DOSSIER_FIELDS.join(', ') } });
	for (const field of REQUIRED_FIELDS) {
		if (!columns.some((c) => c.field === field)) problems.push({ key: 'dossiers.file.missingColumn', params: { column: field } });
	}
	return problems.length ? { ok: false, problems } : { ok: true, columns };
}
