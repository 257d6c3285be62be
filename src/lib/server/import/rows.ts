import type { AgeGroup, Channel, Ethnicity, Gender, RespondentType } from '../../domain/enums';
import { COMMENT_MAX, DOSSIER_CODE_MAX } from '../survey/validation';
import type { CsvRecord } from '../tabular/csv';
import { EARLIEST_YEAR, parseSubmittedAt } from './dates';
import type { ColumnSpec } from './header';
import { quoted, type ImportMessage } from './messages';
import { normalizeWord, readAgeGroup, readAnswer, readChannel, readEthnicity, readGender, readRespondentType, readText, SKIPPED } from './values';

/** The limit of responses.external_id (migration 002). */
export const EXTERNAL_ID_MAX = 100;

/** What rows are checked against: one agency's counters, procedure fields and active questionnaire. */
export interface RowContext {
	/** The active survey version's criteria, in questionnaire order. */
	criterionKeys: readonly string[];
	/** Counter code (lower case) → id, for this agency's counters only, deactivated ones included. */
	counters: ReadonlyMap<string, number>;
	procedureFields: ReadonlyArray<{ id: number; name: string }>;
	/** Today in Asia/Ho_Chi_Minh, 'yyyy-mm-dd': later dates are refused. */
	today: string;
}

/** One valid row, ready to store. */
export interface PaperResponse {
	row: number;
	submittedAt: Date;
	counterId: number;
	channel: Channel | null;
	respondentType: RespondentType | null;
	gender: Gender | null;
	ageGroup: AgeGroup | null;
	ethnicity: Ethnicity | null;
	procedureFieldId: number | null;
	dossierCode: string | null;
	comment: string | null;
	externalId: string | null;
	/** One code per criterion of RowContext.criterionKeys: SKIPPED, 1–5, or NA_CODE (see values.ts). */
	answers: Uint8Array;
}

export interface RowError {
	/** The row number Excel shows. */
	row: number;
	/** Where in the row: the Excel letter and the header; null when the problem is the whole row. */
	column: { letter: string; title: string } | null;
	message: ImportMessage;
}

export interface RowsResult {
	responses: PaperResponse[];
	errors: RowError[];
	/** Rows that are not blank (a blank row is skipped, as Excel leaves them after deleting content). */
	rows: number;
	badRows: number;
}

/**
 * Checks every data row and collects every problem (not just the first), so that one report
 * lists all there is to fix. The valid rows are returned too, but a caller stores them only
 * when there is no error at all.
 */
export function validateRows(records: readonly CsvRecord[], columns: readonly ColumnSpec[], context: RowContext): RowsResult {
	const fields = fieldLookup(context.procedureFields);
	const fieldNames = context.procedureFields.map((f) => f.name).join(', ');
	const externalIds = new Map<string, number>();
	const responses: PaperResponse[] = [];
	const errors: RowError[] = [];
	let rows = 0;
	let badRows = 0;

	for (const record of records) {
		const cells = record.fields;
		if (isBlank(cells)) continue;
		rows++;
		const errorsBefore = errors.length;
		const problem = (column: ColumnSpec | null, message: ImportMessage) =>
			errors.push({ row: record.row, column: column && { letter: column.letter, title: column.title }, message });

		const response: PaperResponse = {
			row: record.row,
			submittedAt: new Date(NaN),
			counterId: 0,
			channel: null,
			respondentType: null,
			gender: null,
			ageGroup: null,
			ethnicity: null,
			procedureFieldId: null,
			dossierCode: null,
			comment: null,
			externalId: null,
			answers: new Uint8Array(context.criterionKeys.length)
		};
		let answered = false;

		for (let c = 0; c < columns.length; c++) {
			const column = columns[c]!;
			const cell = cells[c] ?? '';
			if (column.kind === 'criterion') {
				const code = readAnswer(cell);
				if (code === undefined) problem(column, { key: 'import.row.answer', params: { value: quoted(cell) } });
				else if (code !== SKIPPED) {
					response.answers[column.index] = code;
					answered = true;
				}
				continue;
			}
			if (column.kind === 'unnamed') {
				if (cell.trim() !== '') problem(column, { key: 'import.row.unnamedColumn', params: { value: quoted(cell) } });
				continue;
			}
			const value = cell.trim();
			switch (column.name) {
				case 'submitted_at': {
					if (value === '') {
						problem(column, { key: 'import.row.submittedAt.missing' });
						break;
					}
					const date = parseSubmittedAt(value, context.today);
					if (date.ok) response.submittedAt = date.at;
					else if (date.problem === 'future') problem(column, { key: 'import.row.submittedAt.future', params: { value: quoted(value) } });
					else if (date.problem === 'too_old')
						problem(column, { key: 'import.row.submittedAt.tooOld', params: { value: quoted(value), year: EARLIEST_YEAR } });
					else problem(column, { key: 'import.row.submittedAt.format', params: { value: quoted(value) } });
					break;
				}
				case 'counter': {
					if (value === '') {
						problem(column, { key: 'import.row.counter.missing' });
						break;
					}
					// The same answer whether the code is unknown or another agency's: codes of other agencies are not revealed.
					const id = context.counters.get(value.toLowerCase());
					if (id === undefined) problem(column, { key: 'import.row.counter.unknown', params: { value: quoted(value) } });
					else response.counterId = id;
					break;
				}
				case 'channel':
					if (value !== '') response.channel = choose(readChannel(value), column, 'import.row.channel', value, problem);
					break;
				case 'respondent_type':
					if (value !== '') response.respondentType = choose(readRespondentType(value), column, 'import.row.respondentType', value, problem);
					break;
				case 'gender':
					if (value !== '') response.gender = choose(readGender(value), column, 'import.row.gender', value, problem);
					break;
				case 'age_group':
					if (value !== '') response.ageGroup = choose(readAgeGroup(value), column, 'import.row.ageGroup', value, problem);
					break;
				case 'ethnicity':
					if (value !== '') response.ethnicity = choose(readEthnicity(value), column, 'import.row.ethnicity', value, problem);
					break;
				case 'procedure_field':
					if (value !== '') {
						const id = fields.get(normalizeWord(value));
						if (id === undefined) problem(column, { key: 'import.row.procedureField', params: { value: quoted(value), fields: fieldNames } });
						else response.procedureFieldId = id;
					}
					break;
				case 'dossier_code':
					response.dossierCode = readText(cell);
					if (response.dossierCode && response.dossierCode.length > DOSSIER_CODE_MAX)
						problem(column, { key: 'import.row.dossierCode.tooLong', params: { length: response.dossierCode.length, max: DOSSIER_CODE_MAX } });
					break;
				case 'comment':
					response.comment = readText(cell);
					if (response.comment && response.comment.length > COMMENT_MAX)
						problem(column, { key: 'import.row.comment.tooLong', params: { length: response.comment.length, max: COMMENT_MAX } });
					break;
				case 'external_id': {
					if (value === '') break;
					if (value.length > EXTERNAL_ID_MAX) {
						problem(column, { key: 'import.row.externalId.tooLong', params: { length: value.length, max: EXTERNAL_ID_MAX } });
						break;
					}
					const first = externalIds.get(value);
					if (first !== undefined) problem(column, { key: 'import.row.externalId.duplicate', params: { value: quoted(value), row: first } });
					else externalIds.set(value, record.row);
					response.externalId = value;
					break;
				}
			}
		}

		if (cells.length > columns.length && cells.slice(columns.length).some((cell) => cell.trim() !== '')) {
			problem(null, { key: 'import.row.extraCells', params: { count: cells.length, expected: columns.length } });
		}
		// A row without any answer or comment is a misaligned or half-typed line, never a questionnaire worth counting.
		if (!answered && !response.comment && errors.length === errorsBefore) problem(null, { key: 'import.row.nothing' });

		if (errors.length > errorsBefore) badRows++;
		else responses.push(response);
	}
	return { responses, errors, rows, badRows };
}

function choose<T>(
	value: T | undefined,
	column: ColumnSpec,
	key: ImportMessage['key'],
	cell: string,
	problem: (column: ColumnSpec, message: ImportMessage) => void
): T | null {
	if (value === undefined) {
		problem(column, { key, params: { value: quoted(cell) } });
		return null;
	}
	return value;
}

/** A procedure field by its name (any case) or by its id. */
function fieldLookup(fields: RowContext['procedureFields']): Map<string, number> {
	const lookup = new Map<string, number>();
	for (const field of fields) lookup.set(String(field.id), field.id);
	// Names win over ids should a field ever be named with digits only.
	for (const field of fields) lookup.set(normalizeWord(field.name), field.id);
	return lookup;
}

function isBlank(cells: readonly string[]): boolean {
	for (const cell of cells) if (cell.trim() !== '') return false;
	return true;
}
