import type { ImportMessage, ImportMessageKey } from './messages';
import type { ImportReport } from './service';

export type ImportTranslate = (key: ImportMessageKey, params?: Record<string, string | number>) => string;

/** Row numbers as ranges, "2–4, 7, 10": every bad row listed, even when the table is cut short. */
export function rowRanges(rows: readonly number[]): string {
	const sorted = [...new Set(rows)].sort((a, b) => a - b);
	const parts: string[] = [];
	for (let i = 0; i < sorted.length; ) {
		let j = i;
		while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
		parts.push(i === j ? String(sorted[i]) : `${sorted[i]}–${sorted[j]}`);
		i = j + 1;
	}
	return parts.join(', ');
}

/** Numbers as Vietnamese readers write them: 100.000. */
export function count(n: number): string {
	return n.toLocaleString('vi-VN');
}

export function translate(t: ImportTranslate, message: ImportMessage): string {
	return t(message.key, message.params);
}

/** The report as plain text lines, for the command line: the same facts the page shows. */
export function reportLines(report: ImportReport, t: ImportTranslate): string[] {
	if (report.outcome === 'rejected') {
		const lines = [t('import.result.rejected'), ...report.problems.map((p) => translate(t, p))];
		if (report.errors.length) {
			lines.push(t('import.result.badRows', { bad: count(report.badRows), rows: count(report.rows) }));
			lines.push(t('import.result.badRowList', { rows: rowRanges(report.errors.map((e) => e.row)) }));
			lines.push('');
			lines.push([t('import.errors.row'), t('import.errors.column'), t('import.errors.problem')].join('\t'));
			for (const error of report.errors) {
				const column = error.column ? `${error.column.title} (${error.column.letter})` : t('import.errors.wholeRow');
				lines.push([error.row, column, translate(t, error.message)].join('\t'));
			}
		}
		return lines;
	}
	const lines =
		report.outcome === 'checked'
			? [
					t('import.result.checked', { rows: count(report.rows) }),
					t('import.result.checkedCounts', { importable: count(report.importable), already: count(report.alreadyImported) })
				]
			: [t('import.result.imported', { imported: count(report.imported) }), t('import.result.already', { already: count(report.alreadyImported) })];
	if (report.withoutExternalId) lines.push(t('import.result.withoutExternalId', { count: count(report.withoutExternalId) }));
	return lines;
}

/** Errors shown in the page's table: enough to work through, small enough for a page. */
export const PAGE_ERROR_LIMIT = 1000;

export type PageReport =
	| Exclude<ImportReport, { outcome: 'rejected' }>
	| (Extract<ImportReport, { outcome: 'rejected' }> & { totalErrors: number; badRowList: string });

/** The report as the page gets it: the first errors in full, and every bad row as ranges. */
export function forPage(report: ImportReport, limit = PAGE_ERROR_LIMIT): PageReport {
	if (report.outcome !== 'rejected') return report;
	return {
		...report,
		errors: report.errors.slice(0, limit),
		totalErrors: report.errors.length,
		badRowList: rowRanges(report.errors.map((e) => e.row))
	};
}
