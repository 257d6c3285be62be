import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { loadRegisterContext } from './context';
import { checkRegisterFile, type RegisterRowError } from './file';
import type { DossierMessage } from './messages';
import { writeRegister, type Actor } from './register';
import { countKnownDossiers } from './store';

/** Imports one register file (CSV or XLSX) of one agency: all of it or nothing. */
export interface RegisterImportRequest {
	agencyId: number;
	actor: Actor;
	file: { name: string; bytes: Uint8Array };
	dryRun: boolean;
	origin: string;
	validDays: number;
	now?: Date;
}

export type RegisterImportReport =
	| { outcome: 'rejected'; problems: DossierMessage[]; errors: RegisterRowError[]; rows: number; badRows: number }
	| { outcome: 'checked' | 'imported'; rows: number; created: number; updated: number; messages: number };

/** The report as the page gets it: the first errors in full, and every bad row as ranges. */
export type RegisterPageReport =
	| Exclude<RegisterImportReport, { outcome: 'rejected' }>
	| (Extract<RegisterImportReport, { outcome: 'rejected' }> & { totalErrors: number; badRowList: string });

export async function importRegister(db: Kysely<Database>, request: RegisterImportRequest): Promise<RegisterImportReport> {
	const context = await loadRegisterContext(db, request.agencyId, request.now);
	const checked = await checkRegisterFile(request.file.bytes, context);
	if (!checked.ok) return { outcome: 'rejected', ...checked };
	if (request.dryRun) {
		const known = await countKnownDossiers(db, request.agencyId, checked.dossiers.map((d) => d.code));
		return { outcome: 'checked', rows: checked.rows, created: checked.rows - known, updated: known, messages: 0 };
	}
	const counts = await writeRegister(db, { ...request, source: request.file.name, dossiers: checked.dossiers });
	return { outcome: 'imported', ...counts };
}

/** The report as plain lines for the command line (Vietnamese), every bad row included. */
export function registerReportLines(report: RegisterImportReport, t: (key: DossierMessage['key'], params?: DossierMessage['params']) => string): string[] {
	if (report.outcome !== 'rejected') return [t(report.outcome === 'checked' ? 'dossiers.result.checked' : 'dossiers.result.imported', report)];
	const lines = [t('dossiers.result.rejected'), ...report.problems.map((p) => t(p.key, p.params))];
	if (report.errors.length) {
		lines.push(t('dossiers.result.badRows', { bad: report.badRows, rows: report.rows }), '');
		for (const e of report.errors) lines.push([e.row, e.column ? `${e.column.title} (${e.column.letter})` : t('dossiers.errors.wholeRow'), t(e.message.key, e.message.params)].join('\t'));
	}
	return lines;
}
