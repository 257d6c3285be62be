import PDFDocument from 'pdfkit';
import type { Locale } from '../../../i18n';
import { staffTranslator } from '../../../i18n/staff';
import { STATUS_LABELS, STATUSES, formatChange, formatMonth, formatPercent, type Status } from '../../../sipas';
import { STATUS_LOOK } from '../../../components/charts/status';
import { monthRange } from '../../../components/charts/months';
import { addMonths } from '../../../sipas/calendar';
import { formatDateTime } from '../../http/time';
import type { RowKey } from '../../../report/rows';
import type { MonthlyReport, PeriodTable } from '../monthly-report';
import { FONTS } from './fonts';
import { drawStatusIcon } from './status-icon';
import { drawTrend } from './trend';

type Doc = InstanceType<typeof PDFDocument>;

/**
 * The monthly report as a PDF a leader can attach to an email: A4 portrait, DejaVu Sans (so every
 * Vietnamese diacritic renders), the notice, the month's table, the comparison with the year to
 * date and the last three months, and the overall index's trend drawn as vectors. The same numbers
 * and formats as the page (src/lib/sipas), statuses in words, colour and shape.
 */

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 40;
const WIDTH = A4.width - 2 * MARGIN;
const INK = '#1b1b1f';
const MUTED = '#4a4a55';
const LINE = '#c9c5bd';
const HEAD_FILL = '#eceae4';
const INDEX_FILL = '#f7f5f0';
const BRAND = '#a4161a';

export interface ReportPdfInput {
	report: MonthlyReport;
	agencyName: string;
	locale: Locale;
	minimumSample: number;
	now?: Date;
}

export async function monthlyReportPdf(input: ReportPdfInput): Promise<Buffer> {
	const { report, locale } = input;
	const t = staffTranslator(locale);
	const monthOf = (key: string) => formatMonth(Number(key.slice(0, 4)), Number(key.slice(5, 7)), locale);
	const monthLabel = monthOf(report.month);
	const names: Record<RowKey, string> = {
		...report.names,
		overall: t('report.index.overall'),
		service: t('report.index.service'),
		policy: t('report.index.policy')
	};

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

	// Title, agency, notice.
	doc.font('bold').fontSize(16).fillColor(INK).text(t('report.title', { month: monthLabel }), MARGIN, MARGIN, { width: WIDTH });
	doc.font('regular').fontSize(10.5).fillColor(MUTED).text(input.agencyName, { width: WIDTH });
	doc.moveDown(0.6);
	const noticeY = doc.y;
	doc.font('bold').fontSize(9);
	const noticeHeight = doc.heightOfString(t('report.notice'), { width: WIDTH - 16 }) + 10;
	doc.rect(MARGIN, noticeY, WIDTH, noticeHeight).lineWidth(1.2).fillAndStroke('#fff8f6', BRAND);
	doc.fillColor(INK).text(t('report.notice'), MARGIN + 8, noticeY + 5, { width: WIDTH - 16 });
	doc.y = noticeY + noticeHeight + 12;

	// The month's table.
	heading(doc, t('report.monthResults', { month: monthLabel }));
	doc.font('regular').fontSize(8).fillColor(MUTED).text(t('report.responsesCounted', { n: integer(report.thisMonth.n, locale) }), MARGIN, doc.y, { width: WIDTH });
	doc.moveDown(0.4);
	const year = Number(report.month.slice(0, 4));
	mainTable(doc, report.thisMonth, names, {
		header: [
			t('report.col.name'),
			t('report.col.estimate'),
			t('report.col.interval'),
			'n',
			report.baselineYear === null ? t('report.col.baselineNone') : t('report.col.baseline', { year: report.baselineYear }),
			t('report.col.change'),
			t('report.col.target', { year }),
			t('report.col.status')
		],
		locale,
		missing: (keys) => t('report.missing', { names: keys.map((k) => names[k]).join('; ') })
	});

	// Beside the month: year to date and the last three months.
	doc.moveDown(1);
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

	// Trend of the overall index.
	doc.moveDown(1);
	const trendHeight = 215;
	if (doc.y + trendHeight + 30 > A4.height - MARGIN - 20) doc.addPage();
	heading(doc, t('report.pdf.trendTitle', { months: report.trend.months.length }));
	const points = report.trend.series.overall;
	if (points.some((p) => p.estimate !== null)) {
		const top = doc.y + 2;
		drawTrend(
			doc,
			points,
			{ x: MARGIN, y: top, width: WIDTH, height: trendHeight },
			{
				fontRegular: 'regular',
				monthLabel: (m) => (locale === 'vi' ? `T${Number(m.slice(5, 7))}/${m.slice(2, 4)}` : `${m.slice(5, 7)}/${m.slice(2, 4)}`),
				legend: {
					estimate: t('report.trend.estimate'),
					interval: t('report.trend.interval'),
					baseline: t('report.trend.baseline'),
					target: t('report.trend.target')
				}
			},
			locale
		);
		doc.y = top + trendHeight + 6;
	} else {
		doc.font('regular').fontSize(9).fillColor(MUTED).text(t('report.pdf.trendEmpty'), MARGIN, doc.y, { width: WIDTH });
	}

	// How to read the statuses.
	doc.moveDown(1);
	if (doc.y + 110 > A4.height - MARGIN - 20) doc.addPage();
	heading(doc, t('report.readTitle'));
	for (const status of STATUSES) {
		const y = doc.y;
		statusMark(doc, status, MARGIN, y, locale);
		doc.font('regular').fontSize(8).fillColor(INK).text(t(`report.statusRule.${status}`, { minimum: input.minimumSample }), MARGIN + 110, y + 1, { width: WIDTH - 110 });
		doc.y = Math.max(doc.y, y + 13) + 2;
	}
	doc.moveDown(0.5);
	doc.font('regular').fontSize(7.5).fillColor(MUTED).text(t('report.method'), MARGIN, doc.y, { width: WIDTH });

	// Footer on every page: when it was made, and page numbers.
	const generated = t('report.pdf.generated', { date: formatDateTime(input.now ?? new Date(), locale) ?? '' });
	const range_ = doc.bufferedPageRange();
	for (let i = range_.start; i < range_.start + range_.count; i++) {
		doc.switchToPage(i);
		const y = A4.height - MARGIN + 8;
		doc.font('regular').fontSize(7).fillColor(MUTED);
		doc.text(`${input.agencyName} · ${generated}`, MARGIN, y, { width: WIDTH * 0.75, lineBreak: false, height: 10 });
		doc.text(t('report.pdf.page', { page: i + 1, pages: range_.count }), MARGIN, y, { width: WIDTH, align: 'right', lineBreak: false, height: 10 });
	}
	doc.end();
	return done;
}

function heading(doc: Doc, text: string): void {
	doc.font('bold').fontSize(11.5).fillColor(INK).text(text, MARGIN, doc.y, { width: WIDTH });
	doc.moveDown(0.3);
}

function integer(n: number, locale: Locale): string {
	return new Intl.NumberFormat(locale === 'vi' ? 'vi-VN' : 'en-GB').format(n);
}

/** A status's shape and words in its colour; returns the width used. */
function statusMark(doc: Doc, status: Status | null, x: number, y: number, locale: Locale): void {
	if (!status) {
		doc.font('regular').fontSize(8).fillColor(INK).text('—', x, y + 1, { lineBreak: false });
		return;
	}
	const look = STATUS_LOOK[status];
	drawStatusIcon(doc, look.shape, x, y + 1.5, 8, look.ink);
	doc.font('bold').fontSize(8).fillColor(look.ink).text(STATUS_LABELS[locale][status], x + 11, y + 1, { lineBreak: false });
}

interface Column {
	width: number;
	align: 'left' | 'right';
}

/** Starts a new page (and repeats the header) when a row of `height` would not fit. */
function ensureRoom(doc: Doc, height: number, redrawHeader: () => void): void {
	if (doc.y + height > A4.height - MARGIN - 16) {
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
	const columns: Column[] = [
		{ width: 142, align: 'left' },
		{ width: 44, align: 'right' },
		{ width: 78, align: 'right' },
		{ width: 30, align: 'right' },
		{ width: 46, align: 'right' },
		{ width: 58, align: 'right' },
		{ width: 46, align: 'right' },
		{ width: WIDTH - 444, align: 'left' }
	];
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
		const height = nameHeight + 7;
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
		statusMark(doc, c.status, x + 3, y + 2.5, locale);
		doc.y = y + height;
		doc.moveTo(MARGIN, doc.y).lineTo(MARGIN + WIDTH, doc.y).lineWidth(0.4).stroke(LINE);
	}
}

function compareTable(doc: Doc, periods: [string, PeriodTable][], names: Record<RowKey, string>, labels: { name: string; estimate: string; status: string }, locale: Locale): void {
	const nameWidth = 160;
	const per = (WIDTH - nameWidth) / periods.length;
	const estimateWidth = 44;
	// Group header: the periods, then estimate and status under each.
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
			doc.text(labels.status, x + estimateWidth + 3, y2 + 2, { width: per - estimateWidth - 6, lineBreak: false });
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
		const height = doc.heightOfString(names[row.key], { width: nameWidth - 6 - indent }) + 6;
		ensureRoom(doc, height, drawHeader);
		const y = doc.y;
		if (row.kind === 'index') doc.rect(MARGIN, y, WIDTH, height).fill(INDEX_FILL);
		doc.font(nameFont).fontSize(7.5).fillColor(INK).text(names[row.key], MARGIN + 3 + indent, y + 3, { width: nameWidth - 6 - indent });
		periods.forEach(([, table], i) => {
			const cell = table.rows[r]!.cell;
			const x = MARGIN + nameWidth + per * i;
			doc.font('bold').fontSize(7.5).fillColor(INK).text(formatPercent(cell.estimate, locale), x + 3, y + 3, { width: estimateWidth - 6, align: 'right', lineBreak: false });
			statusMark(doc, cell.status, x + estimateWidth + 3, y + 2, locale);
			doc.moveTo(x, y).lineTo(x, y + height).lineWidth(0.8).stroke(LINE);
		});
		doc.y = y + height;
		doc.moveTo(MARGIN, doc.y).lineTo(MARGIN + WIDTH, doc.y).lineWidth(0.4).stroke(LINE);
	});
}
