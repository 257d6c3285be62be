import { AlignmentType, BorderStyle, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { PlanReport } from './report';

/**
 * The plan's progress report as a Word document (.docx, the `docx` package): A4, Times New Roman
 * 13 pt as Vietnamese administrative documents are written, the two-column header (agency |
 * national motto; number | place and date) and signature block (recipients | signer) as tables
 * without borders.
 */
const FONT = 'Times New Roman';
const SIZE = 26; // half-points: 13 pt
const NONE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const NO_BORDERS = { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE };

const run = (text: string, options: { bold?: boolean; italics?: boolean; size?: number } = {}) => new TextRun({ text, font: FONT, size: options.size ?? SIZE, bold: options.bold, italics: options.italics });
const para = (text: string, options: { bold?: boolean; italics?: boolean; center?: boolean; indent?: boolean; size?: number; after?: number } = {}) =>
	new Paragraph({
		children: [run(text, options)],
		alignment: options.center ? AlignmentType.CENTER : AlignmentType.JUSTIFIED,
		indent: options.indent ? { firstLine: 567 } : undefined,
		spacing: { after: options.after ?? 120 }
	});

function twoColumns(left: Paragraph[], right: Paragraph[], widths: [number, number] = [40, 60]): Table {
	return new Table({
		width: { size: 100, type: WidthType.PERCENTAGE },
		borders: NO_BORDERS,
		rows: [
			new TableRow({
				children: [
					new TableCell({ children: left, width: { size: widths[0], type: WidthType.PERCENTAGE }, borders: NO_BORDERS }),
					new TableCell({ children: right, width: { size: widths[1], type: WidthType.PERCENTAGE }, borders: NO_BORDERS })
				]
			})
		]
	});
}

export async function planReportDocx(report: PlanReport): Promise<Buffer> {
	const body: (Paragraph | Table)[] = [
		twoColumns(
			[para(report.agencyName.toUpperCase(), { bold: true, center: true, size: 24 }), para(report.numberLine, { center: true })],
			[para(report.nation, { bold: true, center: true, size: 24 }), para(report.motto, { bold: true, center: true }), para(report.placeDate, { italics: true, center: true })]
		),
		para('', { after: 240 }),
		para(report.kind, { bold: true, center: true, size: 28, after: 60 }),
		para(report.title, { bold: true, center: true, after: 360 }),
		para(report.opening, { indent: true })
	];
	for (const section of report.sections) {
		body.push(para(section.heading, { bold: true, after: 160 }));
		for (const c of section.criteria) {
			body.push(para(c.heading, { bold: true, indent: true }));
			for (const line of c.lines) body.push(para(line, { indent: true }));
			body.push(para(c.units, { italics: true, indent: true, after: 200 }));
		}
	}
	body.push(para(report.closingHeading, { bold: true, after: 160 }));
	for (const line of report.closing) body.push(para(line, { indent: true }));
	body.push(para('', { after: 240 }));
	body.push(
		twoColumns(
			[para(report.recipientsTitle, { bold: true, italics: true, size: 24, after: 40 }), ...report.recipients.map((r) => para(r, { size: 22, after: 0 }))],
			[...report.signerRole.map((line) => para(line, { bold: true, center: true, after: 0 })), para('', { after: 1200 }), para(report.signer, { bold: true, center: true })],
			[50, 50]
		)
	);
	const document = new Document({
		creator: report.agencyName,
		title: report.title,
		description: report.kind,
		styles: { default: { document: { run: { font: FONT, size: SIZE } } } },
		sections: [
			{
				properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: 1134, bottom: 1134, left: 1701, right: 1134 } } },
				children: body
			}
		]
	});
	return Packer.toBuffer(document);
}
