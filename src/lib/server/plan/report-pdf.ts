import PDFDocument from 'pdfkit';
import { FONTS } from '../report/pdf/fonts';
import type { PlanReport } from './report';

/**
 * The plan's progress report as a PDF, the same lines as the Word document (report.ts): A4,
 * DejaVu Sans (every Vietnamese diacritic), the two-column header and signature block of a
 * Vietnamese administrative report, one section per criterion.
 */
const A4 = { width: 595.28, height: 841.89 };
const MARGIN = { top: 56, bottom: 56, left: 70, right: 50 };
const WIDTH = A4.width - MARGIN.left - MARGIN.right;

export async function planReportPdf(report: PlanReport): Promise<Buffer> {
	const doc = new PDFDocument({
		size: 'A4',
		margins: MARGIN,
		font: FONTS.regular,
		info: { Title: report.title, Author: report.agencyName, Subject: report.kind },
		lang: report.locale === 'vi' ? 'vi-VN' : 'en-GB'
	});
	doc.registerFont('regular', FONTS.regular);
	doc.registerFont('bold', FONTS.bold);
	const chunks: Buffer[] = [];
	doc.on('data', (chunk: Buffer) => chunks.push(chunk));
	const done = new Promise<Buffer>((resolve, reject) => {
		doc.on('end', () => resolve(Buffer.concat(chunks)));
		doc.on('error', reject);
	});

	const columns = (left: { text: string; bold?: boolean; size?: number }[], right: { text: string; bold?: boolean; size?: number }[], split = 0.42) => {
		const top = doc.y;
		const leftWidth = WIDTH * split;
		let y = top;
		for (const line of left) {
			doc.font(line.bold ? 'bold' : 'regular').fontSize(line.size ?? 10.5).text(line.text, MARGIN.left, y, { width: leftWidth, align: 'center' });
			y = doc.y;
		}
		const leftEnd = y;
		y = top;
		for (const line of right) {
			doc.font(line.bold ? 'bold' : 'regular').fontSize(line.size ?? 10.5).text(line.text, MARGIN.left + leftWidth, y, { width: WIDTH - leftWidth, align: 'center' });
			y = doc.y;
		}
		doc.x = MARGIN.left;
		doc.y = Math.max(leftEnd, y);
	};
	const paragraph = (text: string, options: { bold?: boolean; size?: number; align?: 'left' | 'center' | 'justify'; indent?: number; gap?: number } = {}) => {
		doc.font(options.bold ? 'bold' : 'regular').fontSize(options.size ?? 11).text(text, MARGIN.left, doc.y, { width: WIDTH, align: options.align ?? 'justify', indent: options.indent ?? 0 });
		doc.moveDown(options.gap ?? 0.3);
	};

	columns(
		[{ text: report.agencyName.toUpperCase(), bold: true, size: 10 }, { text: report.numberLine }],
		[{ text: report.nation, bold: true, size: 10 }, { text: report.motto, bold: true }, { text: report.placeDate }]
	);
	doc.moveDown(1.5);
	paragraph(report.kind, { bold: true, size: 13, align: 'center', gap: 0.1 });
	paragraph(report.title, { bold: true, align: 'center', gap: 1 });
	paragraph(report.opening, { indent: 24 });
	for (const section of report.sections) {
		doc.moveDown(0.4);
		paragraph(section.heading, { bold: true });
		for (const c of section.criteria) {
			paragraph(c.heading, { bold: true, indent: 24, gap: 0.15 });
			for (const line of c.lines) paragraph(line, { indent: 24, gap: 0.1 });
			paragraph(c.units, { size: 10, indent: 24, gap: 0.5 });
		}
	}
	doc.moveDown(0.4);
	paragraph(report.closingHeading, { bold: true });
	for (const line of report.closing) paragraph(line, { indent: 24 });
	doc.moveDown(1);
	if (doc.y > A4.height - MARGIN.bottom - 140) doc.addPage();
	columns(
		[{ text: report.recipientsTitle, bold: true, size: 10 }, ...report.recipients.map((text) => ({ text, size: 9.5 }))],
		[...report.signerRole.map((text) => ({ text, bold: true })), { text: '\n\n\n\n' }, { text: report.signer, bold: true }],
		0.5
	);
	doc.end();
	return done;
}
