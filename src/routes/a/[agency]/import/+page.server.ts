import { fail } from '@sveltejs/kit';
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

export const actions: Actions = {
	default: async (event) => {
		const { principal, agency } = await requireAgency(event, event.params.agency, 'responses:import');
		const form = await event.request.formData();
		const file = form.get('file');
		const dryRun = form.get('dry_run') === 'on';
		if (!(file instanceof File) || file.size === 0) return fail(400, { dryRun, problem: 'import.file.missing' as const });
		// The hook refuses larger requests; this covers a file sent without a declared length.
		if (file.size > appConfig().IMPORT_MAX_BYTES) return fail(413, { dryRun, problem: 'import.file.tooLarge' as const });

		const report = await importPaperSurveys(db(), {
			agencyId: agency.id,
			actor: principal,
			file: { name: file.name.slice(0, 200), bytes: new Uint8Array(await file.arrayBuffer()) },
			dryRun
		});
		const result = { dryRun, fileName: file.name, report: forPage(report) };
		return report.outcome === 'rejected' ? fail(400, result) : result;
	}
};
