import PDFDocument from 'pdfkit';
import type { Locale } from '../../../i18n';
import { staffTranslator, type StaffTranslate } from '../../../i18n/staff';
import {
	STATUS_LABELS,
	STATUSES,
	formatChange,
	formatChangeInterval,
	formatInterval,
	formatMonth,
	formatPercent,
	type Status
} from '../../../sipas';
import { STATUS_LOOK } from '../../../components/charts/status';
import { fullDay, monthRange } from '../../../components/charts/months';
import { addMonths, lastDayOf } from '../../../sipas/calendar';
import { DIMENSION_KEYS } from '../../../sipas/dimensions';
import { formatDateTime } from '../../http/time';
import { headline } from '../../../report/headline';
import type { RowKey } from '../../../report/rows';
import { targetLabel } from '../../../report/target-label';
import type { MonthlyReport, PeriodTable } from '../monthly-report';
import type { PullingGroup } from '../pull-down';
import type { Ranking } from '../ranking';
import { FONTS } from './fonts';
import { drawStatusIcon } from './status-icon';
import { drawTrend, drawTrendLegend } from './trend';
import type { CaseFigures } from '../../petitions/figures';

type Doc = InstanceType<typeof PDFDocument>;

/**
 * The monthly report as a PDF a leader can attach to an email, with every section of the page in
 * the page's order: A4 portrait, DejaVu Sans (so every Vietnamese diacritic renders), the notice
 * (and, for the month in progress, that its numbers will change), the headline (overall estimate,
 * dimensions under target, what moved beyond chance since last month), the month's table, the
 * comparison with the year to date and the last three months, the units and counters that pull
 * each dimension down, the trend of the overall index and of each dimension drawn as vectors, and
 * how to read the statuses. The same numbers and formats as the page (src/lib/sipas), statuses in
 * words, colour and shape; every column wraps its text inside its own width.
 */

export const A4 = { width: 595.28, height: 841.89 };
export const MARGIN = 40;
const WIDTH = A4.width - 2 * MARGIN;
/** Lowest point content may reach: the footer sits below it. */
const BOTTOM = A4.height - MARGIN - 16;
const INK = '#1b1b1f';
const MUTED = '#4a4a55';
const LINE = '#c9c5bd';
const HEAD_FILL = '#eceae4';
const INDEX_FILL = '#f7f5f0';
const BRAND = '#a4161a';
const UP = '#1b5e20';
const DOWN = '#b00020';

export interface ReportPdfInput {
	report: MonthlyReport;
	agencyName: string;
	locale: Locale;
	minimumSample: number;
	/** The month is this month: say, as the page does, that its numbers will still change. */
	inProgress: boolean;
	/** Only verified responses are counted: the PDF says so under the title. */
	verifiedOnly?: boolean;
	now?: Date;
	/** The case figures (petitions, issue 12) the page shows below the report, when given. */
	petitions?: CaseFigures | null;
}

export async function monthlyReportPdf(input: ReportPdfInput): Promise<Buffer> {
	const { report, locale } = input;
	const t = staffTranslator(locale);
	const monthOf = (key: string) => formatMonth(Number(key.slice(0, 4)), Number(key.slice(5, 7)), locale);
	const monthLabel = monthOf(report.month);
	const year = Number(report.month.slice(0, 4));
	const names: Record<RowKey, string> = {
		...report.names,
		overall: t('report.index.overall'),
		service: t('report.index.service'),
		policy: t('report.index.policy')
	};
	const empty = report.thisMonth.n === 0;
	const hasCompare = report.ytd.n > 0 || report.rolling3.n > 0;
	const hasTrend = report.trend.series.overall.some((point) => point.n > 0);

	const doc: Doc = new PDFDocument({
		size: 'A4',
		margin: MARGIN,
		bufferPages: true,
		font: FONTS.regular,
		info: { Title: `${t('report.title', { month: monthLabel })} — ${input.agencyName}`, Author: input.agencyName, Subject: t('report.notice') },
		lang: locale === 'vi' ? 'vi-VN' : 'en-GB'
	});
	doc.registerFont('regular', FONTS.regular);
	doc.registerFont('bold', FONTS.bold);
	const chunks: Buffer[] = [];
	doc.on('data', (chunk: Buffer) => chunks.push(chunk));
	const done = new Promise<Buffer>((resolve, reject) => {
		doc.on('end', () => resolve(Buffer.concat(chunks)));
		doc.on('error', reject);
	});

	// Title, agency, notice; the month in progress says so.
	doc.font('bold').fontSize(16).fillColor(INK).text(t('report.title', { month: monthLabel }), MARGIN, MARGIN, { width: WIDTH });
	doc.font('regular').fontSize(10.5).fillColor(MUTED).text(input.agencyName, { width: WIDTH });
	doc.moveDown(0.6);
	noteBox(doc, t('report.notice'), { border: BRAND, fill: '#fff8f6', ink: INK });
	if (input.verifiedOnly) noteBox(doc, t('report.responses.verifiedNote'), { border: BRAND, fill: '#fff8f6', ink: INK });
	if (input.inProgress) {
		noteBox(doc, t('report.monthInProgress', { last: fullDay(lastDayOf(report.month), locale) }), { border: '#8a4500', fill: '#fff1dc', ink: '#5c2e00', dashed: true });
	}
	doc.y += 4;

	if (empty) {
		doc.font('bold').fontSize(11).fillColor(INK).text(t('report.empty', { month: monthLabel }), MARGIN, doc.y, { width: WIDTH });
		doc.moveDown(1);
	} else {
		headlineSection(doc, report, names, { t, locale, monthLabel, year, minimumSample: input.minimumSample, previousMonth: monthOf(report.movement.previousMonth) });

		// The month's table.
		section(doc, 120);
		heading(doc, t('report.monthResults', { month: monthLabel }));
		hint(doc, t('report.responsesCounted', { n: integer(report.thisMonth.n, locale) }));
		mainTable(doc, report.thisMonth, names, {
			header: [
				t('report.col.name'),
				t('report.col.estimate'),
				t('report.col.interval'),
				'n',
				report.baselineYear === null ? t('report.col.baselineNone') : t('report.col.baseline', { year: report.baselineYear }),
				t('report.col.change'),
				targetLabel(t, report.targetYears, year),
				t('report.col.status')
			],
			locale,
			missing: (keys) => t('report.missing', { names: keys.map((k) => names[k]).join('; ') })
		});
	}

	// Beside the month: year to date and the last three months.
	if (hasCompare) {
		doc.moveDown(1);
		section(doc, 120);
		heading(doc, t('report.compareTitle'));
		compareTable(
			doc,
			[
				[monthLabel, report.thisMonth],
				[t('report.period.ytd', { range: monthRange(`${year}-01`, report.month, locale) }), report.ytd],
				[t('report.period.rolling3', { range: monthRange(addMonths(report.month, -2), report.month, locale) }), report.rolling3]
			],
			names,
			{ name: t('report.col.name'), estimate: t('report.col.estimate'), status: t('report.col.status') },
			locale
		);
	}

	// Which units and counters pull each dimension down.
	if (!empty) {
		doc.moveDown(1);
		section(doc, 120);
		heading(doc, t('report.pullTitle'));
		hint(doc, t('report.pullHint', { month: monthLabel }));
		pullTable(doc, report.pullingDown, names, t, locale);
	}

	// The fair comparison (SIPAS.md §9) and the register-weighted overall index (§7), as on the page.
	if (!empty && report.rankings) {
		doc.moveDown(1);
		section(doc, 120);
		heading(doc, t('rank.title'));
		hint(doc, t('rank.intro', { month: monthLabel }));
		rankingLines(doc, t('rank.units'), report.rankings.units.overall, t, locale);
		rankingLines(doc, t('rank.counters'), report.rankings.counters.overall, t, locale);
		const overall = report.weighted?.rows.find((row) => row.key === 'overall');
		if (overall && overall.weighted.estimate !== null && overall.unweighted.estimate !== null) {
			const gap = (overall.weighted.estimate - overall.unweighted.estimate) * 100;
			doc.moveDown(0.5);
			section(doc, 40);
			heading(doc, t('weighted.title'));
			hint(
				doc,
				t(Math.abs(gap) < 1 ? 'weighted.differenceSmall' : 'weighted.difference', {
					weighted: formatPercent(overall.weighted.estimate, locale),
					unweighted: formatPercent(overall.unweighted.estimate, locale),
					gap: formatChange(gap, locale)
				})
			);
		}
	}

	// Trends: the overall index and each dimension, two charts a row, on a page of their own.
	if (hasTrend) trendsSection(doc, report, names, t, locale);

	// How to read the statuses.
	if (!empty || hasCompare) {
		doc.moveDown(1);
		section(doc, 110);
		heading(doc, t('report.readTitle'));
		for (const status of STATUSES) {
			const y = doc.y;
			statusMark(doc, status, MARGIN, y, locale);
			doc.font('regular').fontSize(8).fillColor(INK).text(t(`report.statusRule.${status}`, { minimum: input.minimumSample }), MARGIN + 110, y + 1, { width: WIDTH - 110 });
			doc.y = Math.max(doc.y, y + 13) + 2;
		}
		doc.moveDown(0.5);
		doc.font('regular').fontSize(7.5).fillColor(MUTED).text(t('report.method'), MARGIN, doc.y, { width: WIDTH });
	}

	if (input.petitions) petitionsSection(doc, input.petitions, t, locale);

	// Footer on every page: when it was made, and page numbers.
	const generated = t('report.pdf.generated', { date: formatDateTime(input.now ?? new Date(), locale) ?? '' });
	const pages = doc.bufferedPageRange();
	for (let i = pages.start; i < pages.start + pages.count; i++) {
		doc.switchToPage(i);
		const y = A4.height - MARGIN + 8;
		doc.font('regular').fontSize(7).fillColor(MUTED);
		doc.text(`${input.agencyName} · ${generated}`, MARGIN, y, { width: WIDTH * 0.75, lineBreak: false, height: 10 });
		doc.text(t('report.pdf.page', { page: i + 1, pages: pages.count }), MARGIN, y, { width: WIDTH, align: 'right', lineBreak: false, height: 10 });
	}
	doc.end();
	return done;
}

/** A new page when fewer than `height` points are left: a heading never ends a page. */
function section(doc: Doc, height: number): void {
	if (doc.y + height > BOTTOM) doc.addPage();
}

function heading(doc: Doc, text: string): void {
	doc.font('bold').fontSize(11.5).fillColor(INK).text(text, MARGIN, doc.y, { width: WIDTH });
	doc.moveDown(0.3);
}

function hint(doc: Doc, text: string): void {
	doc.font('regular').fontSize(7.5).fillColor(MUTED).text(text, MARGIN, doc.y, { width: WIDTH });
	doc.moveDown(0.4);
}

function noteBox(doc: Doc, text: string, look: { border: string; fill: string; ink: string; dashed?: boolean }): void {
	const y = doc.y;
	doc.font('bold').fontSize(9);
	const height = doc.heightOfString(text, { width: WIDTH - 16 }) + 10;
	doc.save();
	doc.rect(MARGIN, y, WIDTH, height).fill(look.fill);
	if (look.dashed) doc.dash(4, { space: 2 });
	doc.rect(MARGIN, y, WIDTH, height).lineWidth(1.2).stroke(look.border);
	doc.undash();
	doc.restore();
	doc.font('bold').fontSize(9).fillColor(look.ink).text(text, MARGIN + 8, y + 5, { width: WIDTH - 16 });
	doc.y = y + height + 8;
}

function integer(n: number, locale: Locale): string {
	return new Intl.NumberFormat(locale === 'vi' ? 'vi-VN' : 'en-GB').format(n);
}

/**
 * A status's shape and words in its colour, at (x, y). With a width, the words wrap inside it
 * (a narrow column gets "Có khả năng / đạt" on two lines rather than text past its edge).
 */
function statusMark(doc: Doc, status: Status | null, x: number, y: number, locale: Locale, options: { width?: number; size?: number } = {}): void {
	const size = options.size ?? 8;
	if (!status) {
		doc.font('regular').fontSize(size).fillColor(INK).text('—', x, y + 1, { lineBreak: false });
		return;
	}
	const look = STATUS_LOOK[status];
	drawStatusIcon(doc, look.shape, x, y + 1.5, size, look.ink);
	const label = STATUS_LABELS[locale][status];
	doc.font('bold').fontSize(size).fillColor(look.ink);
	if (options.width) doc.text(label, x + size + 3, y + 1, { width: options.width - size - 3 });
	else doc.text(label, x + size + 3, y + 1, { lineBreak: false });
}

/** The height statusMark takes in a column of `width`. */
function statusHeight(doc: Doc, status: Status | null, locale: Locale, width: number, size = 8): number {
	if (!status) return size + 2;
	doc.font('bold').fontSize(size);
	return doc.heightOfString(STATUS_LABELS[locale][status], { width: width - size - 3 }) + 1;
}

interface HeadlineText {
	t: StaffTranslate;
	locale: Locale;
	monthLabel: string;
	previousMonth: string;
	year: number;
	minimumSample: number;
}

/** The page's headline: three columns, each a block of short lines under a rule. */
function headlineSection(doc: Doc, report: MonthlyReport, names: Record<RowKey, string>, text: HeadlineText): void {
	const { t, locale } = text;
	const h = headline(report.thisMonth.rows, report.movement.rows);
	const o = h.overall.cell;
	heading(doc, t('report.headline.title', { month: text.monthLabel }));
	const gap = 8;
	const columnWidth = (WIDTH - 2 * gap) / 3;
	const inner = columnWidth - 12;
	const top = doc.y;
	const bottoms: number[] = [];
	const line = (x: number, value: string, font: 'regular' | 'bold', size: number, colour = INK, after = 1.5) => {
		doc.font(font).fontSize(size).fillColor(colour).text(value, x, doc.y, { width: inner });
		doc.y += after;
	};

	// 1. The overall index.
	let x = MARGIN + 6;
	doc.y = top + 7;
	line(x, names.overall, 'bold', 9);
	line(x, formatPercent(o.estimate, locale), 'bold', 22, INK, 0);
	line(x, `${t('report.headline.interval')} ${formatInterval(o.ci_low === null || o.ci_high === null ? null : { lower: o.ci_low, upper: o.ci_high }, locale)}`, 'regular', 8);
	line(x, t('report.headline.responses', { n: integer(o.n, locale) }), 'regular', 8);
	line(
		x,
		o.change_pp !== null && report.baselineYear !== null
			? t('report.headline.change', { change: formatChange(o.change_pp, locale), year: report.baselineYear })
			: t('report.headline.changeNone'),
		'bold',
		8.5
	);
	const markY = doc.y;
	statusMark(doc, o.status, x, markY, locale, { width: inner });
	doc.y = markY + statusHeight(doc, o.status, locale, inner) + 2;
	if (o.target !== null) line(x, t('report.headline.target', { label: targetLabel(t, report.targetYears, text.year), target: formatPercent(o.target, locale) }), 'regular', 8);
	if (o.status === 'insufficient') line(x, t('report.headline.insufficient', { n: integer(o.n, locale), minimum: text.minimumSample }), 'regular', 7.5, MUTED);
	bottoms.push(doc.y);

	// 2. Dimensions under target, and the tally of statuses.
	x = MARGIN + columnWidth + gap + 6;
	doc.y = top + 7;
	line(x, t('report.headline.belowTitle'), 'bold', 9, INK, 3);
	if (h.judged === 0) line(x, t('report.headline.belowNoneJudged', { minimum: text.minimumSample }), 'regular', 8);
	else if (h.belowTarget.length === 0) line(x, t('report.headline.belowNone'), 'regular', 8, INK, 4);
	for (const row of h.belowTarget) {
		line(x, names[row.key], 'bold', 8, INK, 0.5);
		const y = doc.y;
		statusMark(doc, row.cell.status, x, y, locale, { width: inner, size: 7.5 });
		doc.y = y + statusHeight(doc, row.cell.status, locale, inner, 7.5) + 0.5;
		line(
			x,
			t('report.headline.belowLine', {
				estimate: formatPercent(row.cell.estimate, locale),
				target: formatPercent(row.cell.target, locale),
				gap: formatChange(((row.cell.estimate ?? 0) - (row.cell.target ?? 0)) * 100, locale)
			}),
			'regular',
			8,
			INK,
			4
		);
	}
	if (h.insufficient.length && h.judged > 0) line(x, t('report.headline.belowInsufficient', { names: h.insufficient.map((row) => names[row.key]).join('; ') }), 'regular', 7.5, MUTED, 3);
	if (h.judged > 0) {
		line(x, t('report.headline.tally'), 'bold', 7.5, INK, 2);
		for (const entry of h.tally) {
			const y = doc.y;
			statusMark(doc, entry.status, x, y, locale, { size: 7.5 });
			doc.font('bold').fontSize(7.5);
			const labelWidth = doc.widthOfString(STATUS_LABELS[locale][entry.status]);
			doc.fillColor(INK).text(String(entry.count), x + 7.5 + 3 + labelWidth + 5, y + 1, { lineBreak: false });
			doc.y = y + 11;
		}
	}
	bottoms.push(doc.y);

	// 3. What moved since last month, beyond chance (SIPAS.md §10).
	x = MARGIN + 2 * (columnWidth + gap) + 6;
	doc.y = top + 7;
	line(x, t('report.headline.moveTitle', { month: text.previousMonth }), 'bold', 9, INK, 3);
	const points = (fraction: number | null | undefined) => (fraction === null || fraction === undefined ? null : fraction * 100);
	if (h.beyondChance.length === 0 && h.withinChance.length === 0) {
		line(x, t('report.headline.moveTooFewAll', { month: text.previousMonth, minimum: text.minimumSample }), 'regular', 8);
	} else {
		if (h.beyondChance.length === 0) line(x, t('report.headline.moveNone'), 'regular', 8);
		for (const move of h.beyondChance) {
			const up = (move.change.difference ?? 0) > 0;
			line(x, names[move.key], 'bold', 8, INK, 0.5);
			const y = doc.y;
			const change = `${up ? '▲' : '▼'} ${formatChange(points(move.change.difference), locale)}`;
			doc.font('bold').fontSize(8).fillColor(up ? UP : DOWN).text(change, x, y, { lineBreak: false });
			const changeWidth = doc.widthOfString(change);
			doc.font('regular').fontSize(8).fillColor(INK).text(
				` · ${t('report.headline.moveLine', { previous: formatPercent(move.previous, locale), current: formatPercent(move.current, locale) })}`,
				x + changeWidth,
				y,
				{ width: inner - changeWidth }
			);
			line(
				x,
				t('report.headline.moveInterval', {
					interval: formatChangeInterval(points(move.change.interval?.lower), points(move.change.interval?.upper), locale)
				}),
				'regular',
				7,
				MUTED,
				4
			);
		}
		if (h.beyondChance.length && h.withinChance.length) line(x, t('report.headline.moveRest'), 'regular', 8, INK, 3);
		if (h.tooFew.length) line(x, t('report.headline.moveTooFew', { names: h.tooFew.map((row) => names[row.key]).join('; ') }), 'regular', 7.5, MUTED, 3);
	}
	line(x, t('report.headline.moveHint'), 'regular', 6.5, MUTED);
	bottoms.push(doc.y);

	// The rules and frames, now that the tallest column is known.
	const bottom = Math.max(...bottoms) + 5;
	[0, 1, 2].forEach((i) => {
		const left = MARGIN + i * (columnWidth + gap);
		doc.rect(left, top, columnWidth, bottom - top).lineWidth(0.6).stroke(LINE);
		doc.rect(left, top, columnWidth, 2.5).fill(i === 0 ? BRAND : INK);
	});
	doc.y = bottom + 14;
}

interface Column {
	width: number;
	align: 'left' | 'right';
}

/** Starts a new page (and repeats the header) when a row of `height` would not fit. */
function ensureRoom(doc: Doc, height: number, redrawHeader: () => void): void {
	if (doc.y + height > BOTTOM) {
		doc.addPage();
		redrawHeader();
	}
}

function headerRow(doc: Doc, columns: Column[], labels: string[]): void {
	doc.font('bold').fontSize(7.5);
	const height = Math.max(...labels.map((label, i) => doc.heightOfString(label, { width: columns[i]!.width - 6 }))) + 6;
	const y = doc.y;
	doc.rect(MARGIN, y, WIDTH, height).fill(HEAD_FILL);
	let x = MARGIN;
	labels.forEach((label, i) => {
		doc.fillColor(INK).text(label, x + 3, y + 3, { width: columns[i]!.width - 6, align: columns[i]!.align });
		x += columns[i]!.width;
	});
	doc.y = y + height;
	doc.moveTo(MARGIN, doc.y).lineTo(MARGIN + WIDTH, doc.y).lineWidth(0.8).stroke(INK);
}

function mainTable(
	doc: Doc,
	table: PeriodTable,
	names: Record<RowKey, string>,
	options: { header: string[]; locale: Locale; missing: (keys: MonthlyReport['thisMonth']['rows'][number]['missing']) => string }
): void {
	const { locale } = options;
	const widths = [122, 40, 72, 26, 42, 60, 50];
	const columns: Column[] = [
		{ width: widths[0]!, align: 'left' },
		...widths.slice(1).map((width) => ({ width, align: 'right' as const })),
		// The status takes what is left: the longest label ("Clearly below target") fits on one line.
		{ width: WIDTH - widths.reduce((a, b) => a + b, 0), align: 'left' }
	];
	const statusWidth = columns.at(-1)!.width - 6;
	const drawHeader = () => headerRow(doc, columns, options.header);
	drawHeader();
	for (const row of table.rows) {
		const c = row.cell;
		const indent = row.kind === 'dimension' ? 8 : 0;
		const nameFont = row.kind === 'index' ? 'bold' : 'regular';
		doc.font(nameFont).fontSize(8);
		let nameHeight = doc.heightOfString(names[row.key], { width: columns[0]!.width - 6 - indent });
		const missing = row.missing.length ? options.missing(row.missing) : '';
		if (missing) {
			doc.font('regular').fontSize(7);
			nameHeight += doc.heightOfString(missing, { width: columns[0]!.width - 6 - indent });
		}
		const height = Math.max(nameHeight, statusHeight(doc, c.status, locale, statusWidth)) + 7;
		ensureRoom(doc, height, drawHeader);
		const y = doc.y;
		if (row.kind === 'index') doc.rect(MARGIN, y, WIDTH, height).fill(INDEX_FILL);
		doc.font(nameFont).fontSize(8).fillColor(INK).text(names[row.key], MARGIN + 3 + indent, y + 3.5, { width: columns[0]!.width - 6 - indent });
		if (missing) doc.font('regular').fontSize(7).fillColor(MUTED).text(missing, MARGIN + 3 + indent, doc.y, { width: columns[0]!.width - 6 - indent });
		const cells = [
			formatPercent(c.estimate, locale),
			c.ci_low === null || c.ci_high === null ? '—' : `${formatPercent(c.ci_low, locale)}–${formatPercent(c.ci_high, locale)}`,
			integer(c.n, locale),
			formatPercent(c.baseline, locale),
			formatChange(c.change_pp, locale),
			formatPercent(c.target, locale)
		];
		let x = MARGIN + columns[0]!.width;
		cells.forEach((text, i) => {
			const column = columns[i + 1]!;
			doc.font(i === 0 ? 'bold' : 'regular').fontSize(8).fillColor(INK).text(text, x + 3, y + 3.5, { width: column.width - 6, align: column.align, lineBreak: false });
			x += column.width;
		});
		statusMark(doc, c.status, x + 3, y + 2.5, locale, { width: statusWidth });
		doc.y = y + height;
		doc.moveTo(MARGIN, doc.y).lineTo(MARGIN + WIDTH, doc.y).lineWidth(0.4).stroke(LINE);
	}
}

function compareTable(doc: Doc, periods: [string, PeriodTable][], names: Record<RowKey, string>, labels: { name: string; estimate: string; status: string }, locale: Locale): void {
	const nameWidth = 120;
	const per = (WIDTH - nameWidth) / periods.length;
	const estimateWidth = 42;
	const nWidth = 26;
	const statusWidth = per - estimateWidth - nWidth - 6;
	const size = 7;
	// Group header: the periods, then estimate, n and status under each.
	const drawHeader = () => {
		doc.font('bold').fontSize(7.5);
		const groupHeight = Math.max(...periods.map(([label]) => doc.heightOfString(label, { width: per - 6 }))) + 5;
		const y = doc.y;
		doc.rect(MARGIN, y, WIDTH, groupHeight + 14).fill(HEAD_FILL);
		periods.forEach(([label], i) => {
			doc.fillColor(INK).text(label, MARGIN + nameWidth + per * i + 3, y + 3, { width: per - 6, align: 'center' });
		});
		const y2 = y + groupHeight;
		doc.fillColor(INK).text(labels.name, MARGIN + 3, y2 + 2, { width: nameWidth - 6, lineBreak: false });
		periods.forEach((_, i) => {
			const x = MARGIN + nameWidth + per * i;
			doc.text(labels.estimate, x + 3, y2 + 2, { width: estimateWidth - 6, align: 'right', lineBreak: false });
			doc.text('n', x + estimateWidth + 3, y2 + 2, { width: nWidth - 6, align: 'right', lineBreak: false });
			doc.text(labels.status, x + estimateWidth + nWidth + 3, y2 + 2, { width: statusWidth, lineBreak: false });
			doc.moveTo(x, y).lineTo(x, y2 + 14).lineWidth(0.8).stroke(LINE);
		});
		doc.y = y2 + 14;
		doc.moveTo(MARGIN, doc.y).lineTo(MARGIN + WIDTH, doc.y).lineWidth(0.8).stroke(INK);
	};
	drawHeader();
	periods[0]![1].rows.forEach((row, r) => {
		const nameFont = row.kind === 'index' ? 'bold' : 'regular';
		const indent = row.kind === 'dimension' ? 8 : 0;
		doc.font(nameFont).fontSize(7.5);
		const nameHeight = doc.heightOfString(names[row.key], { width: nameWidth - 6 - indent });
		const statusHeights = periods.map(([, table]) => statusHeight(doc, table.rows[r]!.cell.status, locale, statusWidth, size));
		const height = Math.max(nameHeight, ...statusHeights) + 6;
		ensureRoom(doc, height, drawHeader);
		const y = doc.y;
		if (row.kind === 'index') doc.rect(MARGIN, y, WIDTH, height).fill(INDEX_FILL);
		doc.font(nameFont).fontSize(7.5).fillColor(INK).text(names[row.key], MARGIN + 3 + indent, y + 3, { width: nameWidth - 6 - indent });
		periods.forEach(([, table], i) => {
			const cell = table.rows[r]!.cell;
			const x = MARGIN + nameWidth + per * i;
			doc.font('bold').fontSize(7.5).fillColor(INK).text(formatPercent(cell.estimate, locale), x + 3, y + 3, { width: estimateWidth - 6, align: 'right', lineBreak: false });
			doc.font('regular').fontSize(7.5).fillColor(INK).text(integer(cell.n, locale), x + estimateWidth + 3, y + 3, { width: nWidth - 6, align: 'right', lineBreak: false });
			statusMark(doc, cell.status, x + estimateWidth + nWidth + 3, y + 2, locale, { width: statusWidth, size });
			doc.moveTo(x, y).lineTo(x, y + height).lineWidth(0.8).stroke(LINE);
		});
		doc.y = y + height;
		doc.moveTo(MARGIN, doc.y).lineTo(MARGIN + WIDTH, doc.y).lineWidth(0.4).stroke(LINE);
	});
}

/** One §9 ranking of the overall index as numbered lines: shrunk [interval], raw, n, "clearly below". */
function rankingLines(doc: Doc, title: string, ranking: Ranking, t: StaffTranslate, locale: Locale): void {
	section(doc, 40);
	doc.font('bold').fontSize(9).fillColor(INK).text(title, MARGIN, doc.y, { width: WIDTH });
	const verdict =
		ranking.verdict === 'too_few'
			? t('rank.tooFew')
			: ranking.verdict === 'no_difference'
				? t('rank.noDifference', { mean: formatPercent(ranking.mean, locale) })
				: t('rank.differ', { mean: formatPercent(ranking.mean, locale) });
	doc.font('regular').fontSize(7.5).fillColor(MUTED).text(verdict, MARGIN, doc.y, { width: WIDTH });
	for (const group of ranking.groups) {
		const shrunk = group.shrunk === null ? '' : `${formatPercent(group.shrunk, locale)} [${formatInterval(group.lower === null || group.upper === null ? null : { lower: group.lower, upper: group.upper }, locale)}] · `;
		const line = `${group.rank ?? '–'}. ${group.name}: ${shrunk}${t('rank.col.raw')} ${formatPercent(group.raw, locale)}, n = ${integer(group.n, locale)}${group.clearlyBelow ? ` · ${t('rank.clearlyBelow')}` : ''}`;
		section(doc, 12);
		doc.font(group.clearlyBelow ? 'bold' : 'regular').fontSize(8).fillColor(INK).text(line, MARGIN + 8, doc.y, { width: WIDTH - 8 });
	}
	doc.moveDown(0.4);
}

/** Per dimension, the units and the counters that pull it down most, as on the page. */
function pullTable(doc: Doc, pulling: MonthlyReport['pullingDown'], names: Record<RowKey, string>, t: StaffTranslate, locale: Locale): void {
	const columns: Column[] = [
		{ width: 135, align: 'left' },
		{ width: (WIDTH - 135) / 2, align: 'left' },
		{ width: (WIDTH - 135) / 2, align: 'left' }
	];
	const drawHeader = () => headerRow(doc, columns, [t('report.col.dimension'), t('report.pullUnits'), t('report.pullCounters')]);
	const groupLines = (groups: PullingGroup[]) =>
		groups.length === 0
			? [{ name: t('report.pullNone'), numbers: '' }]
			: groups.map((group, i) => ({
					name: `${i + 1}. ${group.name}`,
					numbers: t('report.pullLine', { estimate: formatPercent(group.estimate, locale), n: integer(group.n, locale), points: formatChange(-group.points, locale) })
				}));
	const cellHeight = (lines: { name: string; numbers: string }[], width: number) =>
		lines.reduce((total, line) => {
			doc.font(line.numbers ? 'bold' : 'regular').fontSize(7.5);
			let height = doc.heightOfString(line.name, { width });
			if (line.numbers) {
				doc.font('regular').fontSize(7);
				height += doc.heightOfString(line.numbers, { width });
			}
			return total + height + 2;
		}, 0);
	const drawCell = (lines: { name: string; numbers: string }[], x: number, y: number, width: number) => {
		doc.y = y;
		for (const line of lines) {
			doc.font(line.numbers ? 'bold' : 'regular').fontSize(7.5).fillColor(line.numbers ? INK : MUTED).text(line.name, x, doc.y, { width });
			if (line.numbers) doc.font('regular').fontSize(7).fillColor(MUTED).text(line.numbers, x, doc.y, { width });
			doc.y += 2;
		}
	};
	drawHeader();
	for (const key of DIMENSION_KEYS) {
		const units = groupLines(pulling.units[key]);
		const counters = groupLines(pulling.counters[key]);
		doc.font('bold').fontSize(8);
		const height =
			Math.max(
				doc.heightOfString(names[key], { width: columns[0]!.width - 6 }),
				cellHeight(units, columns[1]!.width - 6),
				cellHeight(counters, columns[2]!.width - 6)
			) + 6;
		ensureRoom(doc, height, drawHeader);
		const y = doc.y;
		doc.font('bold').fontSize(8).fillColor(INK).text(names[key], MARGIN + 3, y + 3, { width: columns[0]!.width - 6 });
		drawCell(units, MARGIN + columns[0]!.width + 3, y + 3, columns[1]!.width - 6);
		drawCell(counters, MARGIN + columns[0]!.width + columns[1]!.width + 3, y + 3, columns[2]!.width - 6);
		doc.y = y + height;
		doc.moveTo(MARGIN, doc.y).lineTo(MARGIN + WIDTH, doc.y).lineWidth(0.4).stroke(LINE);
	}
}

/** The overall index and each dimension over the months: small multiples, two a row, one legend. */
function trendsSection(doc: Doc, report: MonthlyReport, names: Record<RowKey, string>, t: StaffTranslate, locale: Locale): void {
	const keys: RowKey[] = ['overall', ...DIMENSION_KEYS];
	const gap = 14;
	const width = (WIDTH - gap) / 2;
	const chartHeight = 112;
	const titleHeight = 24;
	doc.addPage();
	heading(doc, t('report.trendTitle', { months: report.trend.months.length }));
	hint(doc, t('report.trendHint'));
	drawTrendLegend(
		doc,
		MARGIN,
		doc.y,
		{ estimate: t('report.trend.estimate'), interval: t('report.trend.interval'), baseline: t('report.trend.baseline'), target: t('report.trend.target') },
		'regular'
	);
	doc.y += 16;
	const monthLabel = (m: string) => (locale === 'vi' ? `T${Number(m.slice(5, 7))}/${m.slice(2, 4)}` : `${m.slice(5, 7)}/${m.slice(2, 4)}`);
	for (let i = 0; i < keys.length; i += 2) {
		if (doc.y + titleHeight + chartHeight > BOTTOM) doc.addPage();
		const top = doc.y;
		keys.slice(i, i + 2).forEach((key, j) => {
			const x = MARGIN + j * (width + gap);
			doc.font('bold').fontSize(8.5).fillColor(INK).text(names[key], x, top, { width, height: titleHeight, ellipsis: true });
			const points = report.trend.series[key];
			if (points.some((point) => point.estimate !== null)) {
				drawTrend(doc, points, { x, y: top + titleHeight, width, height: chartHeight }, { fontRegular: 'regular', monthLabel }, locale);
			} else {
				doc.font('regular').fontSize(8).fillColor(MUTED).text(t('report.pdf.trendEmpty'), x, top + titleHeight + 10, { width });
			}
		});
		doc.y = top + titleHeight + chartHeight + 8;
	}
}

/** Petitions by month of receipt (the page's first table of CaseFigures.svelte), with the total. */
function petitionsSection(doc: Doc, figures: CaseFigures, t: StaffTranslate, locale: Locale): void {
	section(doc, 90);
	doc.moveDown(0.8);
	heading(doc, t('petitions.figures.title'));
	const months = figures.months.filter((m) => m.received > 0);
	if (months.length === 0) {
		hint(doc, t('petitions.figures.none'));
		return;
	}
	const share = (value: number | null) => (value === null ? '—' : formatPercent(value, locale));
	const days = (value: number | null) => (value === null ? '—' : String(value).replace('.', locale === 'vi' ? ',' : '.'));
	const columns: Column[] = [110, 70, 70, 90, 85, 90].map((width, i) => ({ width: (width / 515) * WIDTH, align: i === 0 ? 'left' : 'right' }));
	const labels = ['month', 'received', 'answered', 'onTime', 'median', 'satisfied'].map((k) => t(`petitions.figures.${k}` as Parameters<StaffTranslate>[0]));
	headerRow(doc, columns, labels);
	const rows = [
		...months.map((m) => ({ label: formatMonth(Number(m.month.slice(0, 4)), Number(m.month.slice(5, 7)), locale), row: m, bold: false })),
		{ label: t('petitions.figures.total'), row: figures.total, bold: true }
	];
	for (const { label, row, bold } of rows) {
		ensureRoom(doc, 16, () => headerRow(doc, columns, labels));
		const cells = [label, String(row.received), String(row.answered), `${row.onTime} (${share(row.onTimeShare)})`, days(row.medianDays), `${share(row.satisfiedShare)} (n = ${row.rated})`];
		const y = doc.y + 3;
		let x = MARGIN;
		doc.font(bold ? 'bold' : 'regular').fontSize(8).fillColor(INK);
		cells.forEach((text, i) => {
			doc.text(text, x + 3, y, { width: columns[i]!.width - 6, align: columns[i]!.align, lineBreak: false });
			x += columns[i]!.width;
		});
		doc.y = y + 13;
		doc.moveTo(MARGIN, doc.y).lineTo(MARGIN + WIDTH, doc.y).lineWidth(0.4).stroke(LINE);
	}
	doc.moveDown(0.5);
	hint(doc, t('petitions.figures.note'));
}
