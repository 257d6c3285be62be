import type { RequestEvent } from '@sveltejs/kit';
import { staffTranslator, type StaffMessageKey } from '../../i18n/staff';
import { requireAgency, type AgencyRef } from '../auth/guard';
import { db } from '../db';
import type { ResolvedPeriod } from '../estimates';
import { scopedFilters, type ScopedFilters } from '../scope/resolve-scope';

/**
 * What every export download starts with: the capability check, then the dashboard's filters from
 * the query string. Bad filters answer 400 with the same messages the form shows, as plain text.
 */
export async function exportRequest(
	event: RequestEvent<{ agency: string }>
): Promise<{ ok: true; agency: AgencyRef; scoped: ScopedFilters } | { ok: false; response: Response }> {
	const { agency } = await requireAgency(event, event.params.agency, 'dashboard:read');
	const scoped = await scopedFilters(db(), agency.id, event.url.searchParams);
	if (scoped.ok) return { ok: true, agency, scoped: scoped.value };
	const t = staffTranslator(event.locals.locale);
	const lines = scoped.problems.map((p) => `${t(`dashboard.filter.field.${p.field}` as StaffMessageKey)}: ${t(p.message)}`);
	return { ok: false, response: badRequest([t('dashboard.export.badFilters'), ...lines].join('\n')) };
}

export function badRequest(message: string, status = 400): Response {
	return new Response(`${message}\n`, { status, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' } });
}

/** The period in a file name: 2024-07, 2024-Q3, 2024-01_2024-07 (year to date), 2024-05_2024-07, 2024-07-01_2024-08-15. */
export function periodForFileName(period: ResolvedPeriod): string {
	switch (period.kind) {
		case 'month':
		case 'quarter':
			return period.label;
		case 'ytd':
		case 'rolling3':
			return `${period.first.slice(0, 7)}_${period.last.slice(0, 7)}`;
		default:
			return `${period.first}_${period.last}`;
	}
}

/** "Phiếu khảo sát sct-gialai 2024-07 vp-01.csv": what, whose, when, and the counter if one was picked. */
export function exportFileName(what: string, agencyCode: string, scoped: ScopedFilters, extension: 'csv' | 'xlsx'): string {
	const parts = [what, agencyCode, periodForFileName(scoped.filters.resolved)];
	if (scoped.counter) parts.push(scoped.counter.code);
	return `${parts.join(' ')}.${extension}`;
}
