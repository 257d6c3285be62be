import { csvLine, type Separator } from '../tabular/csv';
import { allowedColumns } from './header';
import type { ImportContext } from './context';

/**
 * The template an agency's staff fill in: every column this agency's questionnaire accepts and
 * one example row. Written as Excel writes a "CSV UTF-8" file — with a byte-order mark, without
 * which Excel shows Vietnamese as garbage, and CRLF line ends.
 */
export function templateCsv(context: Pick<ImportContext, 'criterionKeys' | 'counterCodes' | 'procedureFields' | 'today'>, separator: Separator): string {
	const columns = allowedColumns(context.criterionKeys);
	const example: Record<string, string> = {
		external_id: 'VI-DU-001',
		submitted_at: context.today,
		counter: context.counterCodes[0] ?? '',
		channel: 'trực tiếp',
		respondent_type: 'cá nhân',
		gender: 'nữ',
		age_group: '30-44',
		ethnicity: 'Kinh',
		procedure_field: context.procedureFields[0]?.name ?? '',
		dossier_code: '',
		comment: 'Cán bộ hướng dẫn tận tình, chu đáo.'
	};
	// A spread of answers that shows each kind of cell: ratings, "NA" and a skipped statement.
	const answers = ['5', '4', '4', '5', '3', 'NA', '4', ''];
	context.criterionKeys.forEach((key, i) => (example[key] = answers[i % answers.length]!));
	return '\uFEFF' + [csvLine(columns, separator), csvLine(columns.map((c) => example[c] ?? ''), separator)].join('\r\n') + '\r\n';
}
