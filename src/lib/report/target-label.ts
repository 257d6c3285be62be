import type { StaffTranslate } from '../i18n/staff';

/**
 * The heading of a target: "Mục tiêu 2026" when the period's year has targets of its own;
 * "Mục tiêu 2024 (áp dụng cho 2026)" when an earlier year's are carried forward (SIPAS.md §4),
 * so nobody takes 2024's target for one set for 2026; "Mục tiêu" when there is none.
 */
export function targetLabel(t: StaffTranslate, targetYears: readonly number[], year: number): string {
	if (targetYears.length === 0) return t('report.col.targetNone');
	if (targetYears.length === 1 && targetYears[0] === year) return t('report.col.target', { year });
	return t('report.col.targetCarried', { years: targetYears.join(', '), year });
}
