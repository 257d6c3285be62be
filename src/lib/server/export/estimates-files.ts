import writeXlsxFile, { type SheetData } from 'write-excel-file/node';
import type { Locale } from '../../i18n';
import { STATUS_LABELS, type DimensionKey } from '../../sipas';
import type { RowKey } from '../../report/rows';
import type { PeriodTable } from '../report/monthly-report';
import type { WeightedRow } from '../../report/estimates-view';
import type { Weighting } from '../estimates';
import { csvDocument, type CsvDialect } from './csv';

/**
 * The aggregated table the dashboard shows (each index and dimension of the period: n, estimate,
 * interval, baseline, target, change, status) as a file.
 *
 * Numbers, decided once for both formats:
 * - CSV carries raw, unrounded values, as the JSON API does: estimate, interval, baseline and
 *   target as fractions 0–1, change in percentage points; the header names each unit. The decimal
 *   mark follows the dialect ('.' standard, ',' for Excel set to Vietnamese: see csv.ts), and
 *   never U+2212 or a thousands separator, so every spreadsheet reads them as numbers.
 * - XLSX carries the same raw numbers as real numbers, displayed as percents with two decimals
 *   (0.00%) and changes as signed points (+0.00), so Excel in any language shows 84,19% or
 *   84.19% by its own settings and sums and charts still work.
 * - Status: its code (met, on_track, …) and its words in the reader's language.
 */

export interface EstimatesExportLabels {
	locale: Locale;
	/** The period as shown ("Tháng 7/2024", "01/07/2024–15/08/2024"). */
	period: string;
	rowName: (key: RowKey) => string;
	dimensionName: (key: DimensionKey) => string;
	header: {
		period: string;
		key: string;
		name: string;
		n: string;
		estimate: string;
		ciLow: string;
		ciHigh: string;
		baseline: string;
		target: string;
		change: string;
		status: string;
		statusLabel: string;
		missing: string;
	};
	notice: string;
	/** "Responses counted" (the period's n), for the XLSX's foot. */
	responses: string;
	/** The columns and foot lines of the register weighting (SIPAS.md §7), when asked for. */
	weighted?: {
		estimate: string;
		ciLow: string;
		ciHigh: string;
		deff: string;
		status: string;
		frame: string;
		coverage: string;
		responseRate: string;
	};
}

/** The register-weighted cells of the same rows (same order), and what the weighting rests on. */
export interface WeightedExport {
	rows: WeightedRow[];
	weighting: Weighting;
}

function headerRow(labels: EstimatesExportLabels, weighted?: WeightedExport): string[] {
	const h = labels.header;
	const w = labels.weighted;
	return [
		h.period, h.key, h.name, h.n, h.estimate, h.ciLow, h.ciHigh, h.baseline, h.target, h.change, h.status, h.statusLabel, h.missing,
		...(weighted && w ? [w.estimate, w.ciLow, w.ciHigh, w.deff, w.status] : [])
	];
}

/** The weighted columns of a row: estimate, interval, design effect and status code (raw values). */
function weightedValues(weighted: WeightedExport | undefined, i: number): (number | string | null)[] {
	if (!weighted) return [];
	const c = weighted.rows[i]!.weighted;
	return [c.estimate, c.ci_low, c.ci_high, c.deff, c.status];
}

function rowValues(table: PeriodTable, labels: EstimatesExportLabels) {
	return table.rows.map((row) => {
		const c = row.cell;
		return {
			key: row.key,
			name: labels.rowName(row.key),
			n: c.n,
			estimate: c.estimate,
			ciLow: c.ci_low,
			ciHigh: c.ci_high,
			baseline: c.baseline,
			target: c.target,
			change: c.change_pp,
			status: c.status,
			statusLabel: c.status ? STATUS_LABELS[labels.locale][c.status] : null,
			missing: row.missing.map(labels.dimensionName).join('; ')
		};
	});
}

export function estimatesCsv(table: PeriodTable, labels: EstimatesExportLabels, dialect: CsvDialect, weighted?: WeightedExport): string {
	const rows = rowValues(table, labels).map((r, i) => [
		labels.period,
		r.key,
		r.name,
		r.n,
		r.estimate,
		r.ciLow,
		r.ciHigh,
		r.baseline,
		r.target,
		r.change,
		r.status,
		r.statusLabel,
		r.missing,
		...weightedValues(weighted, i)
	]);
	return csvDocument(headerRow(labels, weighted), rows, dialect);
}

const PERCENT = '0.00%';
const POINTS = '+0.00;-0.00;0.00';

const DEFF = '0.000';

export async function estimatesXlsx(table: PeriodTable, labels: EstimatesExportLabels, weighted?: WeightedExport): Promise<Buffer> {
	const number = (value: number | null, format?: string) => (value === null ? null : { value: Number(value.toPrecision(15)), type: Number, format });
	const weightedCells = (i: number) => {
		if (!weighted) return [];
		const c = weighted.rows[i]!.weighted;
		return [number(c.estimate, PERCENT), number(c.ci_low, PERCENT), number(c.ci_high, PERCENT), number(c.deff, DEFF), c.status];
	};
	const w = weighted?.weighting;
	const foot: SheetData =
		w && labels.weighted
			? [
					[labels.weighted.frame, null, null, number(w.frame_dossiers)],
					[labels.weighted.coverage, null, null, number(w.coverage, PERCENT)],
					[labels.weighted.responseRate, null, null, number(w.response_rate.rate, PERCENT)]
				]
			: [];
	const data: SheetData = [
		headerRow(labels, weighted).map((value) => ({ value, fontWeight: 'bold' as const, wrap: true })),
		...rowValues(table, labels).map((r, i) => [
			labels.period,
			r.key,
			{ value: r.name, fontWeight: r.key === 'overall' ? ('bold' as const) : undefined },
			number(r.n),
			number(r.estimate, PERCENT),
			number(r.ciLow, PERCENT),
			number(r.ciHigh, PERCENT),
			number(r.baseline, PERCENT),
			number(r.target, PERCENT),
			number(r.change, POINTS),
			r.status,
			r.statusLabel,
			r.missing || null,
			...weightedCells(i)
		]),
		[],
		[labels.responses, null, null, number(table.n)],
		...foot,
		[labels.notice]
	];
	const widths = [14, 22, 48, 8, 11, 11, 11, 11, 11, 12, 14, 20, 30, ...(weighted ? [12, 12, 12, 9, 14] : [])];
	return writeXlsxFile(data, { sheet: 'SIPAS', columns: widths.map((width) => ({ width })), stickyRowsCount: 1 }).toBuffer();
}
