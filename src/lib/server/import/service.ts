import type { Kysely } from 'kysely';
import { audit } from '../audit/audit';
import type { Principal } from '../auth/principal';
import type { Database } from '../db/schema';
import { applyToSums } from '../sums/maintain';
import { vacuumResponses } from '../sums/rebuild';
import { loadImportContext } from './context';
import { checkFile } from './file';
import type { ImportMessage } from './messages';
import type { RowError } from './rows';
import { countKnownExternalIds, storePaperResponses } from './store';

export interface ImportRequest {
	agencyId: number;
	/** Who imports, for the audit log. */
	actor: Principal | { kind: 'system'; label: string };
	file: { name: string; bytes: Uint8Array };
	/** Check only: report what would happen, store nothing. */
	dryRun: boolean;
	now?: Date;
}

export type ImportReport =
	/** Nothing was stored. problems concern the file as a whole; errors list every bad row. */
	| { outcome: 'rejected'; problems: ImportMessage[]; errors: RowError[]; rows: number; badRows: number }
	| { outcome: 'checked'; rows: number; importable: number; alreadyImported: number; withoutExternalId: number }
	| { outcome: 'imported'; rows: number; imported: number; alreadyImported: number; withoutExternalId: number };

/**
 * Imports one CSV file of paper questionnaires for one agency: all of it or nothing. A file with
 * any bad row is rejected whole; a valid one is stored in one transaction, together with the
 * pre-aggregated sums and the audit entry, so reports never see half a file.
 */
export async function importPaperSurveys(db: Kysely<Database>, request: ImportRequest): Promise<ImportReport> {
	const context = await loadImportContext(db, request.agencyId, request.now);
	if (!context) return { outcome: 'rejected', problems: [{ key: 'import.file.noActiveVersion' }], errors: [], rows: 0, badRows: 0 };

	const checked = checkFile(request.file.bytes, context);
	if (!checked.ok) return { outcome: 'rejected', problems: checked.problems, errors: checked.errors, rows: checked.rows, badRows: checked.badRows };

	const { responses, rows } = checked;
	const withoutExternalId = responses.filter((r) => r.externalId === null).length;
	if (request.dryRun) {
		const externalIds = responses.flatMap((r) => (r.externalId === null ? [] : [r.externalId]));
		const alreadyImported = await countKnownExternalIds(db, request.agencyId, externalIds);
		return { outcome: 'checked', rows, importable: rows - alreadyImported, alreadyImported, withoutExternalId };
	}

	const report = await db.transaction().execute(async (trx) => {
		const inserted = await storePaperResponses(
			trx,
			{ agencyId: request.agencyId, surveyVersionId: context.surveyVersionId, criterionIds: context.criterionIds },
			responses
		);
		const counts = { rows, imported: inserted.length, alreadyImported: rows - inserted.length, withoutExternalId };
		// Folded here, in the same transaction, rather than left to the folder: a large file would
		// otherwise be an unfolded tail of up to 100,000 responses that every report sums from answers.
		if (inserted.length) await applyToSums(trx, inserted, 1);
		// Counts only: the answers and comments are in responses, not copied into the log.
		await audit(trx, request.actor, {
			agencyId: request.agencyId,
			action: 'responses.import',
			entity: 'import',
			entityId: null,
			after: { file: request.file.name, bytes: request.file.bytes.length, survey_version: context.surveyVersionNumber, ...counts }
		});
		return { outcome: 'imported', ...counts } as const;
	});
	// The rows were stored unfolded and folded in the same transaction: clear their old versions
	// from the index of unfolded responses before reports probe it (sums/rebuild.ts).
	if (report.imported > 0) await vacuumResponses(db);
	return report;
}
