import type { ChartConfiguration, ChartDataset, PointStyle, TooltipItem } from 'chart.js';
import type { Locale } from '$lib/i18n';
import { formatPercent } from '$lib/sipas/format';

/**
 * The configurations of the report's and dashboard's charts. Proportions stay 0–1 in the data;
 * axes and tooltips show them with src/lib/sipas's Vietnamese formats. Every series differs by
 * line pattern or point shape as well as by colour (the accessible tables carry the numbers).
 */

/** Okabe–Ito: told apart by readers with every common colour-vision deficiency. */
export const SERIES_COLOURS = ['#000000', '#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#7f6d00'];
export const POINT_STYLES: PointStyle[] = ['circle', 'rect', 'triangle', 'rectRot', 'star', 'crossRot', 'rectRounded', 'cross'];

const ESTIMATE = '#0b4ea2';
const BAND = 'rgba(11, 78, 162, 0.16)';
const BASELINE = '#4a4a55';
const TARGET = '#1b5e20';
const WEIGHTED = '#D55E00';

function axisPercent(locale: Locale) {
	const format = new Intl.NumberFormat(locale === 'vi' ? 'vi-VN' : 'en-GB', { style: 'percent', maximumFractionDigits: 0 });
	return (value: number | string) => format.format(Number(value));
}

function integer(locale: Locale) {
	const format = new Intl.NumberFormat(locale === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 0 });
	return (value: number | string) => format.format(Number(value));
}

export interface TrendSeriesPoint {
	estimate: number | null;
	ci_low: number | null;
	ci_high: number | null;
	baseline: number | null;
	target: number | null;
	n: number;
}

export interface TrendLabels {
	estimate: string;
	/** The register-weighted estimate's line, when one is drawn (SIPAS.md §7). */
	weighted?: string;
	interval: string;
	baseline: string;
	target: string;
	n: string;
}

/**
 * One dimension or index over the months: the estimate as a line with points, its 95% interval
 * as a band (the area between the ci_low and ci_high series), the baseline dashed, the target
 * dotted.
 */
export function trendConfig(
	months: string[],
	points: TrendSeriesPoint[],
	labels: TrendLabels,
	locale: Locale,
	weighted?: readonly TrendSeriesPoint[]
): ChartConfiguration<'line'> {
	const values = (pick: (p: TrendSeriesPoint) => number | null) => points.map(pick);
	const datasets: ChartDataset<'line', (number | null)[]>[] = [
		{ label: `${labels.interval} (low)`, data: values((p) => p.ci_low), borderWidth: 0, pointRadius: 0, fill: false, spanGaps: false },
		{ label: labels.interval, data: values((p) => p.ci_high), borderWidth: 0, pointRadius: 0, backgroundColor: BAND, fill: '-1', spanGaps: false },
		{ label: labels.estimate, data: values((p) => p.estimate), borderColor: ESTIMATE, backgroundColor: ESTIMATE, borderWidth: 2.5, pointRadius: 3.5, spanGaps: false },
		{ label: labels.baseline, data: values((p) => p.baseline), borderColor: BASELINE, backgroundColor: BASELINE, borderWidth: 1.5, borderDash: [8, 5], pointRadius: 0, stepped: 'middle' },
		{ label: labels.target, data: values((p) => p.target), borderColor: TARGET, backgroundColor: TARGET, borderWidth: 2, borderDash: [2, 3], pointRadius: 0, stepped: 'middle' }
	];
	// The weighted estimate last, so the indices above (tooltip callbacks) stay: dashed, square points.
	if (weighted) {
		datasets.push({ label: labels.weighted ?? 'weighted', data: weighted.map((p) => p.estimate), borderColor: WEIGHTED, backgroundColor: WEIGHTED, borderWidth: 2, borderDash: [6, 3], pointStyle: 'rect', pointRadius: 3.5, spanGaps: false });
	}
	return {
		type: 'line',
		data: { labels: months, datasets },
		options: {
			responsive: true,
			maintainAspectRatio: false,
			interaction: { mode: 'index', intersect: false },
			scales: {
				y: { ticks: { callback: axisPercent(locale) }, grace: '5%' },
				x: { ticks: { maxRotation: 0, autoSkip: true } }
			},
			plugins: {
				legend: {
					position: 'bottom',
					// The band's lower edge is not a series of its own.
					labels: { filter: (item) => item.datasetIndex !== 0, boxHeight: 8, usePointStyle: false }
				},
				tooltip: {
					filter: (item) => item.datasetIndex !== 0,
					callbacks: {
						label: (item: TooltipItem<'line'>) => {
							const point = points[item.dataIndex]!;
							if (item.datasetIndex === 1) {
								return point.ci_low === null ? `${labels.interval}: —` : `${labels.interval}: ${formatPercent(point.ci_low, locale)}–${formatPercent(point.ci_high, locale)}`;
							}
							if (item.datasetIndex === 2) return `${labels.estimate}: ${formatPercent(point.estimate, locale)} (${labels.n} = ${point.n})`;
							return `${item.dataset.label}: ${formatPercent(item.parsed.y, locale)}`;
						}
					}
				}
			}
		}
	};
}

export interface LineSeries {
	label: string;
	values: (number | null)[];
}

/**
 * Several proportions over the months (dimensions, or the criteria of one dimension). The legend
 * is left to SeriesLegend.svelte beside the chart: HTML wraps long Vietnamese names on a phone,
 * where a canvas legend would cut them off.
 */
export function linesConfig(months: string[], series: LineSeries[], locale: Locale): ChartConfiguration<'line'> {
	return {
		type: 'line',
		data: {
			labels: months,
			datasets: series.map((s, i) => ({
				label: s.label,
				data: s.values,
				borderColor: SERIES_COLOURS[i % SERIES_COLOURS.length],
				backgroundColor: SERIES_COLOURS[i % SERIES_COLOURS.length],
				pointStyle: POINT_STYLES[i % POINT_STYLES.length],
				pointRadius: 4,
				borderWidth: i === 0 ? 3 : 1.75,
				spanGaps: false
			}))
		},
		options: {
			responsive: true,
			maintainAspectRatio: false,
			interaction: { mode: 'index', intersect: false },
			scales: { y: { ticks: { callback: axisPercent(locale) }, grace: '5%' }, x: { ticks: { maxRotation: 0, autoSkip: true } } },
			plugins: {
				legend: { display: false },
				tooltip: { callbacks: { label: (item: TooltipItem<'line'>) => `${item.dataset.label}: ${formatPercent(item.parsed.y, locale)}` } }
			}
		}
	};
}

/** Answer values 1–5 and N/A: red to blue through grey, N/A a darker grey (colour-blind safe). */
export const ANSWER_COLOURS = ['#b2182b', '#ef8a62', '#bdbdbd', '#67a9cf', '#2166ac', '#5f5f5f'];

/**
 * Each criterion's answers as one horizontal bar of 100%, split by value (1–5, then N/A).
 * `shares[v][i]` is the share of criterion i's answers that are value v. Each bar is labelled by
 * `labels[i]`, its lines (labels.ts wraps the statement to the chart's width), and its tooltip
 * by `titles[i]`, the statement whole.
 */
export function distributionConfig(
	labels: string[][],
	titles: string[],
	valueLabels: string[],
	shares: number[][],
	counts: number[][],
	locale: Locale
): ChartConfiguration<'bar'> {
	return {
		type: 'bar',
		data: {
			labels,
			datasets: valueLabels.map((label, v) => ({
				label,
				data: shares[v]!,
				backgroundColor: ANSWER_COLOURS[v],
				borderColor: '#ffffff',
				borderWidth: 1,
				barPercentage: 0.9,
				categoryPercentage: 0.9
			}))
		},
		options: {
			indexAxis: 'y',
			responsive: true,
			maintainAspectRatio: false,
			scales: {
				x: { stacked: true, min: 0, max: 1, ticks: { callback: axisPercent(locale) } },
				y: { stacked: true, ticks: { autoSkip: false } }
			},
			plugins: {
				legend: { position: 'bottom', labels: { boxHeight: 10 } },
				tooltip: {
					callbacks: {
						title: (items: TooltipItem<'bar'>[]) => titles[items[0]?.dataIndex ?? 0] ?? '',
						label: (item: TooltipItem<'bar'>) =>
							`${item.dataset.label}: ${formatPercent(item.parsed.x, locale)} (${integer(locale)(counts[item.datasetIndex]![item.dataIndex]!)})`
					}
				}
			}
		}
	};
}

/** Counts as vertical bars (responses per day). */
export function countsConfig(labels: string[], values: number[], label: string, locale: Locale): ChartConfiguration<'bar'> {
	return {
		type: 'bar',
		data: { labels, datasets: [{ label, data: values, backgroundColor: ESTIMATE, borderWidth: 0 }] },
		options: {
			responsive: true,
			maintainAspectRatio: false,
			scales: {
				y: { beginAtZero: true, ticks: { precision: 0, callback: integer(locale) } },
				x: { ticks: { maxRotation: 0, autoSkip: true } }
			},
			plugins: { legend: { display: false } }
		}
	};
}
