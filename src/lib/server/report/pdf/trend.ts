import type PDFDocument from 'pdfkit';
import type { Locale } from '../../../i18n';
import type { TrendPoint } from '../monthly-report';

type Doc = InstanceType<typeof PDFDocument>;

export interface TrendBox {
	x: number;
	y: number;
	width: number;
	height: number;
}

export interface TrendLegend {
	estimate: string;
	interval: string;
	baseline: string;
	target: string;
}

export interface TrendText {
	fontRegular: string;
	monthLabel: (month: string) => string;
	/** Drawn under the chart; small multiples leave it out and share one (drawTrendLegend). */
	legend?: TrendLegend;
}

const ESTIMATE = '#0b4ea2';
const BAND = '#d4e1f2';
const BASELINE = '#4a4a55';
const TARGET = '#1b5e20';
const GRID = '#d9d6cf';

/**
 * A dimension or index over the months, drawn with vector lines: the 95% interval as a filled band,
 * the estimate as a line with dots, the baseline dashed, the target dotted, a percent axis on the
 * left and the months below. Months without an estimate break the line and the band.
 */
export function drawTrend(doc: Doc, points: readonly TrendPoint[], box: TrendBox, text: TrendText, locale: Locale): void {
	const legendHeight = text.legend ? 16 : 0;
	const axisWidth = 38;
	const monthsHeight = 14;
	const plot = { x: box.x + axisWidth, y: box.y + 4, width: box.width - axisWidth - 4, height: box.height - legendHeight - monthsHeight - 8 };

	const values = points.flatMap((p) => [p.estimate, p.ci_low, p.ci_high, p.baseline, p.target]).filter((v): v is number => v !== null);
	if (values.length === 0) return;
	// A round step (1, 2, 5 or 10 points) giving about five grid lines; the axis starts and ends on
	// a step, with at least four points of range so that small changes are not magnified.
	const min = Math.min(...values);
	const max = Math.max(...values);
	const step = [0.01, 0.02, 0.05, 0.1].find((s) => (Math.max(max - min, 0.04) + 0.01) / s <= 6) ?? 0.2;
	let low = Math.floor((min - 0.003) / step) * step;
	let high = Math.ceil((max + 0.003) / step) * step;
	if (high - low < 0.04) high = low + Math.ceil(0.04 / step) * step;
	low = Math.max(0, low);
	high = Math.min(1, Math.max(high, low + step));
	const yOf = (v: number) => plot.y + plot.height - ((v - low) / (high - low)) * plot.height;
	const slot = plot.width / Math.max(points.length, 1);
	const xOf = (i: number) => plot.x + slot * (i + 0.5);

	doc.save();
	doc.font(text.fontRegular).fontSize(7).fillColor('#1b1b1f');
	// Grid and percent axis.
	for (let v = low; v <= high + 1e-9; v += step) {
		const y = yOf(v);
		doc.moveTo(plot.x, y).lineTo(plot.x + plot.width, y).lineWidth(0.4).stroke(GRID);
		const label = new Intl.NumberFormat(locale === 'vi' ? 'vi-VN' : 'en-GB', { style: 'percent', maximumFractionDigits: 0 }).format(v);
		doc.fillColor('#1b1b1f').text(label, box.x, y - 3.5, { width: axisWidth - 4, align: 'right', lineBreak: false });
	}
	doc.moveTo(plot.x, plot.y).lineTo(plot.x, plot.y + plot.height).lineTo(plot.x + plot.width, plot.y + plot.height).lineWidth(0.6).stroke('#6b6b76');

	// Months (every other one when crowded), counted back from the last so that it is always named.
	const every = points.length > 12 ? 3 : points.length > 8 ? 2 : 1;
	points.forEach((p, i) => {
		if ((points.length - 1 - i) % every !== 0) return;
		doc.fillColor('#1b1b1f').text(text.monthLabel(p.month), xOf(i) - slot * every * 0.5, plot.y + plot.height + 3, {
			width: slot * every,
			align: 'center',
			lineBreak: false
		});
	});

	// Interval band, one polygon per run of months with an interval.
	for (const run of runs(points, (p) => p.ci_low !== null && p.ci_high !== null)) {
		if (run.length === 1) {
			const i = run[0]!;
			doc.rect(xOf(i) - 3, yOf(points[i]!.ci_high!), 6, yOf(points[i]!.ci_low!) - yOf(points[i]!.ci_high!)).fill(BAND);
			continue;
		}
		const upper = run.map((i) => [xOf(i), yOf(points[i]!.ci_high!)] as [number, number]);
		const lower = run.map((i) => [xOf(i), yOf(points[i]!.ci_low!)] as [number, number]).reverse();
		doc.polygon(...upper, ...lower).fill(BAND);
	}
	// Baseline (dashed) and target (dotted), as steps: they change only at a new year.
	const stepLine = (pick: (p: TrendPoint) => number | null, colour: string, dash: [number, number], width: number) => {
		points.forEach((p, i) => {
			const v = pick(p);
			if (v === null) return;
			doc.moveTo(xOf(i) - slot / 2, yOf(v)).lineTo(xOf(i) + slot / 2, yOf(v));
		});
		doc.lineWidth(width).dash(dash[0], { space: dash[1] }).stroke(colour);
		doc.undash();
	};
	stepLine((p) => p.baseline, BASELINE, [5, 3], 1);
	stepLine((p) => p.target, TARGET, [1.2, 2], 1.4);
	// Estimate.
	for (const run of runs(points, (p) => p.estimate !== null)) {
		run.forEach((i, k) => (k === 0 ? doc.moveTo(xOf(i), yOf(points[i]!.estimate!)) : doc.lineTo(xOf(i), yOf(points[i]!.estimate!))));
		if (run.length > 1) doc.lineWidth(1.8).stroke(ESTIMATE);
		for (const i of run) doc.circle(xOf(i), yOf(points[i]!.estimate!), 2.2).fill(ESTIMATE);
	}

	doc.restore();
	if (text.legend) drawTrendLegend(doc, plot.x, box.y + box.height - legendHeight + 4, text.legend, text.fontRegular);
}

/** The legend of drawTrend's charts on one line from (x, y): band, estimate, baseline, target. */
export function drawTrendLegend(doc: Doc, x: number, y: number, legend: TrendLegend, fontRegular: string): void {
	doc.save();
	doc.font(fontRegular).fontSize(7).fillColor('#1b1b1f');
	const entry = (draw: (x: number, y: number) => void, label: string) => {
		draw(x, y + 3.5);
		doc.fillColor('#1b1b1f').text(label, x + 22, y, { lineBreak: false });
		x += 22 + doc.widthOfString(label) + 14;
	};
	entry((x, y) => doc.rect(x, y - 3, 18, 6).fill(BAND), legend.interval);
	entry((x, y) => {
		doc.moveTo(x, y).lineTo(x + 18, y).lineWidth(1.8).stroke(ESTIMATE);
		doc.circle(x + 9, y, 2.2).fill(ESTIMATE);
	}, legend.estimate);
	entry((x, y) => {
		doc.moveTo(x, y).lineTo(x + 18, y).lineWidth(1).dash(5, { space: 3 }).stroke(BASELINE);
		doc.undash();
	}, legend.baseline);
	entry((x, y) => {
		doc.moveTo(x, y).lineTo(x + 18, y).lineWidth(1.4).dash(1.2, { space: 2 }).stroke(TARGET);
		doc.undash();
	}, legend.target);
	doc.restore();
}

/** Indices of consecutive points that satisfy `ok`, as runs. */
function runs(points: readonly TrendPoint[], ok: (p: TrendPoint) => boolean): number[][] {
	const result: number[][] = [];
	let current: number[] = [];
	points.forEach((p, i) => {
		if (ok(p)) current.push(i);
		else if (current.length) {
			result.push(current);
			current = [];
		}
	});
	if (current.length) result.push(current);
	return result;
}
