import { fail } from '@sveltejs/kit';
import type { StaffFieldErrors, StaffMessageKey } from '$lib/i18n/staff';
import { requireAgency } from '$lib/server/auth/guard';
import { appConfig } from '$lib/server/config';
import { db } from '$lib/server/db';
import { loadImportContext } from '$lib/server/import/context';
import { forPage } from '$lib/server/import/report';
import { importPaperSurveys } from '$lib/server/import/service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { agency } = await requireAgency(event, event.params.agency, 'responses:import');
	const context = await loadImportContext(db(), agency.id);
	return {
		// What the help text names: this agency's counters and the first and last statement keys.
		counterCodes: context?.counterCodes ?? [],
		firstKey: context?.criterionKeys[0] ?? '',
		lastKey: context?.criterionKeys.at(-1) ?? '',
		maxBytes: appConfig().IMPORT_MAX_BYTES
	};
};

/** The form's one field that can be wrong; a rejected file's rows are listed by its report instead. */
function fileError(key?: StaffMessageKey): StaffFieldErrors {
	return key ? { file: { key } } : {};
}

export const actions: Actions = {
	default: async (event) => {
		const { principal, agency } = await requireAgency(event, event.params.agency, 'responses:import');
		const form = await event.request.formData();
		const file = form.get('file');
		const dryRun = form.get('dry_run') === 'on';
		if (!(file instanceof File) || file.size === 0) return fail(400, { errors: fileError('import.file.missing'), values: { dryRun } });
		// The hook refuses larger requests; this covers a file sent without a declared length.
		if (file.size > appConfig().IMPORT_MAX_BYTES) return fail(413, { errors: fileError('import.file.tooLarge'), values: { dryRun } });

		const report = await importPaperSurveys(db(), {
			agencyId: agency.id,
			actor: principal,
			file: { name: file.name.slice(0, 200), bytes: new Uint8Array(await file.arrayBuffer()) },
			dryRun
		});
		const result = { values: { dryRun }, fileName: file.name, report: forPage(report) };
		// A rejected file is a failed form: its error table is the report itself.
		return report.outcome === 'rejected' ? fail(400, { ...result, errors: fileError() }) : result;
	}
};
