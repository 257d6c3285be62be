import { decodeCsv, detectSeparator, parseCsv } from '../tabular/csv';
import { resolveHeader } from './header';
import type { ImportMessage } from './messages';
import { validateRows, type PaperResponse, type RowContext, type RowError } from './rows';

export type FileCheck =
	| { ok: true; responses: PaperResponse[]; rows: number }
	/** problems: the file as a whole (encoding, header); errors: every bad row. */
	| { ok: false; problems: ImportMessage[]; errors: RowError[]; rows: number; badRows: number };

const DECODE_PROBLEMS = {
	xlsx: 'import.file.xlsx',
	not_utf8: 'import.file.notUtf8',
	binary: 'import.file.binary'
} as const;

/** Reads and checks a whole import file against one agency's questionnaire, without touching the database. */
export function checkFile(bytes: Uint8Array, context: RowContext): FileCheck {
	const rejected = (problem: ImportMessage): FileCheck => ({ ok: false, problems: [problem], errors: [], rows: 0, badRows: 0 });

	const decoded = decodeCsv(bytes);
	if (!decoded.ok) return rejected({ key: DECODE_PROBLEMS[decoded.problem] });
	if (decoded.text.trim() === '') return rejected({ key: 'import.file.empty' });

	const parsed = parseCsv(decoded.text, detectSeparator(decoded.text));
	if (!parsed.ok) return rejected({ key: 'import.file.unterminatedQuote', params: { row: parsed.row } });
	const [header, ...data] = parsed.records;

	const columns = resolveHeader(header!.fields, context.criterionKeys);
	if (!columns.ok) return { ok: false, problems: columns.problems, errors: [], rows: 0, badRows: 0 };

	const result = validateRows(data, columns.columns, context);
	if (result.rows === 0) return rejected({ key: 'import.file.noRows' });
	if (result.errors.length) return { ok: false, problems: [], errors: result.errors, rows: result.rows, badRows: result.badRows };
	return { ok: true, responses: result.responses, rows: result.rows };
}
