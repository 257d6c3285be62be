import type { Locale } from '../../i18n';
import { TARGET_GAIN_POINTS } from '../seed/sipas-reference';

/**
 * Baselines and targets are typed as the plan writes them: percents with at most two decimals,
 * with a Vietnamese comma or an English point ("84,19", "84.19", "84,19 %"). Stored as numeric(5,2)
 * percents, so 84,19 is 84.19 — never the proportion 0.8419.
 */
export type PercentInput = { kind: 'empty' } | { kind: 'value'; percent: number } | { kind: 'invalid'; reason: 'format' | 'range' | 'decimals' };

const PERCENT = /^(\d{1,3})(?:[.,](\d+))?$/;

export function parsePercent(raw: string | undefined | null): PercentInput {
	const text = (raw ?? '').trim().replace(/\s*%$/, '').trim();
	if (text === '') return { kind: 'empty' };
	const match = PERCENT.exec(text);
	if (!match) return { kind: 'invalid', reason: 'format' };
	const [, whole, fraction = ''] = match;
	// More than two decimals would be rounded silently by numeric(5,2): ask instead.
	if (fraction.replace(/0+$/, '').length > 2) return { kind: 'invalid', reason: 'decimals' };
	const percent = Number(`${whole}.${fraction || '0'}`);
	if (percent < 0 || percent > 100) return { kind: 'invalid', reason: 'range' };
	return { kind: 'value', percent: Math.round(percent * 100) / 100 };
}

/** The default target of a year: its baseline plus two percentage points ("+2%" of the plan), at most 100. */
export function defaultTarget(baseline: number): number {
	return Math.min(100, Math.round((baseline + TARGET_GAIN_POINTS) * 100) / 100);
}

/** A percent for a form field, in the reader's decimal separator: 84.2 → "84,20" (vi). */
export function percentField(percent: number | null | undefined, locale: Locale): string {
	if (percent === null || percent === undefined) return '';
	const text = percent.toFixed(2);
	return locale === 'vi' ? text.replace('.', ',') : text;
}
