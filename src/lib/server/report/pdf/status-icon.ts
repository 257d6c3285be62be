import type PDFDocument from 'pdfkit';
import type { StatusShape } from '../../../components/charts/status';

type Doc = InstanceType<typeof PDFDocument>;

/**
 * The status shapes of the page (StatusBadge.svelte) drawn as PDF vectors, in a square of `size`
 * points with its top-left corner at (x, y): a reader of a black-and-white print tells the
 * statuses apart by shape.
 */
export function drawStatusIcon(doc: Doc, shape: StatusShape, x: number, y: number, size: number, colour: string): void {
	const c = size / 2;
	doc.save();
	doc.lineWidth(size / 8);
	switch (shape) {
		case 'tick':
			doc.circle(x + c, y + c, c).fill(colour);
			doc
				.moveTo(x + size * 0.26, y + size * 0.52)
				.lineTo(x + size * 0.43, y + size * 0.68)
				.lineTo(x + size * 0.74, y + size * 0.33)
				.lineWidth(size / 7)
				.stroke('#ffffff');
			break;
		case 'up':
			doc.polygon([x + c, y], [x + size, y + size], [x, y + size]).fill(colour);
			break;
		case 'down':
			doc.polygon([x + size * 0.06, y + size * 0.08], [x + size * 0.94, y + size * 0.08], [x + c, y + size * 0.94]).stroke(colour);
			break;
		case 'cross':
			doc.rect(x, y, size, size).fill(colour);
			doc
				.moveTo(x + size * 0.28, y + size * 0.28)
				.lineTo(x + size * 0.72, y + size * 0.72)
				.moveTo(x + size * 0.72, y + size * 0.28)
				.lineTo(x + size * 0.28, y + size * 0.72)
				.lineWidth(size / 7)
				.stroke('#ffffff');
			break;
		case 'empty':
			doc.circle(x + c, y + c, c * 0.85).dash(size / 5, { space: size / 8 }).stroke(colour);
			doc.undash();
			break;
	}
	doc.restore();
}
