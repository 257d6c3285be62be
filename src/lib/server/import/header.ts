import type { ImportMessage } from './messages';

/**
 * The header row of an import file: which column holds what. Names are matched without regard
 * to case or to spaces around them, and nothing else: a column that is not recognised rejects
 * the file, so a typo such as "PA 1" cannot make a whole column of answers disappear silently.
 */
export const PROFILE_COLUMNS = [
	'respondent_type',
	'gender',
	'age_group',
	'ethnicity',
	'procedure_field',
	'dossier_code',
	'comment'
] as const;
export const FIXED_COLUMNS = ['external_id', 'submitted_at', 'counter', 'channel', ...PROFILE_COLUMNS] as const;
export type FixedColumn = (typeof FIXED_COLUMNS)[number];
export const REQUIRED_COLUMNS: readonly FixedColumn[] = ['submitted_at', 'counter'];

export interface ColumnRef {
	/** The column's letter in Excel (A, B, …, AA). */
	letter: string;
	/** The header as written in the file. */
	title: string;
}

export type ColumnSpec =
	| (ColumnRef & { kind: 'fixed'; name: FixedColumn })
	/** index: position of the criterion in the survey version's questionnaire order. */
	| (ColumnRef & { kind: 'criterion'; index: number })
	/** A column with an empty header, as Excel leaves after a cleared column: it must stay empty. */
	| (ColumnRef & { kind: 'unnamed' });

export type HeaderResult = { ok: true; columns: ColumnSpec[] } | { ok: false; problems: ImportMessage[] };

/** Every column a file for this questionnaire may have, in the template's order. */
export function allowedColumns(criterionKeys: readonly string[]): string[] {
	return ['external_id', 'submitted_at', 'counter', 'channel', ...criterionKeys, ...PROFILE_COLUMNS];
}

export function resolveHeader(header: readonly string[], criterionKeys: readonly string[]): HeaderResult {
	const fixed = new Map<string, FixedColumn>(FIXED_COLUMNS.map((name) => [name, name]));
	const criteria = new Map(criterionKeys.map((key, index) => [key.toUpperCase(), index]));
	const columns: ColumnSpec[] = [];
	const unknown: ImportMessage[] = [];
	const seen = new Set<string>();
	const problems: ImportMessage[] = [];

	header.forEach((raw, position) => {
		const title = raw.trim();
		const letter = columnLetter(position);
		if (title === '') {
			columns.push({ kind: 'unnamed', letter, title });
			return;
		}
		const name = fixed.get(title.toLowerCase());
		const index = criteria.get(title.toUpperCase());
		const canonical = name ?? (index === undefined ? undefined : criterionKeys[index]!);
		if (canonical === undefined) {
			const suggestion = suggest(title, criterionKeys);
			unknown.push(
				suggestion
					? { key: 'import.file.unknownColumnSuggestion', params: { letter, column: title, suggestion } }
					: { key: 'import.file.unknownColumn', params: { letter, column: title } }
			);
			return;
		}
		if (seen.has(canonical)) problems.push({ key: 'import.file.duplicateColumn', params: { column: canonical } });
		seen.add(canonical);
		columns.push(name ? { kind: 'fixed', name, letter, title } : { kind: 'criterion', index: index!, letter, title });
	});

	if (unknown.length) {
		problems.unshift(...unknown, { key: 'import.file.allowedColumns', params: { allowed: allowedColumns(criterionKeys).join(', ') } });
	}
	for (const column of REQUIRED_COLUMNS) {
		if (!seen.has(column)) problems.push({ key: 'import.file.missingColumn', params: { column } });
	}
	return problems.length ? { ok: false, problems } : { ok: true, columns };
}

/** A known column that differs from the title only by spaces, dashes, dots or underscores. */
function suggest(title: string, criterionKeys: readonly string[]): string | undefined {
	const squeeze = (s: string) => s.toLowerCase().replace(/[\s_.\-–]+/g, '');
	const wanted = squeeze(title);
	return allowedColumns(criterionKeys).find((name) => squeeze(name) === wanted);
}

/** 0 → A, 25 → Z, 26 → AA: the letters Excel shows above its columns. */
export function columnLetter(position: number): string {
	let n = position + 1;
	let letters = '';
	while (n > 0) {
		const rest = (n - 1) % 26;
		letters = String.fromCharCode(65 + rest) + letters;
		n = Math.floor((n - 1) / 26);
	}
	return letters;
}
