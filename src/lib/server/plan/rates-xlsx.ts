import writeXlsxFile, { type SheetData } from 'write-excel-file/node';
import type { Locale } from '../../i18n';
import { staffTranslator } from '../../i18n/staff';
import { judgeRate, RATE_KINDS, rateOf, type RateCell } from '../../plan/rates';
import type { PlanProgress } from './progress';

/**
 * The register's rates of the plan year as a spreadsheet: one row per month, unit, procedure
 * field and rate, with numerator, denominator, cells left empty, the rate as a real number (a
 * percent format; empty for "no data", never 0) and the plan's target; then a total row per
 * month and rate for the whole agency.
 */
export async function planRatesXlsx(progress: PlanProgress, names: { units: Map<number, string>; fields: Map<number, string> }, locale: Locale): Promise<Buffer> {
	const t = staffTranslator(locale);
	const header = ['plan.xlsx.month', 'plan.xlsx.unit', 'plan.xlsx.field', 'plan.xlsx.rate', 'plan.xlsx.numerator', 'plan.xlsx.denominator', 'plan.xlsx.unknown', 'plan.xlsx.value', 'plan.xlsx.target', 'plan.xlsx.verdict'] as const;
	const targets = new Map(progress.rates.map((r) => [r.kind, r.target]));
	const row = (month: string, unit: string, field: string, cell: Pick<RateCell, 'kind' | 'numerator' | 'denominator' | 'unknown'>) => {
		const rate = rateOf(cell);
		const target = targets.get(cell.kind) ?? null;
		const verdict = judgeRate(rate, target);
		return [
			{ value: month },
			{ value: unit },
			{ value: field },
			{ value: t(`plan.rate.${cell.kind}`) },
			{ value: cell.numerator, type: Number },
			{ value: cell.denominator, type: Number },
			{ value: cell.unknown, type: Number },
			rate.value === null ? { value: t('plan.noData') } : { value: Number(rate.value.toPrecision(15)), type: Number, format: '0.0%' },
			target ? { value: target.percent / 100, type: Number, format: '0%' } : null,
			verdict ? { value: t(`plan.verdict.${verdict}`) } : null
		];
	};
	const sorted = [...progress.cells].sort(
		(a, b) => a.month.localeCompare(b.month) || RATE_KINDS.indexOf(a.kind) - RATE_KINDS.indexOf(b.kind) || (names.units.get(a.unitId) ?? '').localeCompare(names.units.get(b.unitId) ?? '') || a.procedureFieldId - b.procedureFieldId
	);
	const data: SheetData = [header.map((key) => ({ value: t(key), fontWeight: 'bold' as const }))];
	for (const month of progress.months) {
		for (const kind of RATE_KINDS) {
			const cells = sorted.filter((c) => c.month === month && c.kind === kind);
			const sum = cells.reduce((s, c) => ({ kind, numerator: s.numerator + c.numerator, denominator: s.denominator + c.denominator, unknown: s.unknown + c.unknown }), { kind, numerator: 0, denominator: 0, unknown: 0 });
			data.push(row(month, t('plan.xlsx.all'), t('plan.xlsx.all'), sum).map((c) => (c ? { ...c, fontWeight: 'bold' as const } : null)));
			for (const c of cells) data.push(row(month, names.units.get(c.unitId) ?? String(c.unitId), names.fields.get(c.procedureFieldId) ?? String(c.procedureFieldId), c));
		}
	}
	return writeXlsxFile(data, { sheet: t('plan.rates.title').slice(0, 31), columns: [10, 34, 24, 48, 10, 10, 10, 14, 12, 18].map((width) => ({ width })), stickyRowsCount: 1 }).toBuffer();
}
