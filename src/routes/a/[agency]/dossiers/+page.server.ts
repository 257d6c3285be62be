import { fail } from '@sveltejs/kit';
import type { StaffFieldErrors } from '$lib/i18n/staff';
import { requireAgency } from '$lib/server/auth/guard';
import { publicOrigin } from '$lib/server/counters/posters/origin';
import { appConfig } from '$lib/server/config';
import { db } from '$lib/server/db';
import { loadRegisterContext } from '$lib/server/dossiers/context';
import { importRegister, type RegisterPageReport as PageReport } from '$lib/server/dossiers/import-register';
import { dossiersOfDay, registerSummary } from '$lib/server/dossiers/queries';
import { rowRanges } from '$lib/server/import/report';
import type { Actions, PageServerLoad } from './$types';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const PAGE_ERROR_LIMIT = 1000;


export const load: PageServerLoad = async (event) => {
	const { agency } = await requireAgency(event, event.params.agency, 'dossiers:write');
	const [summary, context] = await Promise.all([registerSummary(db(), agency.id), loadRegisterContext(db(), agency.id)]);
	const asked = event.url.searchParams.get('day') ?? '';
	const day = DAY.test(asked) ? asked : (summary.latestDay ?? context.today);
	return {
		total: summary.total,
		day,
		dossiers: await dossiersOfDay(db(), agency.id, day),
		fields: context.procedureFields.map((f) => f.name),
		units: context.units.map((u) => u.name),
		maxBytes: appConfig().IMPORT_MAX_BYTES
	};
};

export const actions: Actions = {
	default: async (event) => {
		const { principal, agency } = await requireAgency(event, event.params.agency, 'dossiers:write');
		const form = await event.request.formData();
		const file = form.get('file');
		const dryRun = form.get('dry_run') === 'on';
		const fileError = (key: 'dossiers.file.missing' | 'dossiers.file.tooLarge'): StaffFieldErrors => ({ file: { key } });
		if (!(file instanceof File) || file.size === 0) return fail(400, { errors: fileError('dossiers.file.missing'), values: { dryRun } });
		if (file.size > appConfig().IMPORT_MAX_BYTES) return fail(413, { errors: fileError('dossiers.file.tooLarge'), values: { dryRun } });
		const report = await importRegister(db(), {
			agencyId: agency.id,
			actor: principal,
			file: { name: file.name.slice(0, 200), bytes: new Uint8Array(await file.arrayBuffer()) },
			dryRun,
			origin: publicOrigin(event.url),
			validDays: appConfig().INVITATION_VALID_DAYS
		});
		const shown: PageReport =
			report.outcome === 'rejected'
				? { ...report, errors: report.errors.slice(0, PAGE_ERROR_LIMIT), totalErrors: report.errors.length, badRowList: rowRanges(report.errors.map((e) => e.row)) }
				: report;
		const result = { values: { dryRun }, fileName: file.name, report: shown, errors: {} as StaffFieldErrors };
		return report.outcome === 'rejected' ? fail(400, result) : result;
	}
};
